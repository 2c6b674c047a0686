"""Import actuals (实际值) from a planner's spreadsheet: CSV or XLSX, one figure per row.

Template columns (header row; English or Chinese names, any order; docs/evaluation.md):
    region 地区 | indicator 指标 | year 年份 | value 数值 | unit 单位 | source 来源
    optional: metric 口径 | estimated 预计 | note 备注
``indicator`` is a catalogue id (gdp) or any name or synonym the catalogue knows (地区生产总值,
GDP). Every row is validated; a bad row is rejected with its line number and the reason and
the good rows are kept. Accepted rows go to the store as observations of source kind
"imported", each with ``FILE:LINE<TAB>the row`` as its source so an evaluation can quote it.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import cast

from planwatch.errors import InputError, ManifestError, UnsupportedFormatError
from planwatch.ingest.encoding import decode_bytes
from planwatch.link.catalogue import Catalogue, default_catalogue
from planwatch.model import Metric, Observation, Span

REQUIRED = ("region", "indicator", "year", "value", "unit", "source")
OPTIONAL = ("metric", "estimated", "note")
HEADER_NAMES: dict[str, str] = {
    "region": "region", "地区": "region", "区域": "region",
    "indicator": "indicator", "指标": "indicator", "指标名称": "indicator",
    "year": "year", "年份": "year", "年度": "year",
    "value": "value", "数值": "value", "值": "value", "实际值": "value",
    "unit": "unit", "单位": "unit",
    "source": "source", "来源": "source", "数据来源": "source",
    "metric": "metric", "口径": "metric",
    "estimated": "estimated", "预计": "estimated", "是否预计": "estimated",
    "note": "note", "备注": "note",
}
METRICS = frozenset({"level", "growth", "growth_avg", "change_total", "share", "count"})
METRIC_NAMES: dict[str, str] = {"总量": "level", "水平": "level", "增速": "growth", "增长": "growth",
                                "年均增速": "growth_avg", "年均增长": "growth_avg", "累计": "change_total",
                                "比重": "share", "数量": "count"}
TRUE_WORDS = frozenset({"1", "true", "yes", "y", "是", "预计", "estimated", "t"})
FALSE_WORDS = frozenset({"", "0", "false", "no", "n", "否", "f"})
YEARS = range(1949, 2101)


@dataclass(frozen=True)
class Rejected:
    line: int
    reason: str


@dataclass
class ActualsImport:
    """What an import read: the accepted observations (with their quoted rows) and the rejects."""

    path: str
    accepted: list[tuple[int, Observation, str]] = field(default_factory=list)  # (line, obs, row text)
    rejected: list[Rejected] = field(default_factory=list)


def read_rows(path: Path) -> list[tuple[int, list[str]]]:
    """(line number, cells) of every non-empty row, the header included (line 1)."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError("no such file", path=str(path))
    if suffix == ".csv":
        text = decode_bytes(path.read_bytes(), path=str(path)).text
        return [(i, [c.strip() for c in row]) for i, row in enumerate(csv.reader(io.StringIO(text)), 1)
                if any(c.strip() for c in row)]
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        except Exception as exc:  # openpyxl raises many kinds for a broken workbook
            raise InputError(f"cannot read the workbook: {exc}", path=str(path)) from exc
        rows = []
        for i, cells in enumerate(sheet.iter_rows(values_only=True), 1):
            texts = ["" if c is None else _cell_text(c) for c in cells]
            if any(texts):
                rows.append((i, texts))
        return rows
    raise UnsupportedFormatError(f"cannot import actuals from a {suffix or 'extensionless'} file",
                                 path=str(path), hint="use .csv (UTF-8 or GB18030) or .xlsx")


def _cell_text(value: object) -> str:
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    return str(value).strip()


def header_map(cells: list[str], path: str) -> dict[str, int]:
    """Column of each field; ManifestError naming the missing ones."""
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        key = HEADER_NAMES.get(unicodedata.normalize("NFKC", cell).strip().lower())
        if key and key not in found:
            found[key] = i
    missing = [c for c in REQUIRED if c not in found]
    if missing:
        raise ManifestError(f"the header lacks column(s) {', '.join(missing)}", path=path, line=1,
                            hint="template: region,indicator,year,value,unit,source[,metric,estimated,note]")
    return found


def parse_value(text: str) -> Decimal:
    cleaned = unicodedata.normalize("NFKC", text).replace(",", "").replace(" ", "").rstrip("%")
    value = Decimal(cleaned)
    if not value.is_finite():
        raise InvalidOperation(text)
    return value


def parse_row(cells: list[str], cols: dict[str, int], catalogue: Catalogue) -> tuple[Observation | None, str]:
    """An Observation from one row, or None and the reason it was rejected."""
    get = lambda k: cells[cols[k]].strip() if k in cols and cols[k] < len(cells) else ""  # noqa: E731
    region, name, unit = get("region"), get("indicator"), get("unit") or None
    if not region:
        return None, "missing region"
    if not name:
        return None, "missing indicator"
    entry = catalogue.get(name) or catalogue.match(name, unit)
    if entry is None:
        return None, f"unknown indicator {name!r} (not a catalogue id, name or synonym)"
    year_text = unicodedata.normalize("NFKC", get("year")).removesuffix("年").strip()
    if not year_text.isdigit() or int(year_text) not in YEARS:
        return None, f"bad year {get('year')!r} (a year such as 2023)"
    try:
        value = parse_value(get("value"))
    except (InvalidOperation, ValueError):
        return None, f"value {get('value')!r} is not a number"
    metric_text = get("metric").lower()
    metric = METRIC_NAMES.get(metric_text, metric_text) if metric_text else None
    if metric is not None and metric not in METRICS:
        return None, f"unknown metric {get('metric')!r} (one of {', '.join(sorted(METRICS))})"
    if metric is None:
        metric = entry.metric if entry.metric in ("level", "share", "count") else "level"
    flag = get("estimated").lower()
    if flag not in TRUE_WORDS | FALSE_WORDS:
        return None, f"estimated {get('estimated')!r} is not yes/no"
    return Observation(indicator=entry.name if catalogue.get(name) else name, metric=cast(Metric, metric), value=value,
                       unit=unit or entry.unit, year=int(year_text), span=Span(0, 0),
                       estimated=flag in TRUE_WORDS, indicator_id=entry.id, region=region), ""


def read_actuals(path: str | Path, catalogue: Catalogue | None = None) -> ActualsImport:
    """Read and validate a spreadsheet of actuals (nothing is stored)."""
    path = Path(path)
    catalogue = catalogue or default_catalogue()
    rows = read_rows(path)
    if not rows:
        raise ManifestError("the spreadsheet is empty", path=str(path))
    cols = header_map(rows[0][1], str(path))
    result = ActualsImport(path=str(path))
    for line, cells in rows[1:]:
        obs, reason = parse_row(cells, cols, catalogue)
        if obs is None:
            result.rejected.append(Rejected(line, reason))
        else:
            result.accepted.append((line, obs, " | ".join(c for c in cells if c)))
    return result


def import_actuals(store, path: str | Path, catalogue: Catalogue | None = None) -> ActualsImport:
    """Validate a spreadsheet and store its good rows as observations (one vintage per import)."""
    from planwatch.store.migrations import now_iso

    result = read_actuals(path, catalogue)
    vintage = now_iso()
    name = Path(path).name
    for line, obs, quote in result.accepted:
        store.add_observations([obs], source=f"{name}:{line}\t{quote}", vintage=vintage)
    return result
