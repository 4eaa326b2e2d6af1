//! Synthetic documents of the genre, for benchmarks and tests at scale: seeded and
//! deterministic, with the outline markers, enumerations, figures, masked digits and
//! layout artifacts the converter meets in real files. The phrases are generic
//! officialese assembled at random, not text taken from any source.

/// A small deterministic generator (xorshift64*), so the same seed gives the same
/// corpus on every machine without a dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const CITIES: &[&str] = &[
    "临江", "东海", "西陵", "南湖", "北川", "青山", "白河", "金沙", "云岭", "松原",
];
const VERBS: &[&str] = &[
    "加快", "推动", "深化", "完善", "培育", "打造", "拓展", "优化", "提升", "建设",
];
const OBJECTS: &[&str] = &[
    "跨境电商综合试验区",
    "市场采购贸易方式试点",
    "中欧班列集结中心",
    "海外仓布局",
    "国际消费中心城市",
    "商贸物流体系",
    "会展品牌",
    "步行街改造提升",
    "服务外包示范园区",
    "综合保税区",
    "外贸综合服务平台",
    "直播电商基地",
    "一刻钟便民生活圈",
    "招商引资平台",
    "商务人才队伍",
    "数字贸易示范区",
    "口岸通关环境",
    "冷链物流网络",
];
const METRICS: &[(&str, &[&str])] = &[
    ("进出口总额", &["亿元", "亿美元"]),
    ("社会消费品零售总额", &["亿元"]),
    ("跨境电商交易额", &["亿元"]),
    ("网络零售额", &["亿元"]),
    ("实际利用外资", &["亿美元", "万美元"]),
    ("快递业务量", &["亿件", "万件"]),
    ("中欧班列开行", &["列"]),
    ("集装箱吞吐量", &["万标箱"]),
    ("新增外贸主体", &["家"]),
    ("举办展会", &["场"]),
    ("入境客商", &["万人次"]),
    ("培训电商人才", &["人次"]),
];
const FILLER: &[&str] = &[
    "坚持以高质量发展为主线",
    "统筹国内国际两个市场两种资源",
    "着力破解制约发展的瓶颈问题",
    "进一步激发市场主体活力",
    "形成可复制可推广的经验做法",
    "持续优化营商环境",
    "推动内外贸一体化发展",
    "强化要素保障和政策支持",
    "围绕建设国际消费中心城市的目标",
    "按照市委市政府的统一部署",
    "加强部门协同和上下联动",
    "聚焦企业反映的突出问题",
];
const CN_NUMBERS: &[&str] = &["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// One synthetic document: its file stem and text.
pub struct SynthDoc {
    pub name: String,
    pub text: String,
}

/// The `index`-th document of the corpus seeded with `seed`.
pub fn document(seed: u64, index: usize) -> SynthDoc {
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0x1000_0000_01B3));
    let city = rng.pick(CITIES);
    let year = 2016 + rng.below(9);
    let mut out = String::new();
    let kind = rng.below(3);
    let title = match kind {
        0 => format!("{city}市商务局{}年工作总结及{}年工作思路", year - 1, year),
        1 => format!("{city}市商务发展“十四五”规划"),
        _ => format!("{city}市推进商贸流通高质量发展实施方案"),
    };
    out.push_str(&title);
    out.push_str("\n\n");
    out.push_str(&format!(
        "{city}市商务局 {year}年{}月\n\n",
        1 + rng.below(12)
    ));
    out.push_str(&paragraph(&mut rng, year, 2));
    let chapters = 3 + rng.below(4);
    let mut page = 1;
    for chapter in 0..chapters {
        out.push_str(&format!(
            "{}、{}{}\n",
            CN_NUMBERS[chapter % 10],
            rng.pick(VERBS),
            rng.pick(OBJECTS)
        ));
        for section in 0..2 + rng.below(3) {
            out.push_str(&format!(
                "（{}）{}{}\n",
                CN_NUMBERS[section % 10],
                rng.pick(VERBS),
                rng.pick(OBJECTS)
            ));
            for item in 0..2 + rng.below(4) {
                out.push_str(&format!("{}.", item + 1));
                out.push_str(&item_text(&mut rng, year));
                out.push('\n');
                if rng.chance(8) {
                    page += 1;
                    out.push_str(&format!("\n— {page} —\n\n"));
                }
            }
        }
    }
    SynthDoc {
        name: format!("synth-{seed}-{index:05}"),
        text: out,
    }
}

fn item_text(rng: &mut Rng, year: usize) -> String {
    let mut text = format!("{}{}。", rng.pick(VERBS), rng.pick(OBJECTS));
    if rng.chance(30) {
        let count = 2 + rng.below(2);
        for number in &CN_NUMBERS[..count] {
            let (verb, object) = (rng.pick(VERBS), rng.pick(OBJECTS));
            text.push_str(&format!("{number}是{verb}{object}，"));
            text.push_str(&sentence(rng, year, 30));
        }
    } else {
        let sentences = 2 + rng.below(4);
        text.push_str(&paragraph(rng, year, sentences));
    }
    text.trim_end().to_owned()
}

fn paragraph(rng: &mut Rng, year: usize, sentences: usize) -> String {
    let mut text = String::new();
    for _ in 0..sentences {
        text.push_str(&sentence(rng, year, 35));
    }
    text.push('\n');
    text
}

/// Two to four clauses of officialese, with a figure in `percent` of sentences:
/// real documents of the genre quote about two figures per kilobyte.
fn sentence(rng: &mut Rng, year: usize, percent: usize) -> String {
    let mut text = String::new();
    for _ in 0..2 + rng.below(3) {
        text.push_str(rng.pick(FILLER));
        text.push('，');
    }
    if rng.chance(percent) {
        text.push_str(&figure(rng, year));
    } else {
        text.push_str(rng.pick(VERBS));
        text.push_str(rng.pick(OBJECTS));
    }
    text.push('。');
    text
}

fn figure(rng: &mut Rng, year: usize) -> String {
    let (metric, units) = METRICS[rng.below(METRICS.len())];
    let unit = rng.pick(units);
    let value = if rng.chance(5) {
        "*".to_owned()
    } else {
        format!("{}.{}", 1 + rng.below(5000), rng.below(100))
    };
    let growth = format!("{}.{}", rng.below(40), rng.below(10));
    match rng.below(4) {
        0 => format!("{year}年实现{metric}{value}{unit}，同比增长{growth}%"),
        1 => format!("力争到{}年{metric}达到{value}{unit}以上", year + 2),
        2 => format!("全年{metric}{value}{unit}，增长{growth}%"),
        _ => format!("{metric}突破{value}{unit}"),
    }
}

/// Documents until their total size reaches `bytes`.
pub fn corpus_of_size(seed: u64, bytes: usize) -> Vec<SynthDoc> {
    let mut docs = Vec::new();
    let mut total = 0;
    while total < bytes {
        let doc = document(seed, docs.len());
        total += doc.text.len();
        docs.push(doc);
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic() {
        assert_eq!(document(7, 3).text, document(7, 3).text);
        assert_ne!(document(7, 3).text, document(7, 4).text);
        assert_ne!(document(7, 3).text, document(8, 3).text);
    }

    #[test]
    fn corpus_reaches_size() {
        let docs = corpus_of_size(1, 100_000);
        assert!(docs.iter().map(|d| d.text.len()).sum::<usize>() >= 100_000);
    }
}
