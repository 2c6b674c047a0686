"""Spreadsheet import of actuals: template columns, validation with line numbers, storage."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import pytest

from planwatch.errors import ManifestError, UnsupportedFormatError
from planwatch.link.actuals import import_actuals, read_actuals
from planwatch.store import Store

GOOD_AND_BAD = (
    "region,indicator,year,value,unit,source,metric,estimated,note\n"
    "石峰区,gdp,2023,\"1,234.5\",亿元,2023年统计公报,,,\n"           # 2: id, thousands separator
    "石峰区,地区生产总值,2023,6.2,%,2023年统计公报,growth,no,\n"    # 3: a name, a growth
    ",gdp,2023,1,亿元,x,,,\n"                                       # 4: no region
    "石峰区,不存在的指标,2023,1,亿元,x,,,\n"                          # 5: unknown indicator
    "石峰区,gdp,二三年,1,亿元,x,,,\n"                                 # 6: bad year
    "石峰区,gdp,2023,约一千,亿元,x,,,\n"                              # 7: not a number
    "石峰区,GDP,2024,1300,亿元,政府工作报告,level,预计,revised\n"     # 8: synonym, estimate
    "石峰区,gdp,2024,1,亿元,x,speed,,\n"                             # 9: unknown metric
)


def test_validation_reports_line_and_reason(tmp_path):
    path = tmp_path / "actuals.csv"
    path.write_text(GOOD_AND_BAD, encoding="utf-8")
    result = read_actuals(path)
    assert [line for line, _, _ in result.accepted] == [2, 3, 8]
    reasons = {r.line: r.reason for r in result.rejected}
    assert set(reasons) == {4, 5, 6, 7, 9}
    assert reasons[4] == "missing region"
    assert "unknown indicator" in reasons[5] and "bad year" in reasons[6]
    assert "not a number" in reasons[7] and "unknown metric" in reasons[9]
    first, growth, estimate = (o for _, o, _ in result.accepted)
    assert first.value == Decimal("1234.5") and first.indicator_id == "gdp" and first.metric == "level"
    assert growth.metric == "growth" and growth.unit == "%" and not growth.estimated
    assert estimate.estimated and estimate.year == 2024


def test_chinese_headers_gb18030_and_xlsx(tmp_path):
    csv_path = tmp_path / "实际值.csv"
    csv_path.write_bytes("地区,指标,年份,数值,单位,来源\n石峰区,森林覆盖率,2024年,42.1,%,林业局\n".encode("gb18030"))
    (line, o, quote), = read_actuals(csv_path).accepted
    assert (line, o.indicator_id, o.value, o.year) == (2, "forest_coverage", Decimal("42.1"), 2024)
    assert "林业局" in quote

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["region", "indicator", "year", "value", "unit", "source"])
    ws.append(["石峰区", "城镇调查失业率", 2024, 5.3, "%", "统计公报"])
    ws.append(["石峰区", "城镇调查失业率", "x", 5.3, "%", "统计公报"])
    xlsx = tmp_path / "actuals.xlsx"
    wb.save(xlsx)
    result = read_actuals(xlsx)
    assert [(line, o.value) for line, o, _ in result.accepted] == [(2, Decimal("5.3"))]
    assert [r.line for r in result.rejected] == [3]


def test_bad_files(tmp_path):
    odd = tmp_path / "actuals.ods"
    odd.write_text("x", encoding="utf-8")
    with pytest.raises(UnsupportedFormatError):
        read_actuals(odd)
    no_header = tmp_path / "noheader.csv"
    no_header.write_text("region,indicator,value\n石峰区,gdp,1\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="year, unit, source"):
        read_actuals(no_header)


def test_stored_as_imported_observations_with_vintages(tmp_path):
    path = tmp_path / "actuals.csv"
    path.write_text(GOOD_AND_BAD, encoding="utf-8")
    store = Store.open(str(tmp_path / "m.db"))
    try:
        import_actuals(store, path)
        path.write_text("region,indicator,year,value,unit,source\n石峰区,gdp,2023,1240,亿元,修订\n", encoding="utf-8")
        import_actuals(store, path)
        stored = store.observations(indicator_id="gdp")
        assert [o.observation.value for o in stored] == [Decimal("1234.5"), Decimal("6.2"), Decimal(1300),
                                                         Decimal(1240)]
        assert {o.source_kind for o in stored} == {"imported"}
        assert stored[0].source.startswith("actuals.csv:2\t")
        assert stored[0].vintage < stored[-1].vintage  # the revision sits beside, not over, the first figure
    finally:
        store.close()


def test_cli_import(tmp_path):
    path = tmp_path / "actuals.csv"
    path.write_text(GOOD_AND_BAD, encoding="utf-8")
    db = str(tmp_path / "m.db")
    out = subprocess.run([sys.executable, "-m", "planwatch", "actuals", "import", str(path), "--db", db],
                         capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert out.returncode == 1
    assert "3 rows stored, 5 rejected" in out.stderr
    assert f"{path}:5: rejected: unknown indicator" in out.stderr
    dry = subprocess.run([sys.executable, "-m", "planwatch", "actuals", "import", str(path), "--db", db,
                          "--dry-run", "--json"], capture_output=True, text=True, encoding="utf-8", timeout=120)
    data = json.loads(dry.stdout)
    assert data["stored"] == 0 and data["accepted"] == 3 and [r["line"] for r in data["rejected"]] == [4, 5, 6, 7, 9]
    store = Store.open(db)
    try:
        assert len(store.observations()) == 3
    finally:
        store.close()
