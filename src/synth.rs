//! Synthetic documents of the genre, for benchmarks and tests at scale: seeded and
//! deterministic, with the outline markers, enumerations, figures, masked digits and
//! layout artifacts the converter meets in real files. The phrases are generic
//! officialese assembled at random, not text taken from any source.
//!
//! What a document holds, so that a corpus exercises the whole converter:
//! - a title block (title, issuer and date line) and a lead paragraph;
//! - an outline of up to four levels: 一、 → （一） → 1. items, and in some sections
//!   1. sub-headings with （1） items under them;
//! - items that enumerate inline (一是…，二是…) and items that run as plain text;
//! - figures: actual values with 同比增长/下降, targets (力争到…达到…以上), thresholds
//!   (突破), some with stray PDF spaces around the number (`3347 场`), and about one in
//!   twenty masked with `*` (as in documents that hide digits), besides masked place
//!   names (`*商城`);
//! - page breaks: a page number (`— 5 —`) between items, and in newspaper-style
//!   documents a `(下转第N版)` / page header / `(上接第M版)` group that splits a
//!   sentence in two.
//!
//! Converted, a document holds about 100 measures and 95 figures in 41 KB of text
//! (the seeds have about 2 of each per kilobyte), so 1,000 documents give about
//! 100,000 measures and 95,000 figures, in 130 MB of briefs.

use std::fmt;
use std::path::{Path, PathBuf};

/// Changes whenever the same seed would give different text; caches of generated
/// corpora (the scale bench's) are keyed by it.
pub const GENERATOR_VERSION: u32 = 2;

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
    "支持*商城经营户开拓国际市场",
];
const CN_NUMBERS: &[&str] = &["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const PAGES: &[&str] = &["一", "二", "三", "四", "五", "六", "七", "八"];

/// One synthetic document: its file stem and text.
pub struct SynthDoc {
    pub name: String,
    pub text: String,
}

/// The genres the generator imitates; each has its own title and front matter.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Genre {
    WorkReport,
    Plan,
    Newspaper,
}

/// What a document is being written with: the generator and the running state of its
/// layout (the page it is on).
struct Writer {
    rng: Rng,
    year: usize,
    genre: Genre,
    out: String,
    page: usize,
}

/// The `index`-th document of the corpus seeded with `seed`.
pub fn document(seed: u64, index: usize) -> SynthDoc {
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0x1000_0000_01B3));
    let genre = match rng.below(3) {
        0 => Genre::WorkReport,
        1 => Genre::Plan,
        _ => Genre::Newspaper,
    };
    let year = 2016 + rng.below(9);
    let mut w = Writer {
        rng,
        year,
        genre,
        out: String::new(),
        page: 1,
    };
    w.front_matter();
    let chapters = 4 + w.rng.below(5);
    for chapter in 0..chapters {
        w.chapter(chapter);
    }
    SynthDoc {
        name: format!("synth-{seed}-{index:05}"),
        text: w.out,
    }
}

impl Writer {
    fn front_matter(&mut self) {
        let city = self.rng.pick(CITIES);
        let year = self.year;
        let title = match self.genre {
            Genre::WorkReport => {
                format!("{city}市商务局{}年工作总结及{year}年工作思路", year - 1)
            }
            Genre::Plan => format!("{city}市商务发展“十四五”规划"),
            Genre::Newspaper => format!("{city}：推进商贸流通高质量发展"),
        };
        if self.genre == Genre::Newspaper {
            self.out
                .push_str(&format!("第0{}版:要闻\n\n", 1 + self.rng.below(4)));
        }
        self.out.push_str(&title);
        self.out.push_str("\n\n");
        let month = 1 + self.rng.below(12);
        self.out
            .push_str(&format!("{city}市商务局 {year}年{month}月\n\n"));
        let lead = self.paragraph(2);
        self.out.push_str(&lead);
        self.out.push('\n');
    }

    fn chapter(&mut self, chapter: usize) {
        let heading = self.heading();
        self.out
            .push_str(&format!("{}、{heading}\n", CN_NUMBERS[chapter % 10]));
        for section in 0..2 + self.rng.below(3) {
            let heading = self.heading();
            self.out
                .push_str(&format!("（{}）{heading}\n", CN_NUMBERS[section % 10]));
            if self.rng.chance(15) {
                self.subsections();
            } else {
                let count = 2 + self.rng.below(4);
                self.items("", count);
            }
        }
    }

    /// A fourth outline level: `1.` sub-headings with `（1）` items.
    fn subsections(&mut self) {
        for sub in 0..2 + self.rng.below(2) {
            let heading = self.heading();
            self.out.push_str(&format!("{}.{heading}\n", sub + 1));
            let count = 2 + self.rng.below(3);
            self.items("（", count);
        }
    }

    /// `count` enumerated items: `1.` when `style` is empty, `（1）` when it is `（`.
    fn items(&mut self, style: &str, count: usize) {
        for item in 0..count {
            let marker = match style {
                "（" => format!("（{}）", item + 1),
                _ => format!("{}.", item + 1),
            };
            let text = self.item_text();
            if self.genre == Genre::Newspaper && self.rng.chance(6) {
                self.split_by_continuation(&marker, &text);
            } else {
                self.out.push_str(&marker);
                self.out.push_str(&text);
                self.out.push('\n');
            }
            if self.rng.chance(6) {
                self.page += 1;
                self.out.push_str(&format!("\n— {} —\n\n", self.page));
            }
        }
    }

