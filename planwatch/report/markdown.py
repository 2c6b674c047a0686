"""The report as Markdown (for a wiki, a merge request, or a quick read in a terminal).

Charts are PNG files beside the Markdown (``FILE_charts/NN.png``) linked by relative path;
without a file to write beside (stdout) the Markdown has no pictures.
"""

from __future__ import annotations

from planwatch.report.content import COLUMNS, Report


def cell(text: str | None) -> str:
    """A table cell: pipes and line breaks would break the Markdown table."""
    return (text or "").replace("|", "\\|").replace("\n", " ").strip() or "—"


def render_markdown(report: Report, chart_paths: dict[int, str] | None = None) -> str:
    """The report; ``chart_paths`` maps a row number to the relative path of its PNG."""
    chart_paths = chart_paths or {}
    out = [f"# {report.title}", "", f"*{report.subtitle}*", ""]
    if report.plan_document:
        out += [f"评估依据：{report.plan_document}", ""]
    out += ["## 一、总体情况", "", report.summary, "", "| 完成情况 | 项数 |", "|---|---:|"]
    out += [f"| {text} | {n} |" for _, text, n in report.counts]
    out += ["", "## 二、主要指标完成情况", "", "| " + " | ".join(COLUMNS) + " |",
            "|" + "|".join("---:" if c == "序号" else "---" for c in COLUMNS) + "|"]
    out += ["| " + " | ".join(cell(c) for c in row.cells()) + " |" for row in report.rows]
    out += ["", "## 三、预警", ""]
    if report.warnings:
        for w in report.warnings:
            veto = "，约束性指标一票否决" if w.veto else ""
            change = f"，{w.change}" if w.change and "→" in w.change else ""
            reasons = "；".join(w.reasons)
            out.append(f"- **{w.level_text}预警{veto}** · {w.number}. {w.indicator}（{w.status}{change}）"
                       + (f"：{reasons}" if reasons else ""))
    else:
        out.append("无一级、二级预警。")
    out += ["", "## 四、分指标情况与数据来源", ""]
    for row in report.rows:
        out += [f"### {row.number}. {row.indicator}", "",
                f"目标值 {cell(row.target)}{'' if row.unit == '—' else row.unit} · 实际值 {cell(row.actual)}"
                f" · {row.status} · 预警 {row.warning}", ""]
        if row.number in chart_paths:
            out += [f"![{row.indicator}]({chart_paths[row.number]})", ""]
        out += ["| 数据 | 数值 | 年份 | 文件 | 章节 | 原文 |", "|---|---|---|---|---|---|"]
        out += [f"| {e.role} | {cell(e.value)} | {e.year or '—'} | {cell(e.document)} | {cell(e.section)} | "
                f"{cell(e.quote)} |" for e in row.evidence]
        out.append("")
    return "\n".join(out)
