"""An evaluation as an Excel workbook (one sheet, one row per target), for ``evaluate --xlsx``."""

from __future__ import annotations

from pathlib import Path

from planwatch.evaluate.model import Evaluation
from planwatch.evaluate.serialize import evaluation_to_json
from planwatch.evaluate.status import METRIC_TEXTS

COLUMNS: tuple[tuple[str, str], ...] = (
    ("指标", "indicator"), ("指标代码", "indicator_id"), ("口径", "metric"), ("目标", "target"),
    ("单位", "unit"), ("目标年", "year"), ("基期值", "baseline"), ("实际值", "actual"), ("实际年份", "actual_year"),
    ("序时目标", "expected_now"), ("差距", "gap"), ("状态", "status_text"), ("预警", "warning"),
    ("预警变化", "warning_change"), ("否决", "veto"), ("SDG方法", "sdg"), ("实际值来源", "actual_source"),
    ("原文", "actual_quote"), ("目标来源", "target_source"),
)

FILLS = {"red": "F4CCCC", "yellow": "FFF2CC", "green": "D9EAD3"}


def _target_text(t: dict) -> str:
    if t["comparator"] == "range":
        return f"{t['low']}–{t['high']}"
    sign = {"ge": "≥", "le": "≤", "approx": "≈"}.get(t["comparator"] or "", "")
    return "" if t["value"] is None else f"{sign}{t['value']}"


def flat_rows(evaluation: Evaluation) -> list[dict]:
    out = []
    for r in evaluation_to_json(evaluation)["rows"]:
        t, a, w, sdg = r["target"], r["actual"], r["warning"], r["sdg"]
        out.append({
            "indicator": r["indicator"], "indicator_id": r["indicator_id"],
            "metric": METRIC_TEXTS.get(t["metric"], t["metric"]),
            "target": _target_text(t) or (t["text"] or ""), "unit": t["unit"], "year": t["year"],
            "baseline": r["baseline"], "actual": a["value"] if a else None, "actual_year": a["year"] if a else None,
            "expected_now": r["expected_now"], "gap": r["gap"], "status_text": r["status_text"],
            "warning": w["text"] if w else None, "warning_change": r["warning_change"],
            "veto": "是" if r["veto"] else "", "sdg": sdg["text"] if sdg else None,
            "actual_source": a["source"]["document"] if a else None,
            "actual_quote": a["source"]["quote"] if a else None,
            "target_source": r["target_source"]["document"] if r["target_source"] else None,
            "colour": w["colour"] if w else None,
        })
    return out


def write_evaluation_xlsx(evaluation: Evaluation, path: str | Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "监测评估"
    ws.append([f"{evaluation.region} 规划实施监测评估", f"截至 {evaluation.as_of or '—'} 年"])
    ws.append([label for label, _ in COLUMNS])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in flat_rows(evaluation):
        ws.append([row[key] for _, key in COLUMNS])
        colour = row["colour"]
        if colour in FILLS:
            ws.cell(ws.max_row, 13).fill = PatternFill("solid", fgColor=FILLS[colour])
    wb.save(path)
