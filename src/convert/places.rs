//! A small gazetteer: provinces, and the cities that commerce documents of this genre
//! most often come from, with their province, administrative level and English name.
//! It lets the converter say "Wuhan, Hubei, prefecture-level" from a title that only
//! says 武汉市. A place missing here still gets its Chinese name from patterns such as
//! X市商务局; the sidecar supplies the rest.

use crate::brief::Level;
use std::sync::OnceLock;

/// A city or district we can recognise by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub name: &'static str,
    pub english: &'static str,
    pub province: &'static str,
    pub level: Level,
}

pub const PROVINCES: &[&str] = &[
    "北京",
    "天津",
    "上海",
    "重庆",
    "河北",
    "山西",
    "辽宁",
    "吉林",
    "黑龙江",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "海南",
    "四川",
    "贵州",
    "云南",
    "陕西",
    "甘肃",
    "青海",
    "台湾",
    "内蒙古",
    "广西",
    "西藏",
    "宁夏",
    "新疆",
    "香港",
    "澳门",
];

const fn place(
    name: &'static str,
    english: &'static str,
    province: &'static str,
    level: Level,
) -> Place {
    Place {
        name,
        english,
        province,
        level,
    }
}

use Level::{CountyLevelCity as County, Municipality as Muni, PrefectureCity as Pref};

pub const PLACES: &[Place] = &[
    place("北京", "Beijing", "北京", Muni),
    place("上海", "Shanghai", "上海", Muni),
    place("天津", "Tianjin", "天津", Muni),
    place("重庆", "Chongqing", "重庆", Muni),
    place("广州", "Guangzhou", "广东", Pref),
    place("深圳", "Shenzhen", "广东", Pref),
    place("东莞", "Dongguan", "广东", Pref),
    place("佛山", "Foshan", "广东", Pref),
    place("汕头", "Shantou", "广东", Pref),
    place("杭州", "Hangzhou", "浙江", Pref),
    place("宁波", "Ningbo", "浙江", Pref),
    place("温州", "Wenzhou", "浙江", Pref),
    place("金华", "Jinhua", "浙江", Pref),
    place("绍兴", "Shaoxing", "浙江", Pref),
    place("嘉兴", "Jiaxing", "浙江", Pref),
    place("湖州", "Huzhou", "浙江", Pref),
    place("台州", "Taizhou", "浙江", Pref),
    place("义乌", "Yiwu", "浙江", County),
    place("永康", "Yongkang", "浙江", County),
    place("温岭", "Wenling", "浙江", County),
    place("慈溪", "Cixi", "浙江", County),
    place("余姚", "Yuyao", "浙江", County),
    place("诸暨", "Zhuji", "浙江", County),
    place("瑞安", "Rui'an", "浙江", County),
    place("乐清", "Yueqing", "浙江", County),
    place("鹿城", "Lucheng", "浙江", Level::District),
    place("南京", "Nanjing", "江苏", Pref),
    place("苏州", "Suzhou", "江苏", Pref),
    place("无锡", "Wuxi", "江苏", Pref),
    place("常州", "Changzhou", "江苏", Pref),
    place("徐州", "Xuzhou", "江苏", Pref),
    place("南通", "Nantong", "江苏", Pref),
    place("连云港", "Lianyungang", "江苏", Pref),
    place("扬州", "Yangzhou", "江苏", Pref),
    place("昆山", "Kunshan", "江苏", County),
    place("常熟", "Changshu", "江苏", County),
    place("张家港", "Zhangjiagang", "江苏", County),
    place("江阴", "Jiangyin", "江苏", County),
    place("济南", "Jinan", "山东", Pref),
    place("青岛", "Qingdao", "山东", Pref),
    place("临沂", "Linyi", "山东", Pref),
    place("烟台", "Yantai", "山东", Pref),
    place("潍坊", "Weifang", "山东", Pref),
    place("威海", "Weihai", "山东", Pref),
    place("福州", "Fuzhou", "福建", Pref),
    place("厦门", "Xiamen", "福建", Pref),
    place("泉州", "Quanzhou", "福建", Pref),
    place("晋江", "Jinjiang", "福建", County),
    place("石狮", "Shishi", "福建", County),
    place("武汉", "Wuhan", "湖北", Pref),
    place("宜昌", "Yichang", "湖北", Pref),
    place("襄阳", "Xiangyang", "湖北", Pref),
    place("长沙", "Changsha", "湖南", Pref),
    place("郑州", "Zhengzhou", "河南", Pref),
    place("洛阳", "Luoyang", "河南", Pref),
    place("合肥", "Hefei", "安徽", Pref),
    place("南昌", "Nanchang", "江西", Pref),
    place("成都", "Chengdu", "四川", Pref),
    place("贵阳", "Guiyang", "贵州", Pref),
    place("昆明", "Kunming", "云南", Pref),
    place("西安", "Xi'an", "陕西", Pref),
    place("兰州", "Lanzhou", "甘肃", Pref),
    place("西宁", "Xining", "青海", Pref),
    place("银川", "Yinchuan", "宁夏", Pref),
    place("乌鲁木齐", "Urumqi", "新疆", Pref),
    place("霍尔果斯", "Khorgas", "新疆", County),
    place("呼和浩特", "Hohhot", "内蒙古", Pref),
    place("满洲里", "Manzhouli", "内蒙古", County),
    place("南宁", "Nanning", "广西", Pref),
    place("凭祥", "Pingxiang", "广西", County),
    place("海口", "Haikou", "海南", Pref),
    place("三亚", "Sanya", "海南", Pref),
    place("石家庄", "Shijiazhuang", "河北", Pref),
    place("太原", "Taiyuan", "山西", Pref),
    place("沈阳", "Shenyang", "辽宁", Pref),
    place("大连", "Dalian", "辽宁", Pref),
    place("长春", "Changchun", "吉林", Pref),
    place("哈尔滨", "Harbin", "黑龙江", Pref),
    place("拉萨", "Lhasa", "西藏", Pref),
];

