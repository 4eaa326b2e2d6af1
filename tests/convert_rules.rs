//! The converter's rules for the genre, end to end on small hand-written documents:
//! each input is converted whole and the brief is checked for what the rule promises.

use brief::brief::{Brief, DocKind, FigureKind, Status};
use brief::convert::{Input, convert};
use brief::themes::Taxonomy;

fn brief_of(text: &str) -> Brief {
    let taxonomy = Taxonomy::builtin();
    let input = Input {
        source_path: "seeds/test.txt".to_owned(),
        stem: "test".to_owned(),
        sidecar: Default::default(),
        taxonomy: &taxonomy,
        explain: false,
    };
    convert(text.as_bytes(), &input).unwrap().brief
}

fn headings(brief: &Brief) -> Vec<(usize, String)> {
    brief
        .sections_in_order()
        .into_iter()
        .map(|(s, depth)| (depth, s.heading.clone()))
        .collect()
}

#[test]
fn work_report_results_are_done_and_next_year_is_planned() {
    let brief = brief_of(
        "某区商务局2022年工作总结及2023年工作思路\n\n2022年，我局围绕两大主线开展工作。\n一、2022年工作亮点\n（一）促进消费\n一是打造城市品牌。举办市集活动20余场，发放消费券500万元。\n二、2023年工作思路\n（一）增强商贸基础\n1.争创高品质步行街。力争进入国家级试点。\n",
    );
    assert_eq!(brief.kind, DocKind::WorkReport);
    assert_eq!(brief.issuer.as_deref(), Some("某区商务局"));
    assert_eq!(
        headings(&brief),
        vec![
            (1, "一、2022年工作亮点".to_owned()),
            (2, "（一）促进消费".to_owned()),
            (1, "二、2023年工作思路".to_owned()),
            (2, "（一）增强商贸基础".to_owned()),
        ]
    );
    let statuses: Vec<(&str, Status)> = brief
        .measures
        .iter()
        .map(|m| (m.title.as_str(), m.status))
        .collect();
    assert_eq!(
        statuses,
        vec![
            ("打造城市品牌", Status::Done),
            ("争创高品质步行街", Status::Planned)
        ]
    );
    let figure = brief.figures.iter().find(|f| f.unit == "万元").unwrap();
    assert_eq!(
        (figure.value, figure.base, figure.kind),
        (Some(500.0), Some(5_000_000.0), FigureKind::Actual)
    );
    assert_eq!(
        brief.measures[0].figures.len(),
        2,
        "both figures belong to the first measure"
    );
}

#[test]
fn plan_with_dateline_page_numbers_and_a_split_sentence() {
    let brief = brief_of(
        "武汉市商务发展\"十四五\"规划\n\n武汉市商务局 2021年9月\n\n一、发展基础\n\n1.消费规模显著提升。全市社会消费品零售总额由2015年的5102.2亿元增长至2019年的7449.64亿元,消费持续较快增\n\n— 5 **—**\n\n长,规模稳居前列。\n",
    );
    assert_eq!(brief.kind, DocKind::Plan);
    assert_eq!(brief.date.as_deref(), Some("2021-09"));
    assert_eq!(brief.city.as_deref(), Some("武汉"));
    assert_eq!(brief.province.as_deref(), Some("湖北"));
    let kinds: Vec<&str> = brief.dropped.iter().map(|d| d.kind.as_str()).collect();
    assert_eq!(kinds, vec!["title", "dateline", "page-number"]);
    // The sentence the page break split is one paragraph again, and one measure.
    assert_eq!(brief.measures.len(), 1);
    assert!(
        brief.measures[0]
            .text
            .ends_with("消费持续较快增长,规模稳居前列。"),
        "{}",
        brief.measures[0].text
    );
    assert_eq!(brief.measures[0].line, 7);
}

#[test]
fn speech_points_nest_their_enumerations() {
    let brief = brief_of(
        "同志们：\n加快推进商城国际化，是重大战略。\n第一，在发展方向上，要坚持“三化并举”。当前形势如此。一是坚持以国际化拓展市场空间。二是坚持以电商化引领经营模式。\n第二，在资源配置上，要搞好“三个整合”。要整合市场资源。\n",
    );
    assert_eq!(brief.kind, DocKind::Speech);
    assert_eq!(brief.lead, "同志们：\n加快推进商城国际化，是重大战略。");
    assert_eq!(headings(&brief).len(), 2);
    let titles: Vec<&str> = brief.measures.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(
        titles,
        vec![
            "坚持以国际化拓展市场空间",
            "坚持以电商化引领经营模式",
            "在资源配置上，要搞好“三个整合”"
        ]
    );
    assert!(brief.measures.iter().all(|m| m.status == Status::Planned));
}