    /// An item whose text runs over to another newspaper page: the first half, the
    /// continuation note, the next page's header and note, then the rest.
    fn split_by_continuation(&mut self, marker: &str, text: &str) {
        let cut = text
            .char_indices()
            .filter(|&(_, c)| c == '，')
            .map(|(i, c)| i + c.len_utf8())
            .nth(1);
        let (first, rest) = match cut {
            Some(cut) => text.split_at(cut),
            None => (text, ""),
        };
        let from = self.rng.below(PAGES.len() - 1);
        self.out.push_str(marker);
        self.out.push_str(first);
        self.out.push_str(&format!(
            "\n\n(下转第{}版)\n\n第0{}版:综合\n\n(上接第{}版)\n\n",
            PAGES[from + 1],
            from + 2,
            PAGES[from]
        ));
        if !rest.is_empty() {
            self.out.push_str(rest);
            self.out.push('\n');
        }
    }

    fn heading(&mut self) -> String {
        format!("{}{}", self.rng.pick(VERBS), self.rng.pick(OBJECTS))
    }

    fn item_text(&mut self) -> String {
        let mut text = format!("{}。", self.heading());
        if self.rng.chance(30) {
            let count = 2 + self.rng.below(2);
            for number in &CN_NUMBERS[..count] {
                let heading = self.heading();
                text.push_str(&format!("{number}是{heading}，"));
                let sentence = self.sentence(30);
                text.push_str(&sentence);
            }
        } else {
            let sentences = 2 + self.rng.below(4);
            text.push_str(&self.paragraph(sentences));
        }
        text
    }

    fn paragraph(&mut self, sentences: usize) -> String {
        let mut text = String::new();
        for _ in 0..sentences {
            text.push_str(&self.sentence(45));
        }
        text
    }

    /// Two to four clauses of officialese, with a figure in `percent` of sentences:
    /// real documents of the genre quote about two figures per kilobyte.
    fn sentence(&mut self, percent: usize) -> String {
        let mut text = String::new();
        for _ in 0..2 + self.rng.below(3) {
            text.push_str(self.rng.pick(FILLER));
            text.push('，');
        }
        if self.rng.chance(percent) {
            text.push_str(&self.figure());
        } else {
            text.push_str(&self.heading());
        }
        text.push('。');
        text
    }