/// The place with exactly this name (without its 市/区/县 suffix).
pub fn lookup(name: &str) -> Option<&'static Place> {
    let bare = name.trim_end_matches(['市', '区', '县']);
    PLACES.iter().find(|p| p.name == bare)
}

/// Names grouped by their first character, so scanning a text compares only the
/// names that can start at each position.
struct NameIndex {
    names: Vec<&'static str>,
    /// `(first character, name index)`, sorted for binary search.
    by_first: Vec<(char, usize)>,
    /// One bit per Basic Multilingual Plane character: does a name start with it?
    /// Almost no character of a text does, and a bit test is far cheaper than the
    /// binary search.
    starts: Vec<u64>,
}

fn bmp_bit(c: char) -> Option<(usize, u64)> {
    let code = c as usize;
    (code < 0x10000).then(|| (code >> 6, 1u64 << (code & 63)))
}

impl NameIndex {
    fn new(names: Vec<&'static str>) -> NameIndex {
        let mut by_first: Vec<(char, usize)> = names
            .iter()
            .enumerate()
            .filter_map(|(i, name)| name.chars().next().map(|c| (c, i)))
            .collect();
        by_first.sort();
        let mut starts = vec![0u64; 0x10000 / 64];
        for (word, bit) in by_first.iter().filter_map(|&(c, _)| bmp_bit(c)) {
            starts[word] |= bit;
        }
        NameIndex {
            names,
            by_first,
            starts,
        }
    }

    /// Whether no name can start with `c`; outside the BMP the search decides.
    fn skips(&self, c: char) -> bool {
        bmp_bit(c).is_some_and(|(word, bit)| self.starts[word] & bit == 0)
    }

    /// How often each name occurs in `text`, in one pass over the text.
    fn count(&self, text: &str) -> Vec<usize> {
        let mut counts = vec![0; self.names.len()];
        for (i, c) in text.char_indices() {
            if self.skips(c) {
                continue;
            }
            let first = self.by_first.partition_point(|&(f, _)| f < c);
            for &(f, n) in &self.by_first[first..] {
                if f != c {
                    break;
                }
                if text[i..].starts_with(self.names[n]) {
                    counts[n] += 1;
                }
            }
        }
        counts
    }
}

fn place_index() -> &'static NameIndex {
    static INDEX: OnceLock<NameIndex> = OnceLock::new();
    INDEX.get_or_init(|| NameIndex::new(PLACES.iter().map(|p| p.name).collect()))
}

/// Places, then provinces: a long text is read once for both.
fn both_index() -> &'static NameIndex {
    static INDEX: OnceLock<NameIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let places = PLACES.iter().map(|p| p.name);
        NameIndex::new(places.chain(PROVINCES.iter().copied()).collect())
    })
}

/// Every gazetteer place named in `text`, with how often, most frequent first (ties
/// in gazetteer order, so the result is deterministic).
pub fn mentions(text: &str) -> Vec<(&'static Place, usize)> {
    ranked_places(&place_index().count(text))
}

/// `mentions` and `province_in` of the same text, reading it once.
pub fn mentions_and_province(text: &str) -> (Vec<(&'static Place, usize)>, Option<&'static str>) {
    let counts = both_index().count(text);
    let (places, provinces) = counts.split_at(PLACES.len());
    (ranked_places(places), clear_province(provinces))
}

fn ranked_places(counts: &[usize]) -> Vec<(&'static Place, usize)> {
    let mut ranked: Vec<(&'static Place, usize)> = PLACES
        .iter()
        .zip(counts.iter().copied())
        .filter(|&(_, n)| n > 0)
        .collect();
    ranked.sort_by_key(|c| std::cmp::Reverse(c.1));
    ranked
}

/// The province named clearly most often (at least three times and twice as often
/// as any other), if any: a document names other provinces in passing.
fn clear_province(counts: &[usize]) -> Option<&'static str> {
    let mut ranked: Vec<(&'static str, usize)> = PROVINCES
        .iter()
        .copied()
        .zip(counts.iter().copied())
        .collect();
    ranked.sort_by_key(|c| std::cmp::Reverse(c.1));
    let (best, count) = ranked[0];
    (count >= 3 && count >= 2 * ranked[1].1).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_strips_suffix() {
        assert_eq!(lookup("武汉市").unwrap().english, "Wuhan");
        assert_eq!(lookup("义乌").unwrap().level, Level::CountyLevelCity);
        assert!(lookup("全市").is_none());
    }

    #[test]
    fn mentions_are_counted() {
        let found = mentions("徐州商务，徐州外贸，南京");
        assert_eq!(found[0].0.name, "徐州");
        assert_eq!(found[0].1, 2);
    }

    #[test]
    fn names_are_unique() {
        for (i, a) in PLACES.iter().enumerate() {
            assert!(
                PLACES[i + 1..].iter().all(|b| b.name != a.name),
                "{}",
                a.name
            );
        }
    }
}
