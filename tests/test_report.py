"""Evaluation reports: content (title, counts, the 完成情况 table, warnings, evidence with
sections, chart data) and the md/html writers, on a real store built from written documents.
The heavier formats (pdf, docx, xlsx, LibreOffice) are in test_report_formats.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.errors import NotFoundError, PlanwatchError
from planwatch.report import fonts
from planwatch.report.content import COLUMNS, Report, build_report, plan_ordinal
from planwatch.report.html import render_html
from planwatch.report.markdown import render_markdown
from planwatch.report.output import atomic_write
from planwatch.store import Store
from tests.test_report_corpus import TITLE, build_store, run_cli

D = Decimal
TODAY = dt.date(2024, 3, 1)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("report"))


@pytest.fixture(scope="module")
def report(db: Path) -> Report:
    with Store.open(db, create=False) as store:
        return build_report(store, "石峰区", today=TODAY)


def row_named(report: Report, name: str, unit: str) -> object:
    return next(r for r in report.rows if r.indicator == name and r.unit == unit)


def test_title_date_and_counts(report: Report) -> None:
    assert report.title == TITLE
    assert report.as_of == 2023
    assert report.subtitle == "评估截至2023年 · 生成日期：2024-03-01"
    assert dict((code, n) for code, _, n in report.counts) == {"ahead": 1, "on_track": 2, "lagging": 2}
    assert [text for _, text, _ in report.counts] == ["快于预期", "基本符合预期", "滞后"]
    assert report.vetoes == 1
    assert "共监测目标5项" in report.summary and "一票否决" in report.summary


def test_table_in_the_completion_layout(report: Report) -> None:
    assert COLUMNS == ("序号", "指标", "单位", "属性", "基期值", "目标值", "实际值", "序时进度/预期值",
                       "完成情况", "预警")
    forest = row_named(report, "森林覆盖率", "%")
    assert forest.cells()[1:] == ("森林覆盖率", "%", "约束性", "40", "45", "41.3（2023年）", "43", "滞后",
                                  "一级（否决）")
    growth = row_named(report, "地区生产总值", "%")
    assert growth.target == "年均增长7"
    assert growth.baseline == "300亿元"  # the base level of a growth target, with its own unit
    assert growth.actual == "360亿元（2023年）；年均增长6.27%"  # (360/300)^(1/3) − 1
    assert [r.number for r in report.rows] == list(range(1, len(report.rows) + 1))


def test_warnings_put_the_binding_veto_first(report: Report) -> None:
    first = report.warnings[0]
    assert (first.indicator, first.level_text, first.veto, first.colour) == ("森林覆盖率", "一级", True, "red")
    assert "约束性指标滞后" in first.reasons
    levels = [w.level for w in report.warnings[1:]]
    assert levels == sorted(levels) and all(not w.veto for w in report.warnings[1:])
    assert all(w.level < 3 for w in report.warnings)  # green rows are counted, not listed


def test_every_number_has_its_document_section_and_quote(report: Report) -> None:
    forest = row_named(report, "森林覆盖率", "%")
    by_role = {e.role: e for e in forest.evidence}
    target = by_role["目标值"]
    assert target.value == "45%" and target.year == 2025
    assert target.section == "专栏1 石峰区“十四五”经济社会发展主要指标"
    assert "森林覆盖率" in target.quote and target.path.endswith("shifeng_plan.txt")
    actual = by_role["实际值"]
    assert (actual.value, actual.year, actual.section) == ("41.3%", 2023, "一、综合")
    assert actual.document == "石峰区2023年国民经济和社会发展统计公报"
    assert actual.quote == "森林覆盖率41.3%。"
    text = Path(actual.path).read_text(encoding="utf-8")
    assert text[actual.span[0]:actual.span[1]] == "41.3%"
    earlier = sorted((e.year, e.value) for e in forest.evidence if e.role == "历年实际值")
    assert earlier == [(2021, "41%"), (2022, "41.2%")]


def test_chart_data_is_the_trajectory_against_the_target_path(report: Report) -> None:
    forest = row_named(report, "森林覆盖率", "%").chart
    assert forest.actuals == ((2021, D("41")), (2022, D("41.2")), (2023, D("41.3")))
    assert forest.path[0] == (2020, D("40")) and forest.path[-1] == (2025, D("45"))
    assert dict(forest.path)[2023] == D("43")  # 序时进度: 40 + 5·3/5
    growth = row_named(report, "地区生产总值", "%").chart
    assert dict(growth.path)[2021] == D("321.00")  # 300 · 1.07
    assert dict(growth.actuals)[2023] == D("360")


def test_markdown_has_the_table_warnings_and_sources(report: Report) -> None:
    md = render_markdown(report, {4: "r_charts/04.png"})
    assert md.startswith(f"# {TITLE}")
    assert "| 序号 | 指标 | 单位 | 属性 | 基期值 | 目标值 | 实际值 | 序时进度/预期值 | 完成情况 | 预警 |" in md
    assert "| 4 | 森林覆盖率 | % | 约束性 | 40 | 45 | 41.3（2023年） | 43 | 滞后 | 一级（否决） |" in md
    assert "**一级预警，约束性指标一票否决** · 4. 森林覆盖率" in md
    assert "![森林覆盖率](r_charts/04.png)" in md
    assert "| 实际值 | 41.3% | 2023 | 石峰区2023年国民经济和社会发展统计公报 | 一、综合 | 森林覆盖率41.3%。 |" in md


def test_html_is_self_contained_and_escapes_text(report: Report) -> None:
    hostile = dataclasses.replace(report.rows[0], indicator="<script>alert(1)</script>")
    page = render_html(dataclasses.replace(report, rows=(hostile, *report.rows[1:])), charts={4: b"\x89PNG-test"})
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'src="data:image/png;base64,iVBORy10ZXN0"' in page
    assert "http://" not in page and "https://" not in page
    assert TITLE in page and "约束性指标一票否决" in page
    assert fonts.cjk_font().family in page  # the CSS asks for the CJK face found


def test_plan_ordinal() -> None:
    names = [plan_ordinal((y, y + 4)) for y in (2001, 2006, 2016, 2021, 2026)]
    assert names == ["十五", "十一五", "十三五", "十四五", "十五五"]
    assert plan_ordinal((2022, 2025)) is None and plan_ordinal(None) is None


def test_missing_cjk_font_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from matplotlib import font_manager

    fonts.cjk_font.cache_clear()
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [])
    try:
        with pytest.raises(fonts.FontMissingError, match="fonts-noto-cjk"):
            fonts.cjk_font()
    finally:
        fonts.cjk_font.cache_clear()


def test_atomic_write_replaces_whole_and_leaves_no_temp(tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    out.write_text("old", encoding="utf-8")
    atomic_write(out, "新".encode())
    assert out.read_text(encoding="utf-8") == "新"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.md"]
    assert os.stat(out).st_mode & 0o044  # readable by others, not mkstemp's 0600
    with pytest.raises(PlanwatchError, match="does not exist"):
        atomic_write(tmp_path / "no" / "r.md", b"x")


def test_unknown_region_is_not_found(db: Path) -> None:
    with Store.open(db, create=False) as store, pytest.raises(NotFoundError):
        build_report(store, "长沙市")


def test_cli_markdown_to_stdout_and_file(db: Path, tmp_path: Path) -> None:
    out = run_cli("report", "--region", "石峰区", "--format", "md", "--db", str(db))
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f"# {TITLE}") and "![" not in out.stdout  # no charts without a file
    target = tmp_path / "评估.md"
    out = run_cli("report", "--region", "石峰区", "--format", "md", "-o", str(target), "--db", str(db))
    assert out.returncode == 0, out.stderr
    charts = sorted(p.name for p in (tmp_path / "评估_charts").iterdir())
    assert charts == ["01.png", "02.png", "03.png", "04.png", "05.png"]
    assert (tmp_path / "评估_charts" / "04.png").read_bytes().startswith(b"\x89PNG")
    assert "![森林覆盖率](评估_charts/04.png)" in target.read_text(encoding="utf-8")


def test_cli_html_as_of_and_errors(db: Path, tmp_path: Path) -> None:
    out = run_cli("report", "--region", "株洲市石峰区", "--as-of", "2022", "--format", "html", "-o", str(tmp_path),
                  "--db", str(db))
    assert out.returncode == 0, out.stderr
    page = (tmp_path / "评估报告_株洲市石峰区_2022.html").read_text(encoding="utf-8")
    assert "评估截至2022年" in page and "41.2（2022年）" in page and "41.3（2023年）" not in page
    missing = run_cli("report", "--region", "长沙市", "--db", str(db))
    assert missing.returncode == 1 and "no targets for 长沙市" in missing.stderr
    bad = run_cli("report", "--region", "石峰区", "--format", "odt", "--db", str(db))
    assert bad.returncode == 2
    nodb = run_cli("report", "--region", "石峰区", "--db", str(tmp_path / "none.db"))
    assert nodb.returncode == 4


def test_plan_option_names_the_plan(db: Path) -> None:
    with Store.open(db, create=False) as store:
        plan = next(d for d in store.documents() if d.path.endswith("shifeng_plan.txt"))
        report = build_report(store, "石峰区", plan_doc=plan.id, today=TODAY)
    assert report.plan_document == plan.path and report.title == TITLE
    assert "评估依据：" + plan.path in render_markdown(report)
    assert len(report.rows) == 5
