"""Key projects (重点项目): 专栏 project lists, 等项目建设 lists and 总投资 lines; nothing generic."""

from __future__ import annotations

import json
import re
import sqlite3
from decimal import Decimal
from pathlib import Path

from conftest import assert_span_text
from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.extract.pipeline import extract_document
from planwatch.extract.projects import extract_projects
from planwatch.extract.sentence_finder import BREAK_CHARS, SentenceFinder
from planwatch.extract.serialize import extraction_to_json
from planwatch.ingest.textview import normalize
from planwatch.model import Span
from planwatch.parse.structure import parse_sections
from planwatch.store import Store

# A plan excerpt as a PDF extraction prints it: spaces inside names and amounts.
PLAN = """第五章 建设现代基础设施
第一节 完善交通网络
加快构建综合交通网络，实施乡村振兴战略，推进项目建设。
专栏 3 重点 建设 项目
1. 轨道交通 产业园 二期项目：总投资 50 亿元，建设标准厂房30万平方米。
2. 城东污水处理厂扩建工程：总投资3.2亿元。
交通设施。长安大道北延线建设、青山湖大桥、西站综合客运枢纽。
第二节 推进生态建设
推进总投资120亿元的湘江新区综合开发项目，力争2023年开工。城北物流园项目总投资8000万元。
加快推进时代电驱、尚气等项目落地。重点布局科技创新、工业文旅等项目。加快推进重点项目建设，谋划一批重大项目。
大力实施新技术应用工程。老旧小区改造、城市内涝治理等项目建设。
"""


def projects_of(text: str) -> list:
    return extract_projects(text, parse_sections(text))


def corpus_projects(corpus_dir: Path, stem: str) -> tuple[str, list]:
    text = (corpus_dir / f"{stem}.txt").read_text(encoding="utf-8")
    return text, projects_of(text)


def test_a_box_of_projects_with_amounts_and_spaced_names() -> None:
    found = projects_of(PLAN)
    box = [p for p in found if p.section == "专栏3 重点建设项目"]
    assert [p.name for p in box] == ["轨道交通产业园二期项目", "城东污水处理厂扩建工程", "长安大道北延线建设",
                                     "青山湖大桥", "西站综合客运枢纽"]
    assert_span_text(PLAN, box[0].span, "轨道交通 产业园 二期项目")
    assert (box[0].investment, box[0].investment_unit) == (Decimal("50"), "亿元")
    assert (box[1].investment, box[1].investment_unit) == (Decimal("3.2"), "亿元")
    assert box[2].investment is None and box[2].investment_unit is None
    for p in box[1:]:
        assert_span_text(PLAN, p.span, p.name)


def test_prose_projects_need_an_investment_amount() -> None:
    prose = {p.name: p for p in projects_of(PLAN) if p.section == "第二节 推进生态建设"}
    assert set(prose) == {"湘江新区综合开发项目", "城北物流园项目"}
    assert (prose["湘江新区综合开发项目"].investment, prose["湘江新区综合开发项目"].investment_unit) == (
        Decimal("120"), "亿元")
    assert (prose["城北物流园项目"].investment, prose["城北物流园项目"].investment_unit) == (Decimal("8000"), "万元")
    assert_span_text(PLAN, prose["城北物流园项目"].span, "城北物流园项目")


def test_generic_phrases_are_not_projects() -> None:
    names = {p.name for p in projects_of(PLAN)}
    for phrase in ("实施乡村振兴战略", "推进项目建设", "项目建设", "重点项目建设", "重大项目", "时代电驱", "科技创新",
                   "新技术应用工程", "老旧小区改造", "城市内涝治理", "专栏3重点建设项目"):
        assert phrase not in names
    assert projects_of("实施乡村振兴战略，推进项目建设，谋划一批重大项目，加快重点工程建设。") == []
    assert projects_of("建设各类产业园、物流中心，实施荷塘镇河道改造4个项目。") == []


