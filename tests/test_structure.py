"""The section tree on the real plans and on small texts."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.parse.structure import parse_sections, section_at, section_path
from tests.conftest import assert_span_text

CHAPTERS_004 = [
    "第一章 全面开启现代化涟源建设新征程",
    "第二章 科学擘画现代化涟源建设新蓝图",
    "第三章 构建现代产业体系,建设先进制造业强市",
    "第四章 坚持创新引领,增强科技硬核实力",
    "第五章 坚持扩大内需,积极融入新发展格局",
    "第六章 优先发展农业农村,打造乡村振兴涟源样板",
    "第七章 提升城市发展能级,优化拓展城市发展空间",
    "第八章 持续改善生态环境,绘就绿水青山涟源画卷",
    "第九章 加强公共服务保障,共享高质量发展新生活",
    "第十章 统筹发展与安全,建设更高水平的平安涟源",
    "第十一章 深化改革开放,激活发展动力",
    "第十二章 完善保障机制,推动规划实施落地见效",
]


def _read(corpus_dir, stem: str) -> str:
    return (corpus_dir / f"{stem}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def doc004(corpus_dir):
    text = _read(corpus_dir, "004_8ea32ed0690f39a6")
    return text, parse_sections(text)


@pytest.fixture(scope="module")
def doc000(corpus_dir):
    text = _read(corpus_dir, "000_6d30eace15c0d417")
    return text, parse_sections(text)


def test_004_chapters_are_the_body_ones_not_the_toc(doc004) -> None:
    text, sections = doc004
    chapters = [s for s in sections if s.kind == "chapter"]
    assert [c.title for c in chapters] == CHAPTERS_004
    assert all(c.level == 1 for c in chapters)
    assert all(c.span.start > text.index("第十二章") for c in chapters)  # after the TOC's last entry
    for chapter in chapters:
        printed = text[chapter.heading.start : chapter.heading.end]
        assert printed.replace("\u2002", "").replace(" ", "") == chapter.title.replace(" ", "")


def test_004_sections_nest_under_chapters(doc004) -> None:
    text, sections = doc004
    second = next(s for s in sections if s.title.startswith("第二章"))
    inside = [s.title for s in sections if s.kind == "section" and second.span.start < s.span.start < second.span.end]
    assert inside == ["第一节 指导思想", "第二节 基本原则", "第三节 发展定位", "第四节 二〇三五年远景目标",
                      "第五节 “十四五”发展目标"]
    fourth = next(s for s in sections if s.title == "第四节 二〇三五年远景目标")
    offset = text.index("。", fourth.heading.end)
    assert section_path(sections, offset) == [second, fourth]


def test_004_boxes_and_tables(doc004) -> None:
    text, sections = doc004
    boxes = [s for s in sections if s.kind == "box"]
    assert len(boxes) == 28
    assert boxes[0].title == "专栏3-1 先进制造业倍增工程"
    assert all(b.level == 3 for b in boxes)  # under a 节, itself under a 章
    tables = [s for s in sections if s.kind == "table"]
    assert [t.title for t in tables] == [
        "1-1 涟源市十三五经济社会发展主要指标完成情况",
        "2-1 涟源十四五经济社会发展主要指标体系",
    ]
    assert section_at(sections, text.index("地区生产总值", tables[1].span.start)) == tables[1]


def test_000_parts_chapters_boxes_and_glossary(doc000) -> None:
    text, sections = doc000
    parts = [s for s in sections if s.kind == "part"]
    assert [p.title for p in parts] == ["第一篇 发展基础", "第二篇 发展战略", "第三篇 发展任务", "第四篇 发展保障"]
    assert {s.level for s in sections if s.kind == "chapter"} == {2}
    chapter = next(s for s in sections if s.kind == "chapter" and s.title.startswith("第一章"))
    assert chapter.title == "第一章 “十三五”发展成就和发展经验"  # PDF spacing folded in the title
    assert_span_text(text, chapter.heading, "第一章 “ 十三五 ” 发展成就和发展经验")
    glued = next(s for s in sections if s.title == "第八章 不断提升区域发展活力")
    assert_span_text(text, glued.heading, "第八章不断提升区域发展活力")
    boxes = [s.title for s in sections if s.kind == "box"]
    assert boxes == ["专栏3 六大特色园区", "专栏4 轨道交通装备产业技术攻关清单", "专栏5 清水塘生态景观工程",
                     "专栏7 社会治理重点工程", "专栏8 “十四五”重点学校建设项目"]
    glossary = [s for s in sections if s.kind == "glossary"]
    assert len(glossary) == 1 and glossary[0].level == 1
    assert text[glossary[0].span.start : glossary[0].span.end].rstrip().endswith("校外培训负担。")
    assert section_at(sections, text.index("三高四新”:指的是")) == glossary[0]


def test_002_chapters_and_broken_heading(corpus_dir) -> None:
    text = _read(corpus_dir, "002_7639c02c9fdb3ff9")
    sections = parse_sections(text)
    chapters = [s for s in sections if s.kind == "chapter"]
    assert len(chapters) == 13
    assert chapters[0].title == "第一章 扎实推进“三地四区”发展战略,开启全面建设社会主义现代化新征程"
    assert text[chapters[0].heading.start : chapters[0].heading.end].endswith("现代化新征程")
    assert chapters[-1].title == "第十三章 坚持和加强党的全面领导确保规划落地见效"
    assert [s.title for s in sections if s.kind == "box"] == [
        "专栏1 “十三五”规划主要指标完成情况对比表", "专栏2 雁峰区“十四五”时期经济社会发展主要指标"]


@pytest.mark.parametrize("stem", ["000_6d30eace15c0d417", "002_7639c02c9fdb3ff9", "004_8ea32ed0690f39a6"])
def test_spans_contain_headings_and_nest(corpus_dir, stem) -> None:
    text = _read(corpus_dir, stem)
    sections = parse_sections(text)
    for s in sections:
        assert s.span.start == s.heading.start <= s.heading.end <= s.span.end <= len(text)
    for a, b in itertools.pairwise(sections):
        assert a.span.start < b.span.start
        if b.level > a.level:
            assert a.span.start < b.span.start and b.span.end <= a.span.end
        else:
            assert a.span.end <= b.span.start


def test_levels_are_relative_and_items_need_to_be_short() -> None:
    text = (
        "第一章 总体要求\n一、指导思想\n坚持稳中求进。\n二、主要目标\n"
        "1. 经济增长\n到2025年,地区生产总值年均增长6%左右。\n"
        "(一)综合实力跃上新台阶。全区地区生产总值突破300亿元。\n"
        "第二章 产业发展\n正文。\n"
    )
    sections = parse_sections(text)
    assert [(s.title, s.level, s.kind) for s in sections] == [
        ("第一章 总体要求", 1, "chapter"),
        ("一、指导思想", 2, "item"),
        ("二、主要目标", 2, "item"),
        ("1.经济增长", 3, "item"),
        ("第二章 产业发展", 1, "chapter"),
    ]
    target = text.index("6%")
    assert [s.title for s in section_path(sections, target)] == ["第一章 总体要求", "二、主要目标", "1.经济增长"]
    assert section_at(sections, 0).title == "第一章 总体要求"
    assert section_at(parse_sections("没有标题的文字。"), 3) is None


def test_toc_without_a_toc_line_is_skipped() -> None:
    text = (
        "第一章 发展基础\n第二章 发展目标\n第三章 保障措施\n前言正文很长很长。\n"
        "第一章 发展基础\n内容。\n第二章 发展目标\n内容。\n"
    )
    sections = parse_sections(text)
    assert [s.title for s in sections] == ["第一章 发展基础", "第二章 发展目标"]
    assert sections[0].span.start == text.index("第一章", 10)


def test_pdf_spaced_headings() -> None:
    text = "第 一 章   “ 十四五 ” 发展环境\n正文。\n第 一 节 机遇\n正文。\n"
    sections = parse_sections(text)
    assert [s.title for s in sections] == ["第一章 “十四五”发展环境", "第一节 机遇"]
    assert_span_text(text, sections[0].heading, "第 一 章   “ 十四五 ” 发展环境")


def test_parts_bare_headings_and_appendices() -> None:
    text = (
        "第一部分\n发展基础\n第一章 总体\n正文。\n专栏1 重点项目\n一、交通\n项目。\n"
        "附件1：名词解释\n1. 三高四新：定义。\n附表\n表1 主要指标\n数据\n"
    )
    sections = parse_sections(text)
    assert [(s.level, s.kind, s.title) for s in sections] == [
        (1, "part", "第一部分 发展基础"),
        (2, "chapter", "第一章 总体"),
        (3, "box", "专栏1 重点项目"),
        (3, "item", "一、交通"),
        (1, "glossary", "名词解释"),
        (1, "annex", "附表"),
        (2, "table", "表1 主要指标"),
    ]
    assert_span_text(text, sections[0].heading, "第一部分\n发展基础")
    assert_span_text(text, sections[4].span, "附件1：名词解释\n1. 三高四新：定义。")


_PIECES = st.sampled_from([
    "第一篇 发展基础", "第 二 章 “ 十四五 ” 目标", "第三节指导思想", "专栏 1-2 重点项目", "表2-1 主要指标",
    "名词解释", "一、交通建设", "(二)产业发展", "3. 生态保护", "目 录", "正文,到2025年达到8.4 %。",
    "坚持稳中求进工作总基调。", "", "  ", "1. 三高四新:指的是……", "附表",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=30))
def test_spans_are_sound_on_any_mix_of_headings(pieces: list[str]) -> None:
    text = "\n".join(pieces)
    sections = parse_sections(text)
    for s in sections:
        assert 0 <= s.span.start == s.heading.start < s.heading.end <= s.span.end <= len(text)
        assert text[s.heading.start : s.heading.end].strip() == text[s.heading.start : s.heading.end]
        assert section_at(sections, s.heading.start) == s
    for a, b in itertools.pairwise(sections):
        assert a.span.start < b.span.start
        assert b.span.end <= a.span.end if b.level > a.level else a.span.end <= b.span.start
