"""Prose targets and observations: own sentences written the way plans write, then the corpus."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.extract.prose import extract_prose
from planwatch.model import DocumentMeta, SourceText
from tests.conftest import assert_span_text

PLAN = DocumentMeta(doc_type="plan", region="某县", period=(2021, 2025))
REPORT = DocumentMeta(doc_type="work_report", region="某市", period=(2021, 2021))


def source(text: str) -> SourceText:
    return SourceText(path="mem.txt", text=text, sha256="", encoding="utf-8", format="text")


def read(text: str, meta: DocumentMeta | None = None):
    return extract_prose(source(text), meta or DocumentMeta(), [], [], None)


def find(items, value):
    hits = [x for x in items if x.value == Decimal(str(value))]
    assert hits, f"no item with value {value}: {[(x.indicator, x.value) for x in items]}"
    return hits[0]


PLAN_TEXT = """某县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要
第一章 “十三五”发展成就
“十三五”期间，全县地区生产总值达到 356.2 亿元，年均增长 7.8 %。新增高新技术企业 41 家，\
累计新增城镇就业 2.6 万人。
第二章 “十四五”主要目标
到2025年，地区生产总值年均增长 7% 左右，常住人口城镇化率提高到 60% 以上，城镇调查失业率\
控制在 5.5% 以内，研发经费投入年均增长 6%-8%。城镇、农村居民人均可支配收入分别增长 6.5%、8%。\
力争新增规模以上工业企业一百家以上，单位地区生产总值能耗 5 年下降 14%。到二〇三五年，人均地区\
生产总值达到 12 万元。
"""


def test_plan_goals_are_targets_of_the_plan_end_year():
    targets, _ = read(PLAN_TEXT, PLAN)
    gdp = find(targets, 7)
    assert (gdp.metric, gdp.comparator, gdp.unit, gdp.year) == ("growth_avg", "approx", "%", 2025)
    urban = find(targets, 60)
    assert (urban.metric, urban.comparator) == ("share", "ge")
    jobless = find(targets, "5.5")
    assert jobless.comparator == "le"
    rd = next(t for t in targets if t.comparator == "range")
    assert (rd.low, rd.high, rd.value, rd.metric) == (Decimal(6), Decimal(8), None, "growth_avg")
    firms = find(targets, 100)
    assert (firms.metric, firms.comparator, firms.unit) == ("count", "ge", "家")
    energy = find(targets, 14)
    assert energy.metric == "change_total"


def test_pairs_after_fenbie_are_two_targets_with_their_own_spans():
    targets, _ = read(PLAN_TEXT, PLAN)
    urban, rural = find(targets, "6.5"), find(targets, 8)
    assert urban.metric == rural.metric == "growth_avg"
    assert (urban.indicator, rural.indicator) == ("城镇居民人均可支配收入", "农村居民人均可支配收入")
    assert_span_text(PLAN_TEXT, urban.span, "6.5%")
    assert_span_text(PLAN_TEXT, rural.span, "8%")


def test_a_later_horizon_in_the_sentence_sets_the_year():
    targets, _ = read(PLAN_TEXT, PLAN)
    per_head = find(targets, 12)
    assert (per_head.year, per_head.unit, per_head.metric) == (2035, "万元", "level")


def test_review_numbers_are_observations_of_the_closing_year():
    targets, observations = read(PLAN_TEXT, PLAN)
    gdp = find(observations, "356.2")
    assert (gdp.metric, gdp.unit, gdp.year, gdp.estimated) == ("level", "亿元", 2020, False)
    growth = find(observations, "7.8")
    assert (growth.metric, growth.period, growth.year) == ("growth_avg", (2016, 2020), 2020)
    # the PDF space inside "7.8 %" is part of the original span
    assert_span_text(PLAN_TEXT, growth.span, "7.8 %")
    jobs = find(observations, "2.6")
    assert (jobs.unit, jobs.metric) == ("万人", "count")
    assert not [t for t in targets if t.value in (Decimal("356.2"), Decimal("7.8"))]


def test_the_plan_is_recognised_without_metadata():
    targets, observations = read(PLAN_TEXT)
    assert find(targets, 7).year == 2025
    assert find(observations, "356.2").year == 2020


REPORT_TEXT = """政府工作报告
一、2020年工作回顾
全年地区生产总值增长 4.1%，同比增长的还有规模工业增加值 5.3%。预计全年社会消费品零售总额\
下降 2.3%，城镇居民人均可支配收入 4.6 万元。完成重点项目投资超 1100 亿元。
二、2021年工作安排
2021年经济社会发展的主要预期目标是：地区生产总值增长 8% 左右，一般公共预算收入增长 5%，\
城镇调查失业率控制在 5.5% 以内。力争全年新增“四上”企业 60 家。
"""


def test_work_report_review_and_annual_goals():
    targets, observations = read(REPORT_TEXT, REPORT)
    gdp = find(observations, "4.1")
    assert (gdp.metric, gdp.year, gdp.estimated) == ("growth", 2020, False)
    retail = find(observations, "2.3")
    assert retail.estimated is True
    invest = find(observations, 1100)
    assert (invest.comparator, invest.unit) == ("ge", "亿元")
    goal = find(targets, 8)
    assert (goal.metric, goal.comparator, goal.year) == ("growth", "approx", 2021)
    assert find(targets, 60).year == 2021
    assert not [o for o in observations if o.value in (Decimal(8), Decimal(60))]


def test_news_of_this_years_expected_goals():
    text = ("报告共分两个部分：一、过去一年和五年工作回顾；二、对今年政府工作的建议。\n"
            "报告指出，今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人左右，"
            "城镇调查失业率5.5%左右；居民消费价格涨幅3%左右；粮食产量保持在1.3万亿斤以上。")
    targets, observations = read(text, DocumentMeta(doc_type="news", period=(2023, 2023)))
    assert observations == []
    assert [t.value for t in targets] == [Decimal(5), Decimal(1200), Decimal("5.5"), Decimal(3), Decimal("1.3")]
    assert all(t.year == 2023 for t in targets)
    assert find(targets, 3).metric == "growth" and find(targets, "1.3").unit == "万亿斤"


BULLETIN_TEXT = """某县2023年国民经济和社会发展统计公报
一、综合
初步核算，全年地区生产总值452.36亿元，比上年增长5.8%。其中，第一产业增加值51.2亿元，增长3.9%。
三次产业结构为11.3:40.2:48.5。年末常住人口61.25万人，比上年末减少3200人；常住人口城镇化率52.4%，
比上年末提高1.1个百分点。全年人口出生率7.82‰。人均地区生产总值约合1.05万美元。
"""


def test_a_bulletin_reports_actuals_of_its_own_year():
    targets, observations = read(BULLETIN_TEXT, DocumentMeta(doc_type="bulletin"))
    assert targets == []
    assert {o.year for o in observations} == {2023}
    gdp, growth = find(observations, "452.36"), find(observations, "5.8")
    assert (gdp.indicator, gdp.metric, gdp.unit) == ("地区生产总值", "level", "亿元")
    assert (growth.indicator, growth.metric) == ("地区生产总值", "growth")
    assert find(observations, 3200).metric == "change_total"
    points = find(observations, "1.1")
    assert (points.unit, points.metric, points.indicator) == ("个百分点", "change_total", "常住人口城镇化率")
    assert find(observations, "7.82").unit == "‰"
    dollars = find(observations, "1.05")
    assert (dollars.unit, dollars.comparator) == ("万美元", "approx")
    assert [o.value for o in observations if o.metric == "share" and o.unit == "%"][:3] == [
        Decimal("11.3"), Decimal("40.2"), Decimal("48.5")]


@pytest.mark.parametrize("text", [
    "《某区国民经济和社会发展第十四个五年规划纲要》于2021年2月4日批准。",
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
    "建设7人制足球场。",
    "出台环保10条等政策措施。",
    "建成数十个社区服务站，两三个街道试点。",
    "咨询电话：0731-22887766，邮编412000。",
    "统筹国内国际两个市场、两种资源，落实中央八项规定精神。",
    "65 岁及以上老年人健康管理。",
    "发展0-3岁婴幼儿照护服务。",
    "全面贯彻党的十九大和十九届二中、三中全会精神，围绕电机、电器等十大领域。",
])
def test_names_dates_slogans_and_vague_amounts_are_not_values(text):
    targets, observations = read(text, PLAN)
    assert targets == [] and observations == []


def test_a_goal_reported_as_met_is_a_result_and_people_count_after_wan():
    text = "2020年，实现“五降三无”目标，化解办证难题1.2万户，3万多居民棚改搬迁。"
    targets, observations = read(text, REPORT)
    assert targets == []
    people = find(observations, 3)
    assert (people.unit, people.comparator) == ("万人", "ge")
    assert_span_text(text, people.span, "3万多居民")


def test_a_size_class_is_not_a_value_but_the_count_after_it_is():
    text = "去年引进项目37个，其中5亿元以上项目6个。"
    _, observations = read(text, REPORT)
    assert sorted(o.value for o in observations) == [Decimal(6), Decimal(37)]


def test_chinese_numerals_and_magnitudes():
    text = "到2025年，力争新培养十名学科带头人，培训百名骨干教师，建设一千亩林地，产业规模突破千亿元。"
    targets, _ = read(text, PLAN)
    assert find(targets, 10).unit == "名"
    assert find(targets, 100).unit == "名"
    assert find(targets, 1000).unit == "亩"
    billion = [t for t in targets if t.unit == "亿元"]
    assert billion and billion[0].value == Decimal(1000) and billion[0].comparator == "ge"


def test_rates_and_ages():
    text = "到2025年，人均预期寿命达到 79 岁，万元GDP综合能耗下降为0.331吨标准煤/万元。"
    targets, _ = read(text, PLAN)
    assert find(targets, 79).unit == "岁"
    energy = find(targets, "0.331")
    assert energy.unit == "吨标准煤/万元" and energy.metric == "level"
    assert_span_text(text, energy.span, "0.331吨标准煤/万元")


def test_percent_in_words_and_forecast_goals():
    text = "预计到2025年，地区生产总值年均增长百分之八左右。预计2020年，全区农林牧渔总产值4.23亿元。"
    targets, observations = read(text, PLAN)
    gdp = find(targets, 8)
    assert (gdp.unit, gdp.comparator, gdp.metric, gdp.year) == ("%", "approx", "growth_avg", 2025)
    assert_span_text(text, gdp.span, "百分之八左右")
    farm = find(observations, "4.23")
    assert farm.estimated is True and farm.year == 2020


def test_duration_years_and_ranges_with_dao():
    text = "到2025年，劳动年龄人口平均受教育年限提升至11.4年，社会消费品零售总额增长8.4到9.4%。"
    targets, _ = read(text, PLAN)
    assert find(targets, "11.4").unit == "年"
    retail = next(t for t in targets if t.comparator == "range")
    assert (retail.low, retail.high) == (Decimal("8.4"), Decimal("9.4"))


def test_values_stay_exact_decimals():
    text = "2020年，全区实现地区生产总值16.4亿元。"
    _, observations = read(text, REPORT)
    assert observations[0].value == Decimal("16.4") and str(observations[0].value) == "16.4"


def test_ratio_of_an_industrial_structure_gives_three_shares():
    text = "第一节 “十三五”发展回顾\n“十三五”时期，三次产业结构优化为 1.22:46.13:52.65。"
    _, observations = read(text, PLAN)
    assert [o.value for o in observations] == [Decimal("1.22"), Decimal("46.13"), Decimal("52.65")]
    assert all(o.metric == "share" and o.unit == "%" for o in observations)


def test_a_ratio_whose_colons_were_lost_is_read_back_when_it_sums_to_100():
    text = "第一节 “十三五”发展回顾\n三次产业结构由2015年的20.545.933.6调整为2020年的16.634.349.1。"
    _, observations = read(text, PLAN)
    assert [(o.value, o.year) for o in observations] == [
        (Decimal("20.5"), 2015), (Decimal("45.9"), 2015), (Decimal("33.6"), 2015),
        (Decimal("16.6"), 2020), (Decimal("34.3"), 2020), (Decimal("49.1"), 2020)]
    assert_span_text(text, observations[1].span, "45.9")
    # a version number or a date with dots that does not sum to 100 stays unread
    assert read("产业结构调整方案3.2.1版本。", PLAN) == ([], [])


def test_other_percent_and_ratio_signs():
    text = "一、2015年工作回顾\n全县生产总值同比增长15℅，农民纯收入较上年增加411元。三次产业比调整为11.8︰48.3︰39.9。"
    _, observations = read(text, REPORT)
    assert find(observations, 15).unit == "%"
    assert find(observations, 411).metric == "change_total"
    assert [o.value for o in observations if o.metric == "share"] == [
        Decimal("11.8"), Decimal("48.3"), Decimal("39.9")]


def test_doubling_and_tenths():
    text = "到2025年，科技型企业数量翻一番。去年殡葬费用降低近四成。"
    targets, observations = read(text, REPORT)
    assert find(targets, 100).metric == "change_total"
    tenths = find(observations, 40)
    assert (tenths.unit, tenths.comparator) == ("%", "approx")


def test_a_glossary_sets_no_targets():
    text = "到2025年，建成社区服务中心 12 个。\n名词解释\n“1+5”体系：打造 1 个区级中心、5 个街道中心。\n"
    targets, _ = read(text, PLAN)
    assert [t.value for t in targets] == [Decimal(12)]


def test_a_glossary_in_the_middle_ends_at_the_next_chapter():
    text = ("名词解释\n“1+5”体系：打造 1 个区级中心、5 个街道中心。\n"
            "第五章 发展目标\n到2025年，建成社区服务中心 12 个。\n")
    targets, _ = read(text, PLAN)
    assert [t.value for t in targets] == [Decimal(12)]


def test_goals_without_a_number_are_qualitative_targets():
    text = ("第二章 发展目标\n到2025年，地区生产总值增长保持在合理区间，居民收入增长和经济增长基本同步，"
            "单位GDP能耗完成省下达目标任务。\n")
    targets, _ = read(text, PLAN)
    assert [t.metric for t in targets] == ["qualitative"] * 3
    assert all(t.value is None and t.comparator is None and t.year == 2025 for t in targets)
    first = targets[0]
    assert first.indicator == "地区生产总值" and first.text.endswith("保持在合理区间")
    assert_span_text(text, first.span, first.text)


def test_a_review_that_met_the_assigned_target_sets_no_goal():
    text = "第一章 “十三五”发展成就\n单位GDP能耗完成省下达目标任务。\n"
    targets, _ = read(text, PLAN)
    assert targets == []


PIECES = ["到2025年", "2020年，", "，", "。", "\n", " ", "预计", "力争", "全区", "地区生产总值", "增长", "达到",
          "以上", "左右", "以内", "控制在", "8.4", "12", "1,234", "一百", "十", "二〇三五年", "%", "亿元", "万人",
          "个", "家", "个百分点", "-", "至", "、", "分别", "“", "”", "第", "名词解释", "翻一番", "近四成",
          "百分之八", "1.22:46.13:52.65", "20.545.933.6", "：", "年均", "比上年", "十三五", "发展成就", "主要目标"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_any_text_gives_valid_spans_over_its_numbers(pieces):
    text = "".join(pieces)
    targets, observations = read(text, PLAN)
    for item in [*targets, *observations]:
        assert 0 <= item.span.start < item.span.end <= len(text)
        shown = item.span.of(text)
        if item.metric != "qualitative":
            assert any(c.isdigit() or c in "〇一二两三四五六七八九十百千" for c in shown), shown
            assert item.value is not None or (item.low is not None and item.high is not None)


# --- the real corpus ---------------------------------------------------------------------------

def corpus_extraction(corpus_dir, name: str):
    from planwatch.ingest.metadata import detect_metadata
    from planwatch.ingest.reader import read_document

    src = read_document(next(corpus_dir.glob(name + "*.txt")))
    return src, extract_prose(src, detect_metadata(src), [], [], None)


def test_every_span_shows_its_number_as_printed(corpus_dir):
    for path in sorted(corpus_dir.glob("*.txt")):
        src, (targets, observations) = corpus_extraction(corpus_dir, path.stem)
        for item in [*targets, *observations]:
            if item.value is None and item.low is None:
                continue  # a qualitative goal's span is its wording
            shown = item.span.of(src.text)
            assert shown and shown == shown.strip(), (path.name, item)
            assert any(c.isdigit() or c in "〇一二两三四五六七八九十百千" for c in shown), shown


def test_corpus_plan_values(corpus_dir):
    src, (targets, observations) = corpus_extraction(corpus_dir, "002")
    jobless = [t for t in targets if t.value == Decimal("4.5") and t.comparator == "le"]
    assert jobless and jobless[0].year == 2025 and jobless[0].metric == "share"
    gdp = [o for o in observations if o.value == Decimal("866.56")]
    assert gdp and gdp[0].unit == "亿元" and gdp[0].year == 2020
    assert_span_text(src.text, gdp[0].span, "866.56 亿元")


def test_a_dated_page_reports_this_year_and_last_years_same_period():
    """A page dated in October: 1-9月 figures are of its year, 去年同期 of the year before,
    比去年 only compares."""
    text = ("1-9月全县经济运行情况\n发布日期：2025年10月28日　来源：县统计局\n"
            "1-9月，全县实现地区生产总值186.7亿元，同比增长6.1%。社会消费品零售总额比去年增长4.8%。"
            "去年同期，全县地区生产总值增长5.4%。")
    _, observations = read(text, DocumentMeta(doc_type="news"))
    assert (find(observations, "186.7").year, find(observations, "6.1").year) == (2025, 2025)
    assert find(observations, "4.8").year == 2025
    assert find(observations, "5.4").year == 2024