def test_amounts_in_brackets_and_in_the_next_sentence() -> None:
    text = ("第三章 产业\n专栏 2 重大项目\n"
            "重点建设株洲西站综合枢纽项目（总投资35亿元）、湘江风光带二期工程（12.5亿元）、石峰公园提质改造项目。\n"
            "清水塘大桥项目。总投资18亿元，2024年建成。\n")
    found = {p.name: p for p in projects_of(text)}
    assert list(found) == ["株洲西站综合枢纽项目", "湘江风光带二期工程", "石峰公园提质改造项目", "清水塘大桥项目"]
    assert found["株洲西站综合枢纽项目"].investment == Decimal("35")
    assert (found["湘江风光带二期工程"].investment, found["湘江风光带二期工程"].investment_unit) == (
        Decimal("12.5"), "亿元")
    assert found["石峰公园提质改造项目"].investment is None
    assert found["清水塘大桥项目"].investment == Decimal("18")
    assert_span_text(text, found["湘江风光带二期工程"].span, "湘江风光带二期工程")


def test_numbered_entries_of_a_box_under_numbered_subheadings() -> None:
    text = ("第三章 交通\n专栏 4 交通重点工程\n（一）交通工程\n"
            "1. 长株潭城际铁路西延线：全长30公里，总投资80亿元。\n2. 新华东路快速化改造。\n"
            "3. 完善城市交通体系，推进智慧交通。\n第四章 生态\n4. 湘江风光带提质改造。\n")
    found = projects_of(text)
    assert [(p.name, p.section, p.investment) for p in found] == [
        ("长株潭城际铁路西延线", "专栏4 交通重点工程", Decimal("80")),
        ("新华东路快速化改造", "专栏4 交通重点工程", None),
    ]  # (一)交通工程 is a heading of kinds; after 第四章 the box is over


def test_a_project_table_with_its_investment_column() -> None:
    text = ("第十章 保障措施\n附表 2 “十四五”重点项目表\n序号\t项目名称\t建设内容\t总投资（万元）\n"
            "1\t轨道交通产业园二期项目\t建设标准厂房30万平方米\t50000\n2\t 湘江 大桥 \t新建大桥一座\t12000.5\n"
            "3\t推进项目建设\t\t\n\n指标\t单位\t2025年\n地区生产总值\t亿元\t1000\n")
    found = projects_of(text)
    assert [(p.name, p.investment, p.investment_unit) for p in found] == [
        ("轨道交通产业园二期项目", Decimal("50000"), "万元"), ("湘江大桥", Decimal("12000.5"), "万元")]
    assert_span_text(text, found[1].span, "湘江 大桥")
    assert {p.section for p in found} == {"附表 2“十四五”重点项目表"}


def test_a_box_with_one_bare_name_per_line() -> None:
    text = ("第四章 重点任务\n专栏2 重点项目\n\n青澜老旧小区改造工程\n\n青澜乡村振兴示范片建设\n\n青澜综合客运枢纽\n\n"
            "加快乡村振兴示范片建设。\n")
    assert [p.name for p in projects_of(text)] == ["青澜老旧小区改造工程", "青澜乡村振兴示范片建设", "青澜综合客运枢纽"]


def test_a_prose_list_closed_by_dengxiangmu_names_facilities() -> None:
    text = ("第三节 数智转型\n"
            "加快轨道交通车辆转向架智能制造车间、轨道车辆核心部件智能制造工厂等项目建设，建设多车型混线。\n")
    found = projects_of(text)
    assert [p.name for p in found] == ["轨道交通车辆转向架智能制造车间", "轨道车辆核心部件智能制造工厂"]
    assert {p.section for p in found} == {"第三节 数智转型"}


