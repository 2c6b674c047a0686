"""How a prose item's indicator name is read when the clause before its number does not say it
whole: own sentences written the way plans write (planwatch/extract/names.py and
planwatch/extract/owners.py), each checked through the real prose extractor."""

from __future__ import annotations

from decimal import Decimal

import pytest
import regex

from planwatch.extract.names import (
    drop_enumeration,
    examples_of,
    object_of,
    quota_name,
    unbracketed,
    with_subject,
)
from planwatch.extract.owners import owner_before, topic_of_paragraph
from planwatch.extract.prose import extract_prose
from planwatch.link.catalogue import default_catalogue
from planwatch.model import DocumentMeta, SourceText

PLAN = DocumentMeta(doc_type="plan", region="某县", period=(2021, 2025))
REPORT = DocumentMeta(doc_type="work_report", region="某市", period=(2022, 2022))
ACTION = regex.compile("(?:培育壮大|新建|建设|引进|完成|办结|受理|打造)")


def names(text: str, meta: DocumentMeta = REPORT, catalogue=None) -> dict[Decimal, tuple[str, str | None]]:
    """value → (name, indicator id) of every quantified item of ``text``."""
    src = SourceText(path="mem.txt", text=text, sha256="", encoding="utf-8", format="text")
    targets, observations = extract_prose(src, meta, [], [], catalogue or default_catalogue())
    return {x.value: (x.indicator, x.indicator_id) for x in [*targets, *observations] if x.value is not None}


def test_examples_are_dropped_for_the_noun_after_the_number() -> None:
    got = names("全年完成湘天桥、建设路等7家农贸市场提质改造，南方中心等12个创新平台落户。")
    assert got[Decimal(7)] == ("农贸市场提质改造", "farmers_markets")
    assert "南方中心" not in got[Decimal(12)][0]


def test_a_verb_that_opens_a_list_of_examples_is_kept() -> None:
    assert drop_enumeration("引进新型绿色工程材料等项目", ACTION) == "引进项目"
    assert drop_enumeration("湘天桥等", ACTION) == ""
    assert drop_enumeration("高等院校", ACTION) == "高等院校"  # 高等 is no list
    assert examples_of("三区科技人才等") == "三区科技人才"


def test_a_bare_output_takes_the_park_the_paragraph_is_about() -> None:
    text = ("六园:青山工业园。聚焦绿色食品产业，打造全省最大的食品出口基地。到2025年,实现年产值12亿元以上。"
            "白石智造产业园聚焦工程机械零配件。到2025年,实现年产值18亿元以上。")
    got = names(text, PLAN)
    assert got[Decimal(12)] == ("青山工业园年产值", "park_output")
    assert got[Decimal(18)] == ("白石智造产业园年产值", "park_output")


def test_a_bare_output_takes_the_cluster_of_its_sentence() -> None:
    got = names("打造国家级高端装备产业集群，力争产值达600亿元。", PLAN)
    assert got[Decimal(600)] == ("国家级高端装备产业集群产值", "industry_cluster_output")


def test_the_owner_search_helpers() -> None:
    text = "实施东街、西村棚户区改造项目17个、涉及户数6858户"
    assert owner_before(text, text.index("涉及"), 0) == "西村棚户区改造项目"
    assert owner_before("没有园的句子", 6, 0) == ""
    para = "一区:青山高新区。加强基础设施。到2025年,实现年产值"
    assert topic_of_paragraph(para, len(para), para.index("到2025")) == "青山高新区"


def test_new_is_kept_before_a_bare_noun() -> None:
    got = names("到2025年，全区累计新增就业1.5万人以上。", PLAN)
    assert got[Decimal("1.5")] == ("累计新增就业", "new_urban_jobs")


def test_a_value_in_brackets_after_a_standard_is_of_the_subject() -> None:
    assert unbracketed("细颗粒物(PM2.5)浓度达到国家环境空气质量二级标准(") == "细颗粒物(PM2.5)浓度"
    assert unbracketed("细颗粒物浓度") == "细颗粒物浓度"


