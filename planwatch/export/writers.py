"""Write the panel and its coverage manifest as CSV, Parquet or Stata .dta (atomically).

- CSV (UTF-8 with BOM, so Excel opens the Chinese right): numbers exactly as stored (Decimal
  text), empty cells for missing values.
- Parquet (pyarrow): numbers as float64, years and spans as nullable int64, strings as UTF-8.
- Stata .dta version 118 (Unicode strings; column names are ASCII and ≤ 32 characters by
  construction): numbers as double, missing numbers as Stata missing, missing strings as "",
  Chinese variable labels.
The manifest goes beside the panel as ``STEM.coverage.EXT`` in the same format.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Sequence
from dataclasses import astuple
from pathlib import Path

from planwatch.export.coverage import COVERAGE_COLUMNS, CoverageRow
from planwatch.export.panel import BOOL_COLUMNS, COLUMNS, DECIMAL_COLUMNS, INTEGER_COLUMNS, PanelRow
from planwatch.report.output import atomic_write

FORMATS: tuple[str, ...] = ("csv", "parquet", "dta")
COUNT_COLUMNS = frozenset({"documents", "actuals"})
STATA_STR_MAX = 2045  # bytes of a str# column in a .dta 118; longer texts go as strL
LABELS: dict[str, str] = {
    "region": "地区", "region_code": "行政区划代码", "indicator_id": "指标代码", "indicator": "指标(原文)",
    "metric": "口径", "year": "年份", "actual": "实际值", "actual_unit": "实际值单位", "estimated": "是否预计数",
    "source_kind": "来源类别", "doc_type": "文件类型", "document_id": "文件编号", "document": "文件",
    "span_start": "原文起点", "span_end": "原文终点", "quote": "原文", "vintage": "入库时间",
    "target_indicator": "目标指标", "target_metric": "目标口径", "comparator": "目标修饰(比较)",
    "target": "目标值", "target_low": "目标下限", "target_high": "目标上限", "target_unit": "目标单位",
    "target_year": "目标年", "base_year": "基期年", "baseline": "基期值", "attribute": "属性",
    "target_document_id": "目标文件编号", "target_document": "目标文件", "target_span_start": "目标原文起点",
    "target_span_end": "目标原文终点", "status": "状态代码", "status_text": "完成情况",
    "expected_now": "序时进度", "warning_level": "预警等级",
    "documents": "文件数", "document_ids": "文件编号", "paths": "文件路径",
    "actuals": "实际值条数",
}


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    return value


def csv_bytes(columns: Sequence[str], rows: Sequence[tuple]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_csv_cell(v) for v in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _column(values: list, name: str, for_stata: bool):  # type: ignore[no-untyped-def]
    import pandas as pd

    if name in DECIMAL_COLUMNS:
        return pd.Series([None if v is None else float(v) for v in values], dtype="float64")
    if name in INTEGER_COLUMNS or name in BOOL_COLUMNS or name in COUNT_COLUMNS:
        ints = [None if v is None else int(v) for v in values]
        return pd.Series(ints, dtype="float64" if for_stata else "Int64")
    if for_stata:
        return pd.Series(["" if v is None else str(v) for v in values], dtype=object)
    return pd.Series([None if v is None else str(v) for v in values], dtype="string")


def frame(columns: Sequence[str], rows: Sequence[tuple], for_stata: bool = False):  # type: ignore[no-untyped-def]
    """A typed DataFrame: floats for numbers, nullable ints, strings (Stata: "" for missing,
    and floats for integers so a missing year is Stata's missing, not 0)."""
    import pandas as pd

    return pd.DataFrame({name: _column([row[i] for row in rows], name, for_stata)
                         for i, name in enumerate(columns)})


def _binary(columns: Sequence[str], rows: Sequence[tuple], fmt: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"out.{fmt}"
        if fmt == "parquet":
            frame(columns, rows).to_parquet(path, engine="pyarrow", index=False)
        else:
            df = frame(columns, rows, for_stata=True)
            long_text = [c for c in df.columns if df[c].dtype == object
                         and max((len(v.encode("utf-8")) for v in df[c]), default=0) > STATA_STR_MAX]
            df.to_stata(path, write_index=False, version=118, convert_strl=long_text,
                        variable_labels={c: LABELS[c] for c in columns if c in LABELS})
        return path.read_bytes()


def table_bytes(columns: Sequence[str], rows: Sequence[tuple], fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    return csv_bytes(columns, rows) if fmt == "csv" else _binary(columns, rows, fmt)


def coverage_path(out: Path) -> Path:
    """panel.csv → panel.coverage.csv (same folder, same format)."""
    return out.with_name(f"{out.stem}.coverage{out.suffix}")


def write_export(panel: Sequence[PanelRow], coverage: Sequence[CoverageRow], fmt: str, out: Path,
                 ) -> tuple[Path, Path]:
    """Write the panel to ``out`` and the manifest beside it; returns both paths."""
    atomic_write(out, table_bytes(COLUMNS, [astuple(r) for r in panel], fmt))
    beside = coverage_path(out)
    atomic_write(beside, table_bytes(COVERAGE_COLUMNS, [astuple(r) for r in coverage], fmt))
    return out, beside