def test_004_box_3_1_lists_its_eight_key_projects(corpus_dir) -> None:
    text, found = corpus_projects(corpus_dir, "004_8ea32ed0690f39a6")
    box = [p for p in found if p.section == "专栏3-1 先进制造业倍增工程"]
    assert [p.name for p in box] == [
        "娄底高新区湖南石牛汽车重卡挂车建设项目", "三一路机灯塔工厂建设项目", "三一混凝土泵车臂架灯塔工厂建设项目",
        "陶铝新能源压缩机自动化生产线项目", "石马山镇年产1万吨高铁轨道零部件生产线建设项目",
        "白马镇年产300万套机器人舵机生产线项目", "七星街镇铁华强力年产1300辆新型特种半挂车建设项目",
        "六亩塘镇年产1000台新型特种半挂车车架和500台中轴式新能源居旅车建设项目",
    ]
    for p in found:
        assert_span_text(text, p.span, p.name)  # 004 has no PDF spacing: spans are the names


def test_004_box_3_3_ends_its_list_with_the_project_not_its_construction(corpus_dir) -> None:
    _, found = corpus_projects(corpus_dir, "004_8ea32ed0690f39a6")
    names = [p.name for p in found if p.section == "专栏3-3 特色产业创优工程"]
    assert "杨家滩建材物流城项目" in names and "杨家滩建材物流城项目建设" not in names
    assert names[:3] == ["湖南路祥混凝土外加剂/高分子新型材料生产制造项目",
                         "湖南三合美新材料聚氨脂/岩棉节能环保保温材料生产项目",
                         "湖南一苇木业环保复合板项及家具生产项目"]


def test_004_infrastructure_box_5_3(corpus_dir) -> None:
    _, found = corpus_projects(corpus_dir, "004_8ea32ed0690f39a6")
    names = [p.name for p in found if p.section == "专栏5-3 基础设施建设工程"]
    assert names[:4] == ["水利设施建设工程", "扶珂水库建设", "一水厂整体搬迁", "引资济涟调水工程"]
    for name in ("涟水河水环境综合治理工程(飞仙坝-石狗)", "大唐华银500兆瓦光伏发电项目", "安张衡铁路娄底段",
                 "桥头河至衡阳白果高速公路(涟源段)", "综合客运枢纽"):
        assert name in names
    assert "河道划界立碑及河长制管理" not in names  # no project or facility ending: left out
    assert len(names) == len(set(names)) > 90


def test_004_box_6_4_rural_projects(corpus_dir) -> None:
    _, found = corpus_projects(corpus_dir, "004_8ea32ed0690f39a6")
    names = [p.name for p in found if p.section == "专栏6-4 乡村产业融合重点建设项目"]
    assert names[:7] == ["桥头河镇产城融合示范园", "杨市镇千年电商产业园", "硕泰产业园", "泓和高科农产品加工产业园",
                         "茅塘镇民宿与康养基地", "龙山蓝莓谷农旅融合精品工程", "白马镇乡村休闲旅游开发项目"]


def test_no_box_title_or_action_box_gives_projects(corpus_dir) -> None:
    _, found = corpus_projects(corpus_dir, "004_8ea32ed0690f39a6")
    assert not [p for p in found if p.name.startswith("专栏")]
    sections = {p.section for p in found}
    assert "专栏4-1 科技创新能力提升行动" not in sections  # a box of actions (行动), not projects
    assert "专栏9-1 就业创业行动" not in sections


def test_000_prose_lists_and_empty_boxes(corpus_dir) -> None:
    text, found = corpus_projects(corpus_dir, "000_6d30eace15c0d417")
    names = [p.name for p in found]
    assert names[:4] == ["轨道交通车辆转向架智能制造车间", "轨道车辆核心部件智能制造工厂", "绿地滨江科创园",
                         "清水塘环湖科创园"]
    assert "清水塘大桥" in names and "老工业路一/二期" in names
    assert not [p for p in found if p.section and p.section.startswith("专栏")]  # 000 lost its box bodies
    spaced = next(p for p in found if p.name == "老工业路一/二期")
    assert_span_text(text, spaced.span, "老工业路一 /二期")


