"""The completion-table audit: gaps re-derived, achieved judged direction-aware, findings."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from planwatch.evaluate.audit import audit_row, audit_tables, audit_to_json, comparator_of, parse_ratio
from planwatch.evaluate.model import Settings
from planwatch.model import IndicatorRow, IndicatorTable, Span

DOC = "004_8ea32ed0690f39a6"
ROW_FIELDS = ("target", "target_growth", "actual", "actual_growth", "actual_avg_growth", "gap")


def D(v) -> Decimal | None:
    return None if v is None else Decimal(str(v))


def row_from_gold(g: dict) -> IndicatorRow:
    return IndicatorRow(
        seq=g["seq"], name=g["name"], unit=g["unit"], attribute=g["attribute"], span=Span(0, 1),
        category=g.get("category"), target_text=g.get("target_text"), actual_text=g.get("actual_text"),
        status_text=g.get("status_text"), **{k: D(g.get(k)) for k in ROW_FIELDS})


def row(name, unit="%", **kw) -> IndicatorRow:
    kw = {k: (D(v) if k in ROW_FIELDS else v) for k, v in kw.items()}
    return IndicatorRow(seq=1, name=name, unit=unit, attribute=None, span=Span(0, 1), **kw)


def test_per_capita_gdp_level_and_growth_disagree():
    r = audit_row(row("人均生产总值", "元", target=34510, target_text="34510", target_growth=7.6, actual=30474,
                      actual_growth=4.2, actual_avg_growth=8, status_text="超额完成"), "t", Settings())
    assert r.level_status == "missed" and r.growth_status == "exceeded"
    assert r.achieved is True and r.basis == "both"
    assert any("34510" in f and "30474" in f and "7.6" in f and "8" in f for f in r.findings)


def test_growth_basis_follows_the_printed_gap():
    # level 12285 above the 11600 target, growth 10.3 below 11: the printed gap -0.7 is the growth one
    r = audit_row(row("农村居民人均纯收入", "元", target=11600, target_growth=11, actual=12285,
                      actual_avg_growth=10.3, gap=-0.7), "t", Settings())
    assert r.computed_gap == Decimal("-0.7") and r.achieved is False
    assert any("总量目标 11600 超额完成" in f and "增速目标 11% 未完成" in f for f in r.findings)


def test_ceiling_below_target_is_met_and_gap_reproduced():
    r = audit_row(row("城镇登记失业率", target=4.4, actual=4.3, gap=-0.1), "t", Settings())
    assert r.achieved is True and r.computed_gap == Decimal("-0.1") and r.findings == ()
    assert any("上限指标" in n for n in r.notes)


def test_unsigned_decline_of_an_emission_is_read_as_a_decline():
    r = audit_row(row("二氧化硫排放量", "吨", target=5806.7, target_growth=-8, actual=3960, actual_avg_growth=11.81,
                      status_text="超额完成"), "t", Settings())
    assert r.growth_status == "exceeded" and r.level_status == "exceeded" and r.achieved is True
    assert r.findings == ()


def test_wrong_printed_gap_and_status_are_findings():
    r = audit_row(row("地区生产总值", "亿元", target_growth=8.5, actual_avg_growth=7.5, gap=-2,
                      status_text="完成"), "t", Settings())
    assert r.computed_gap == Decimal("-1.0") and r.achieved is False
    assert any("表中差距 -2" in f for f in r.findings)
    assert any("表中为“完成”" in f and "应为“未完成”" in f for f in r.findings)


def test_text_actual_and_structure_ratio():
    done = audit_row(row("万元GDP能耗比下降", target=20, actual_text="完成省定目标", status_text="完成"),
                     "t", Settings())
    assert done.basis == "text" and done.achieved is True
    ratio = audit_row(row("三次产业结构比例", None, target_text="15:49:36", actual_text="16.6:34.3:49.1"),
                      "t", Settings())
    assert ratio.basis == "text" and ratio.achieved is False
    assert parse_ratio("15:49:36") == (Decimal(15), Decimal(49), Decimal(36))


def test_floor_includes_its_bound():
    assert comparator_of("45以上") == "ge"
    r = audit_row(row("城镇化率", target=45, target_text="45以上", target_growth=1.9, actual=45, status_text="完成"),
                  "t", Settings())
    assert r.achieved is True and r.basis == "level" and r.findings == ()


def test_gold_rows_rebuilt_by_hand(gold):
    table = next(t for t in gold[DOC]["indicator_tables"] if t["kind"] == "completion_review")
    rows = tuple(row_from_gold(g) for g in table["rows"])
    audited = audit_tables([IndicatorTable(table["title"], "completion_review", Span(0, 1), rows)])
    assert len(audited) == 28
    for g, a in zip(table["rows"], audited, strict=True):
        assert a.achieved == g["achieved"], (g["seq"], g["name"], a)
        if g["gap"] is not None:
            assert a.computed_gap is not None and abs(a.computed_gap - D(g["gap"])) <= Decimal("0.05"), g["name"]


def test_audit_cli_on_the_real_table(corpus_dir, gold):
    out = subprocess.run([sys.executable, "-m", "planwatch", "audit", str(corpus_dir / f"{DOC}.txt"), "--json"],
                         capture_output=True, text=True, check=True, encoding="utf-8")
    data = json.loads(out.stdout)
    schema = Path(__file__).resolve().parent.parent / "planwatch" / "data" / "audit.schema.json"
    jsonschema.validate(data, json.loads(schema.read_text(encoding="utf-8")))
    assert data["schema"] == "planwatch.audit/1"
    table = next(t for t in gold[DOC]["indicator_tables"] if t["kind"] == "completion_review")
    by_seq = {r["seq"]: r for r in data["rows"]}
    assert len(data["rows"]) == 28
    for g in table["rows"]:
        got = by_seq[g["seq"]]
        assert got["achieved"] == g["achieved"], (g["seq"], g["name"], got)
        if g["gap"] is not None:
            assert got["printed_gap"] == pytest.approx(g["gap"])
            assert got["computed_gap"] == pytest.approx(g["gap"], abs=0.05)
    pcgdp = next(r for r in data["rows"] if r["name"].startswith("人均生产总值"))
    assert any("34510" in f and "30474" in f for f in pcgdp["findings"])
    assert audit_to_json([])["rows"] == []