def test_a_verb_and_a_year_borrow_the_name_of_the_sentence() -> None:
    got = names("市场主体达到19090户，是2015年的3.1倍。农林牧渔总产值4.23亿元，较2016年净增0.86亿元。")
    assert got[Decimal("3.1")][0] == "市场主体"
    assert got[Decimal("0.86")] == ("农林牧渔总产值", "agri_output")


def test_a_share_of_the_subject_and_a_bare_verb_of_its_object() -> None:
    got = names("财政民生支出34.36亿元，占财政支出的72.06%。全年受理各类网格事件19361件，办结19286件，办结率为99.6%。")
    assert got[Decimal("72.06")] == ("财政民生支出占财政支出比重", "livelihood_spending_share")
    assert got[Decimal(19361)][1] == "grid_events"
    assert got[Decimal(19286)][1] == "grid_events_closed"
    assert got[Decimal("99.6")][1] == "grid_event_closure_rate"
    assert with_subject("占地", "园区", ACTION) == "占地"  # 占地 is no share
    assert object_of("受理各类网格事件", ACTION) == "各类网格事件"


def test_a_quota_handed_down_names_its_quantity() -> None:
    assert quota_name("超额完成省下达我市粮食产量") == "粮食产量"
    assert quota_name("完成省下达目标任务") is None
    got = names("完成种植业结构调整75.8万亩，超额完成省下达我市粮食产量155万吨。")
    assert got[Decimal(155)] == ("粮食产量", "grain_output")


def test_the_place_before_the_number_and_what_was_done_after_it() -> None:
    got = names("完成东郊企业周边8.48平方公里污染土壤修复治理，绿心地区57家工业企业全部关停退出。", PLAN)
    assert got[Decimal("8.48")] == ("东郊企业周边污染土壤修复治理", "contaminated_soil_remediation")
    assert got[Decimal(57)] == ("绿心地区工业企业全部关停退出", "enterprises_closed")


def test_a_list_of_levels_shares_the_noun_after_its_last_member() -> None:
    got = names("5年内着力打造3个省级、10个市级、50个县级现代农业特色产业园。", PLAN)
    for v in (3, 10, 50):
        assert got[Decimal(v)][1] == "modern_agri_parks", got[Decimal(v)]


def test_items_written_back_to_back_take_their_own_nouns() -> None:
    got = names("现代种植业建设30万亩特色柑橘产业基地2万亩中药材种植基地。", PLAN)
    assert got[Decimal(2)][0] == "中药材种植基地"
    assert got[Decimal(30)][0] == "建设特色柑橘产业基地"


def test_a_list_of_named_numbers_is_no_list_of_bare_numbers() -> None:
    got = names("主持参与制定国家标准40项、行业标准74项。")
    assert got[Decimal(40)] == ("主持参与制定国家标准", "standards_developed")


@pytest.mark.parametrize(("text", "value", "name"), [
    ("培育壮大10个企业科技创新团队。", 10, "壮大企业科技创新团队"),
    ("成立28支家庭医生团队。", 28, "成立家庭医生团队"),
    ("南湖片区，约3000亩。", 3000, "南湖片区"),
    ("新增2个24小时书屋。", 2, "24小时书屋"),
])
def test_names_written_after_the_verb(text: str, value: int, name: str) -> None:
    assert names(text, PLAN)[Decimal(value)][0] == name


def test_a_list_of_place_names_before_a_count_names_nothing() -> None:
    got = names("建成高昇、幸福嘉园2个全市首批智慧化农贸市场。")
    assert got[Decimal(2)] == ("全市首批智慧化农贸市场", "farmers_markets")


def test_additions_per_year_are_no_growth_of_the_clause_before() -> None:
    got = names("加快培育发展科技型中小企业和高新技术企业，力争年均新增高新技术企业20家以上。", PLAN)
    assert got[Decimal(20)] == ("年均新增高新技术企业", "high_tech_enterprises")