#[test]
fn transcript_answers_name_the_actor() {
    let brief = brief_of(
        "问政面对面摘要\n\n提问代表:张三(某公司总经理)\n\n【物流:通道建设】请问如何打通物流通道?\n\n陆港集团答:主要做了以下工作:一是加密中欧班列线路,全年开行1200列;二是拓展海铁联运。\n\n(下转第四版)\n\n(上接第三版)\n\n商务局补充答:下一步,一是招引跨境电商平台集货仓;二是培育物流企业。\n",
    );
    assert_eq!(brief.kind, DocKind::Qa);
    let actors: Vec<Option<&str>> = brief.measures.iter().map(|m| m.actor.as_deref()).collect();
    assert_eq!(
        actors,
        vec![
            Some("陆港集团"),
            Some("陆港集团"),
            Some("商务局"),
            Some("商务局")
        ]
    );
    let statuses: Vec<Status> = brief.measures.iter().map(|m| m.status).collect();
    assert_eq!(
        statuses,
        vec![Status::Done, Status::Done, Status::Planned, Status::Planned]
    );
    assert!(
        brief.measures[0].themes.iter().any(|t| t == "corridors"),
        "{:?}",
        brief.measures[0].themes
    );
    assert_eq!(
        brief
            .dropped
            .iter()
            .filter(|d| d.kind.as_str() == "continuation")
            .count(),
        2
    );
}

#[test]
fn masked_digits_codes_and_years() {
    let brief = brief_of(
        "一、跨境电商\n一是全面实现跨境电商9610、9710、9810、1210同频共振发展，2022年出口59.92亿元。二是力争到2025年培育跨境电商*万户、布局海外仓*处。\n",
    );
    let values: Vec<(Option<f64>, &str, FigureKind)> = brief
        .figures
        .iter()
        .map(|f| (f.value, f.unit.as_str(), f.kind))
        .collect();
    assert_eq!(
        values,
        vec![
            (Some(59.92), "亿元", FigureKind::Actual),
            (None, "万户", FigureKind::Masked),
            (None, "处", FigureKind::Masked)
        ]
    );
    assert_eq!(brief.figures[0].period.as_deref(), Some("2022"));
    assert!(brief.source.masked);
    assert!(
        brief.measures[0]
            .themes
            .iter()
            .any(|t| t == "cross-border-ecommerce")
    );
}

#[test]
fn year_on_year_change_belongs_to_its_level() {
    let brief = brief_of(
        "全年累计完成外贸进出口总额474.4亿元，同比下降0.4%。其中出口454.6亿元，同比下降1.8%。\n",
    );
    let first = &brief.figures[0];
    assert_eq!(first.value, Some(474.4));
    let change = first.change.as_ref().unwrap();
    assert_eq!((change.value, change.unit.as_str()), (-0.4, "%"));
    assert_eq!(
        brief.figures.len(),
        2,
        "the percentages are changes, not figures"
    );
}

#[test]
fn newspaper_flattened_paragraphs_and_author_note() {
    let brief = brief_of(
        "发挥“三个作用” 全力推动商务发展 |\n◎臧晓鹏 全市开展大讨论活动以来,成效明显。 一、瞄准国家级示范项目谋求新突破 一是争创国家服务外包示范城市,创建2-3家省级示范区。 二是争创国家级电商示范基地。 (作者为徐州市商务局党委书记、局长) |",
    );
    assert_eq!(brief.title, "发挥“三个作用” 全力推动商务发展");
    assert_eq!(brief.issuer.as_deref(), Some("徐州市商务局"));
    assert_eq!(brief.city.as_deref(), Some("徐州"));
    assert_eq!(
        headings(&brief),
        vec![(1, "一、瞄准国家级示范项目谋求新突破".to_owned())]
    );
    assert_eq!(brief.measures.len(), 2);
    let range = &brief.figures[0];
    assert_eq!((range.value, range.unit.as_str()), (Some(2.0), "家"));
}

#[test]
fn full_width_digits_keep_their_quote() {
    let brief = brief_of("全年实现网络零售额２６４５．０亿元，同比增长２２．０％。\n");
    let figure = &brief.figures[0];
    assert_eq!(figure.value, Some(2645.0));
    assert!(
        figure.quote.contains("２６４５．０亿元"),
        "{}",
        figure.quote
    );
}