    fn figure(&mut self) -> String {
        let rng = &mut self.rng;
        let year = self.year;
        let (metric, units) = METRICS[rng.below(METRICS.len())];
        let unit = rng.pick(units);
        let value = if rng.chance(5) {
            "*".to_owned()
        } else if rng.chance(5) {
            // PDF extraction leaves spaces around numbers in running text.
            format!(" {} ", 1 + rng.below(5000))
        } else {
            format!("{}.{}", 1 + rng.below(5000), rng.below(100))
        };
        let growth = format!("{}.{}", rng.below(40), rng.below(10));
        match rng.below(5) {
            0 => format!("{year}年实现{metric}{value}{unit}，同比增长{growth}%"),
            1 => format!("力争到{}年{metric}达到{value}{unit}以上", year + 2),
            2 => format!("全年{metric}{value}{unit}，增长{growth}%"),
            3 => format!("{year}年{metric}{value}{unit}，同比下降{growth}%"),
            _ => format!("{metric}突破{value}{unit}"),
        }
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

/// Why a corpus could not be written; names the file or directory.
#[derive(Debug)]
pub struct SynthError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for SynthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for SynthError {}

/// True for the names `write_corpus` writes: `synth-<seed>-<index>.txt`.
fn is_synth_name(name: &str) -> bool {
    name.strip_prefix("synth-")
        .and_then(|rest| rest.strip_suffix(".txt"))
        .is_some_and(|middle| {
            let mut parts = middle.split('-');
            let numeric = |p: Option<&str>| {
                p.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            };
            numeric(parts.next()) && numeric(parts.next()) && parts.next().is_none()
        })
}

/// Writes documents `0..docs` of the corpus seeded with `seed` into `dir` as
/// `synth-<seed>-<index>.txt`, each atomically, and returns their paths in order.
///
/// `dir` is created if missing. It may hold only files an earlier run wrote
/// (`synth-*.txt`): anything else is refused, naming it, so a mistyped `-o` cannot
/// mix generated text into a real `seeds/`. Earlier generated files that are not part
/// of this corpus are removed, so the directory holds exactly this corpus.
pub fn write_corpus(dir: &Path, seed: u64, docs: usize) -> Result<Vec<PathBuf>, SynthError> {
    let error = |path: &Path, message: String| SynthError {
        path: path.to_path_buf(),
        message,
    };
    std::fs::create_dir_all(dir).map_err(|e| error(dir, format!("cannot create: {e}")))?;
    let mut earlier = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| error(dir, format!("cannot read: {e}")))?;
    for entry in entries {
        let entry = entry.map_err(|e| error(dir, format!("cannot read: {e}")))?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !is_synth_name(&name) || !path.is_file() {
            return Err(error(
                &path,
                "not written by `brief synth`; give an empty or new directory".to_owned(),
            ));
        }
        earlier.push(path);
    }
    let mut written = Vec::with_capacity(docs);
    for index in 0..docs {
        let doc = document(seed, index);
        let path = dir.join(format!("{}.txt", doc.name));
        crate::util::write_atomically(&path, doc.text.as_bytes())
            .map_err(|e| error(&path, format!("cannot write: {e}")))?;
        written.push(path);
    }
    for path in earlier {
        if !written.contains(&path) {
            std::fs::remove_file(&path)
                .map_err(|e| error(&path, format!("cannot remove an earlier file: {e}")))?;
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief::load::tests::TempDir;

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

    /// Every feature the module promises turns up in a modest corpus.
    #[test]
    fn a_corpus_has_every_feature() {
        let text: String = (0..40).map(|i| document(3, i).text).collect();
        for needle in [
            "一、",
            "（一）",
            "\n1.",
            "\n（1）",
            "一是",
            "二是",
            "同比增长",
            "同比下降",
            "力争到",
            "以上",
            "突破",
            "*亿",
            "*商城",
            "— ",
            "(下转第",
            "(上接第",
            "版:要闻",
            "版:综合",
        ] {
            assert!(text.contains(needle), "no {needle:?} in the corpus");
        }
        // A number with PDF spaces around it: ` 123 万件`.
        let spaced = text
            .split(' ')
            .any(|piece| !piece.is_empty() && piece.bytes().all(|b| b.is_ascii_digit()));
        assert!(spaced, "no number with spaces around it");
    }

    #[test]
    fn synth_names() {
        assert!(is_synth_name("synth-42-00007.txt"));
        assert!(!is_synth_name("synth-42.txt"));
        assert!(!is_synth_name("synth-42-7-1.txt"));
        assert!(!is_synth_name("synth-4x-00007.txt"));
        assert!(!is_synth_name("002_3a939fd7fb08cf59.txt"));
    }

    #[test]
    fn write_corpus_is_deterministic_and_replaces_only_its_own_files() {
        let dir = TempDir::new("synth-write");
        let out = dir.0.join("corpus");
        let first = write_corpus(&out, 9, 3).unwrap();
        let names: Vec<String> = first
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "synth-9-00000.txt",
                "synth-9-00001.txt",
                "synth-9-00002.txt"
            ]
        );
        let bytes: Vec<Vec<u8>> = first.iter().map(|p| std::fs::read(p).unwrap()).collect();
        // A smaller corpus of another seed into the same directory replaces it.
        let second = write_corpus(&out, 10, 2).unwrap();
        let mut left: Vec<PathBuf> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        left.sort();
        assert_eq!(left, second);
        // And the first again gives the same bytes.
        let again = write_corpus(&out, 9, 3).unwrap();
        let bytes_again: Vec<Vec<u8>> = again.iter().map(|p| std::fs::read(p).unwrap()).collect();
        assert_eq!(bytes, bytes_again);
    }

    /// What the generator writes converts into briefs that pass every check: the
    /// corpus is valid input for the benchmarks, not just text.
    #[test]
    fn a_converted_corpus_passes_check() {
        use crate::brief::check::check_dir_cached;
        use crate::convert::batch;
        let dir = TempDir::new("synth-check");
        let sources = write_corpus(&dir.0.join("seeds"), 7, 40).unwrap();
        let briefs = dir.0.join("briefs");
        dir.write("briefs/themes.yaml", crate::themes::BUILTIN_THEMES_YAML);
        let taxonomy = crate::themes::Taxonomy::builtin();
        let (mut measures, mut figures, mut masked) = (0, 0, 0);
        for outcome in batch::convert_all(&sources, &dir.0, &taxonomy) {
            let (brief, _) = outcome.result.unwrap();
            measures += brief.measures.len();
            figures += brief.figures.len();
            masked += usize::from(brief.source.masked);
            batch::write_brief(&brief, &briefs).unwrap();
        }
        let report = check_dir_cached(&briefs, None);
        let shown: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
        assert!(report.is_clean(), "{shown:#?}");
        assert_eq!(report.files_checked, 40);
        // About 100 measures and 95 figures a document, as the module promises.
        assert!((3000..5000).contains(&measures), "{measures} measures");
        assert!((3000..5000).contains(&figures), "{figures} figures");
        assert!(masked > 0);
    }

    #[test]
    fn write_corpus_refuses_a_directory_of_other_files() {
        let dir = TempDir::new("synth-refuse");
        let other = dir.write("seeds/002.txt", "真实文件");
        let err = write_corpus(&dir.0.join("seeds"), 1, 2).unwrap_err();
        assert_eq!(err.path, other);
        assert!(
            err.to_string().contains("not written by `brief synth`"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&other).unwrap(), "真实文件");
        assert_eq!(std::fs::read_dir(dir.0.join("seeds")).unwrap().count(), 1);
    }
}