def test_002_named_facilities_only(corpus_dir) -> None:
    _, found = corpus_projects(corpus_dir, "002_7639c02c9fdb3ff9")
    names = {p.name for p in found}
    assert {"王府井商业综合体", "乐宁医疗养老服务中心", "山林村红色教育基地"} <= names
    assert not names & {"城市内涝治理", "重大工程建设", "充电桩", "科技创新"}


PIECES = ["专栏 3 重点项目\n", "第一章 总则\n", "轨道交通 产业园", "二期项目", "湘江 大桥", "城东水厂扩建工程", "、",
          "，", "。", "：", "等项目建设", "总投资 5.5 亿元", "（总投资3亿元）", "\t", "项目名称", "总投资（亿元）",
          "\n", "推进", "实施乡村振兴战略", " ", "\r\n", "的", "1. "]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_any_text_gives_spans_that_read_as_the_name(text: str) -> None:
    for p in projects_of(text):
        assert 0 <= p.span.start < p.span.end <= len(text)
        assert normalize(text[p.span.start:p.span.end]).text == p.name
        assert p.name == p.name.strip() and "、" not in p.name and "。" not in p.name


def test_projects_reach_the_json_and_the_store(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    ex = extract_document(path)
    assert [p.name for p in ex.projects][:2] == ["轨道交通产业园二期项目", "城东污水处理厂扩建工程"]
    first = extraction_to_json(ex)["projects"][0]
    assert (first["investment"], first["investment_unit"], first["section"]) == (50, "亿元", "专栏3 重点建设项目")
    db = tmp_path / "pw.db"
    with Store.open(db) as store:
        doc_id = store.save(ex, str(path)).document_id
        assert store.extraction(doc_id).projects == ex.projects


def test_an_older_store_gains_the_investment_columns(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    ex = extract_document(path)
    db = tmp_path / "old.db"
    with Store.open(db) as store:
        doc_id = store.save(ex, str(path)).document_id
    con = sqlite3.connect(db)
    con.execute("ALTER TABLE projects DROP COLUMN investment")
    con.execute("ALTER TABLE projects DROP COLUMN investment_unit")
    con.execute("DELETE FROM schema_migrations WHERE name = '0003_project_investment'")
    con.commit()
    con.close()
    with Store.open(db) as store:
        assert store.applied_now == ["0003_project_investment"]
        old = store.extraction(doc_id).projects
        assert [p.name for p in old] == [p.name for p in ex.projects]
        assert all(p.investment is None for p in old)


# Regression: the projects of the five corpus documents and of these excerpts, exactly as the
# extractor read them when tests/fixtures/projects_regression.json was written (and reviewed by
# eye). Speed work on projects.py must not move one name, span, section or amount.
EXCERPTS = {
    "plan": PLAN,
    "brackets": ("第三章 产业\n专栏 2 重大项目\n"
                 "重点建设株洲西站综合枢纽项目（总投资35亿元）、湘江风光带二期工程（12.5亿元）、石峰公园提质改造项目。\n"
                 "清水塘大桥项目。总投资18亿元，2024年建成。\n"),
    "numbered_box": ("第三章 交通\n专栏 4 交通重点工程\n（一）交通工程\n"
                     "1. 长株潭城际铁路西延线：全长30公里，总投资80亿元。\n2. 新华东路快速化改造。\n"
                     "3. 完善城市交通体系，推进智慧交通。\n第四章 生态\n4. 湘江风光带提质改造。\n"),
    "table": ("第十章 保障措施\n附表 2 “十四五”重点项目表\n序号\t项目名称\t建设内容\t总投资（万元）\n"
              "1\t轨道交通产业园二期项目\t建设标准厂房30万平方米\t50000\n2\t 湘江 大桥 \t新建大桥一座\t12000.5\n"
              "3\t推进项目建设\t\t\n\n指标\t单位\t2025年\n地区生产总值\t亿元\t1000\n"),
    "bare_lines": ("第四章 重点任务\n专栏2 重点项目\n\n青澜老旧小区改造工程\n\n青澜乡村振兴示范片建设\n\n"
                   "青澜综合客运枢纽\n\n加快乡村振兴示范片建设。\n"),
    # the amount in the sentence after the name, with a heading and a plain sentence between
    "next_sentence": ("第二章 项目\n专栏5 港口重点工程\n湘潭港综合码头项目。\n第一节 港口\n总投资12亿元，2025年建成。\n"
                      "专栏6 桥梁工程\n云湖大桥工程。当年完成投资3亿元。总投资9亿元。\n"
                      "城南 水厂项目。\n计划总投资 6.5 亿元的城西物流园项目开工。\n"),
    # prose without any 项目 or 投资, then a 工程 box whose lines hold no 项目, then a 行动 box
    "plain_and_works_box": ("第一章 发展环境\n经济总量稳步增长，工业结构持续优化。\n"
                            "专栏1-2 交通基础设施工程\n1. 高速公路：G60扩容、长韶娄高速公路涟源段、娄新高速。\n"
                            "2. 国省干线：S236线白马至桥头河段改建、湄江大道扩建\n"
                            "专栏1-3 数字赋能行动\n智慧城市平台项目、数据中心二期工程。\n"
                            "加快推进湄江水库、娄底南站等项目建设，完成青山湖公园、湘中大道等一批重点项目建设。\n"),
}


def _snapshot(found: list) -> list[list]:
    return [[p.name, p.span.start, p.span.end, p.section, None if p.investment is None else str(p.investment),
             p.investment_unit] for p in found]


REGRESSION = Path(__file__).resolve().parent / "fixtures" / "projects_regression.json"


def _regression_inputs(corpus_dir: Path) -> dict[str, str]:
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(corpus_dir.glob("*.txt"))
             if not p.name.startswith("README")}
    return texts | EXCERPTS


def test_projects_are_exactly_those_of_the_reviewed_fixture(corpus_dir) -> None:
    expected = json.loads(REGRESSION.read_text(encoding="utf-8"))
    inputs = _regression_inputs(corpus_dir)
    assert set(inputs) == set(expected)
    for key, text in inputs.items():
        sections = parse_sections(text)
        assert _snapshot(extract_projects(text, sections)) == expected[key], key
        # a view the caller already holds gives the same answer
        assert _snapshot(extract_projects(text, sections, normalize(text))) == expected[key], key


def _cut_whole(text: str, cell_breaks: list[int]) -> list[tuple[str, int, int]]:
    """Sentences by cutting the whole text at every break, the way projects.py used to."""
    stops = sorted([(i, i + 1) for i, c in enumerate(text) if c in BREAK_CHARS] + [(b, b) for b in cell_breaks])
    out, start = [], 0
    for stop, resume in stops:
        if stop > start:
            out.append((text[start:stop], start, stop))
        start = max(start, resume)
    if start < len(text):
        out.append((text[start:], start, len(text)))
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["项目", "。", "\n", "；", "、", "甲", "乙丙", "投资", "!"]), max_size=60).map("".join),
       st.lists(st.integers(min_value=0, max_value=200), max_size=6))
def test_sentences_found_around_a_position_are_those_of_cutting_the_whole_text(text: str, cuts: list[int]) -> None:
    breaks = sorted({c for c in cuts if c < len(text)})
    whole = _cut_whole(text, breaks)
    finder = SentenceFinder(text, breaks)
    assert [tuple(s) for s in finder.within(0, len(text))] == whole
    for text_, start, end in whole:
        for p in range(start, end):
            assert tuple(finder.around(p)) == (text_, start, end)
    keyword = re.compile("项目|投资")
    hits = [m.start() for m in keyword.finditer(text)]  # a cell border may fall inside a word
    assert [tuple(s) for s in finder.candidates([], keyword)] == [s for s in whole
                                                                  if any(s[1] <= h < s[2] for h in hits)]
    assert [tuple(s) for s in finder.candidates([Span(0, len(text))], keyword)] == whole
