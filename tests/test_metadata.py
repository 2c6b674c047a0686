"""Document metadata on the real corpus and on small texts of each kind."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from planwatch.ingest.metadata import detect_metadata, plan_period
from planwatch.ingest.reader import read_document
from planwatch.ingest.regions import same_region
from planwatch.model import SourceText


def _source(text: str, path: str = "doc.txt") -> SourceText:
    return SourceText(path, text, hashlib.sha256(text.encode()).hexdigest(), "utf-8", "text")


@pytest.mark.parametrize(
    ("stem", "doc_type", "region", "code", "period"),
    [
        ("000_6d30eace15c0d417", "plan", "株洲市石峰区", "430204", (2021, 2025)),
        ("001_7fe41e660d4411f9", "news", "株洲市石峰区", "430204", (2019, 2020)),
        ("002_7639c02c9fdb3ff9", "plan", "衡阳市雁峰区", "430406", (2021, 2025)),
        ("003_74ac3f1fef55bdd1", "listing", "株洲市", "430200", (2020, 2025)),
        ("004_8ea32ed0690f39a6", "plan", "涟源市", "431382", (2021, 2025)),
    ],
)
def test_corpus_metadata(corpus_dir, stem, doc_type, region, code, period) -> None:
    meta = detect_metadata(_source((corpus_dir / f"{stem}.txt").read_text(encoding="utf-8")))
    assert (meta.doc_type, meta.region, meta.region_code, meta.period) == (doc_type, region, code, period)


def test_corpus_metadata_agrees_with_gold(corpus_dir, gold) -> None:
    for stem, answer in gold.items():
        meta = detect_metadata(_source((corpus_dir / f"{stem}.txt").read_text(encoding="utf-8")))
        assert meta.doc_type == answer["doc_type"], stem
        assert meta.region == answer["region"], stem


def test_corpus_titles(corpus_dir) -> None:
    def title(stem: str) -> str | None:
        return detect_metadata(_source((corpus_dir / f"{stem}.txt").read_text(encoding="utf-8"))).title

    assert title("004_8ea32ed0690f39a6") == "涟源市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert title("000_6d30eace15c0d417") == "(湖南省)株洲市石峰区国民经济和社会发展十四五规划(2022年更新)"
    assert title("001_7fe41e660d4411f9") == "将转型升级进行到底"
    assert title("003_74ac3f1fef55bdd1") is None  # a listing page has no title of its own


@pytest.mark.parametrize(
    ("ordinal", "years"), [(1, (1953, 1957)), (3, (1966, 1970)), (13, (2016, 2020)), (14, (2021, 2025)),
                           (15, (2026, 2030))],
)
def test_plan_period(ordinal: int, years: tuple[int, int]) -> None:
    assert plan_period(ordinal) == years


def test_fifteenth_plan_broken_title() -> None:
    text = (
        "当前位置: 首页 > 政务公开\n发布时间: 2026-02-01\n"
        "南京市鼓楼区国民经济和社会发展第十五个\n五年规划纲要\n\n第一章 发展基础\n正文。"
    )
    meta = detect_metadata(_source(text))
    assert meta.doc_type == "plan"
    assert meta.period == (2026, 2030)
    assert meta.region == "南京市鼓楼区" and meta.region_code == "320106"
    assert meta.title == "南京市鼓楼区国民经济和社会发展第十五个五年规划纲要"


def test_work_report() -> None:
    text = (
        "2023年攸县政府工作报告\n——2023年1月10日在攸县第十八届人民代表大会第二次会议上\n"
        "一、2022年工作回顾\n过去一年,全县地区生产总值增长5.1%。\n二、2023年工作安排\n"
    )
    meta = detect_metadata(_source(text))
    assert (meta.doc_type, meta.region, meta.period) == ("work_report", "攸县", (2022, 2023))
    assert meta.region_code == "430223"


def test_statistical_bulletin() -> None:
    text = "娄底市2022年国民经济和社会发展统计公报\n娄底市统计局\n初步核算,全年地区生产总值增长4.5%。\n"
    meta = detect_metadata(_source(text))
    assert (meta.doc_type, meta.region, meta.period) == ("bulletin", "娄底市", (2022, 2022))


def test_evaluation_report() -> None:
    text = "涟源市“十四五”规划纲要实施中期评估报告\n一、总体进展\n规划实施以来……\n"
    meta = detect_metadata(_source(text))
    assert (meta.doc_type, meta.region, meta.period) == ("evaluation", "涟源市", (2021, 2025))


def test_unknown_text_is_other_without_region() -> None:
    meta = detect_metadata(_source("今天天气很好。\n我们去公园散步。\n"))
    assert (meta.doc_type, meta.region, meta.region_code, meta.period) == ("other", None, None, None)


def test_portal_furniture_is_skipped_and_typed_title_wins() -> None:
    text = (
        "株洲市人民政府门户网站\n株洲市人民政府\n索引号：430200/2021-0001\n发布机构：醴陵市发改委\n"
        "株洲市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n正文。"
    )
    meta = detect_metadata(_source(text))
    assert meta.title == "株洲市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert (meta.doc_type, meta.region, meta.period) == ("plan", "株洲市", (2021, 2025))


def test_work_report_region_from_the_meeting_line() -> None:
    text = (
        "政府工作报告\n——2021年1月18日在株洲市第十五届人民代表大会第五次会议上\n各位代表：\n"
        "现在，我代表市人民政府向大会报告工作。\n一、2020年工作回顾\n"
    )
    meta = detect_metadata(_source(text))
    assert (meta.doc_type, meta.region, meta.period) == ("work_report", "株洲市", (2020, 2021))
    assert meta.title == "政府工作报告"


def test_news_byline() -> None:
    text = "本报讯（记者 张三 通讯员 李四）2023年，醴陵市地区生产总值增长6%。2023年工业增长7%。"
    meta = detect_metadata(_source(text))
    assert (meta.doc_type, meta.region, meta.period) == ("news", "醴陵市", (2023, 2023))


EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TRUTH = EXAMPLES / ".truth" / "truth.jsonl"


def _truth() -> list[dict]:
    if not TRUTH.exists():
        return []
    return [json.loads(line) for line in TRUTH.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("answer", _truth(), ids=lambda a: a["file"])
def test_example_documents(answer: dict) -> None:
    """Type, period and region of the fictional examples (a region the gazetteer lacks). A
    document that never names the parent city gets the county as written, without it."""
    source = read_document(EXAMPLES / answer["file"])
    meta = detect_metadata(source)
    assert (meta.doc_type, meta.period) == (answer["doc_type"], tuple(answer["period"]))
    parent = answer.get("parent")
    if parent and parent not in source.text:
        assert meta.region == answer["region"].removeprefix(parent)
    else:
        assert meta.region == answer["region"]
    assert meta.region_code is None
    assert same_region(meta.region, answer["region"])


def test_example_titles_as_written() -> None:
    checked = 0
    for answer in _truth():
        source = read_document(EXAMPLES / answer["file"])
        title = answer["title"].replace(" ", "")
        if title in source.text.replace(" ", ""):
            assert (detect_metadata(source).title or "").replace(" ", "") == title, answer["file"]
            checked += 1
    assert checked >= 4 or not _truth()


@pytest.mark.parametrize(
    ("text", "doc_type", "region", "period"),
    [
        # a gazetteer name as the tail of an unknown one: 青岚县 is not 岚县 (山西省吕梁市)
        ("云川市青岚县国民经济和社会发展第十四个五年规划纲要\n青岚县人民政府\n第一章 发展基础\n",
         "plan", "云川市青岚县", (2021, 2025)),
        ("政府工作报告\n——2022年1月11日在青岚县第十九届人民代表大会第五次会议上\n青岚县县长\n"
         "一、2021年工作回顾\n", "work_report", "青岚县", (2021, 2022)),
        ("政府工作报告\n青岚县人民政府\n各位代表:\n现在,我代表县人民政府向大会报告工作。\n",
         "work_report", "青岚县", None),
        # management areas and towns are regions when the document is theirs
        ("株洲高新技术产业开发区2023年国民经济和社会发展统计公报\n初步核算,全年地区生产总值增长6%。\n",
         "bulletin", "株洲高新技术产业开发区", (2023, 2023)),
        ("长沙经济技术开发区管委会\n长沙经济技术开发区“十四五”发展规划\n第一章 发展基础\n",
         "plan", "长沙经济技术开发区", (2021, 2025)),
        ("石峰区清水塘街道“十四五”发展规划\n第一章 发展基础\n",
         "plan", "株洲市石峰区清水塘街道", (2021, 2025)),
        ("(湖南省)株洲市云龙示范区国民经济和社会发展第十四个五年规划纲要\n", "plan", "株洲市云龙示范区", (2021, 2025)),
        # the parent city of an unknown county from the masthead
        ("云川市新闻网 | 首页 | 时政要闻 | 区县动态\n青岚:经济运行稳中向好\n"
         "本报讯(记者 吴晓)记者从青岚县统计局获悉,2024年实现地区生产总值641亿元。\n"
         "2025年,青岚县将生产总值增长7.9%左右。2025年目标明确,2024年成绩可喜。\n",
         "news", "云川市青岚县", (2024, 2025)),
        # two cities in the mastheads: which one is the parent is not known
        ("云川市新闻网\n青岚:经济运行稳中向好\n来源:云山市日报\n本报讯 记者从青岚县统计局获悉,2024年增长5%。\n",
         "news", "青岚县", None),
    ],
)
def test_regions_the_gazetteer_lacks(text: str, doc_type: str, region: str, period) -> None:
    meta = detect_metadata(_source(text))
    assert (meta.doc_type, meta.region, meta.region_code) == (doc_type, region, None)
    if period is not None:
        assert meta.period == period


def test_known_regions_in_titles_keep_their_code() -> None:
    meta = detect_metadata(_source("2023年攸县政府工作报告\n一、2022年工作回顾\n"))
    assert (meta.region, meta.region_code) == ("攸县", "430223")
    meta = detect_metadata(_source("日照市2022年国民经济和社会发展统计公报\n全年地区生产总值增长5%。\n"))
    assert (meta.region, meta.region_code, meta.period) == ("日照市", "371100", (2022, 2022))
    meta = detect_metadata(_source("天津市和平区国民经济和社会发展第十四个五年规划纲要\n"))
    assert (meta.region, meta.region_code) == ("天津市和平区", "120101")
    meta = detect_metadata(_source("中共株洲市委关于制定株洲市国民经济和社会发展第十四个五年规划的建议\n"))
    assert (meta.region, meta.region_code) == ("株洲市", "430200")  # 制定 is a verb, not part of a name
    meta = detect_metadata(_source("新疆生产建设兵团第八师石河子市2022年国民经济和社会发展统计公报\n"))
    assert (meta.region, meta.region_code, meta.period) == ("石河子市", "659001", (2022, 2022))


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("石峰区2021年国民经济和社会发展统计公报\n株洲市石峰区统计局\n2022年3月20日\n一、综合\n"
         "初步核算,全年地区生产总值增长5%。2020年为100亿元。\n", (2021, 2021)),
        # the issuing line and its date above the title do not decide the year
        ("株洲市石峰区统计局\n2022年3月20日\n石峰区2021年国民经济和社会发展统计公报\n一、综合\n"
         "全年地区生产总值增长5%。\n", (2021, 2021)),
        ("石峰区国民经济和社会发展统计公报\n一、综合\n2021年全区地区生产总值增长5%。2021年末常住人口30万。"
         "2020年为100亿元。\n", (2021, 2021)),
        ("2022年政府工作报告\n各位代表:\n2023年将继续努力,2023年目标明确。2021年成绩显著,2020年以来……\n", (2021, 2022)),
        ("政府工作报告\n——在2022年1月5日石峰区第三届人民代表大会第一次会议上\n一、2021年工作回顾\n2023年展望。\n",
         (2021, 2022)),
        ("二〇二三年政府工作报告\n一、二〇二二年工作回顾\n", (2022, 2023)),
        ("政府工作报告\n——二 〇 二四年一月二十日在攸县第十八届人民代表大会上\n一、二〇二三年工作回顾\n", (2023, 2024)),
    ],
)
def test_reference_year_of_reports(text: str, period: tuple[int, int]) -> None:
    assert detect_metadata(_source(text)).period == period
