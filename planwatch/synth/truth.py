"""The truth of a synthetic document (标准答案) as a truth.jsonl line, spans included.

A plain-text file's decoded text is the composed text, so its spans are known by construction.
For HTML, DOCX and PDF the decoded text is what planwatch's reader builds; each quote is then
found again in that text, in document order, allowing white space between any two characters
(PDF line wraps, tab-separated table cells). A quote that cannot be found keeps ``span: null``
and ``aligned: false`` rather than a guessed span.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from planwatch.synth.textdoc import SynthDoc

_ITEM_KEYS = {
    "target": ("indicator", "name", "indicator_id", "metric", "comparator", "value", "low", "high",
               "unit", "year", "period", "text", "quote", "span"),
    "observation": ("indicator", "name", "indicator_id", "metric", "comparator", "value", "unit", "year", "period",
                    "estimated", "quote", "span"),
    "glossary": ("term", "definition", "quote", "span"),
    "project": ("name", "section", "quote", "span"),
}


def document_truth(doc: SynthDoc, file: str, fmt: str, encoding: str,
                   decoded: str | None = None) -> dict[str, Any]:
    """The truth.jsonl record of ``doc``; ``decoded`` (structured formats) re-aligns spans."""
    items = [dict(i) for i in doc.items]
    tables = [dict(t, rows=[dict(r) for r in t["rows"]]) for t in doc.tables]
    basis = "decoded"
    if decoded is not None and decoded != doc.text:
        rows = [r for t in tables for r in t["rows"]]
        align(decoded, items + rows)
        for t in tables:
            spans = [r["span"] for r in t["rows"] if r["span"] is not None]
            t["span"] = [spans[0][0], spans[-1][1]] if spans else None
    elif decoded is None and fmt != "txt":
        basis = "canonical"  # not read back: spans index the composed text
    record: dict[str, Any] = {
        "file": file, "doc_type": doc.doc_type, "region": doc.region, "parent": doc.parent,
        "period": list(doc.period), "year": doc.year, "title": doc.title, "format": fmt,
        "encoding": encoding, "span_basis": basis, "table_shape": doc.shape or None,
        "indicator_tables": tables,
        "targets": [_pick(i) for i in items if i["kind"] == "target"],
        "observations": [_pick(i) for i in items if i["kind"] == "observation"],
        "glossary": [_pick(i) for i in items if i["kind"] == "glossary"],
        "projects": [_pick(i) for i in items if i["kind"] == "project"],
    }
    return record


def _pick(item: dict[str, Any]) -> dict[str, Any]:
    out = {k: item.get(k) for k in _ITEM_KEYS[item["kind"]]}
    if "aligned" in item:
        out["aligned"] = item["aligned"]
    return out


def gold_record(record: dict[str, Any], text: str) -> dict[str, Any]:
    """The record in the layout of the shared gold files, so the shared scorer can score it:
    quotes located by ``occurrence`` (the n-th time the quote occurs) instead of spans."""
    def located(item: dict[str, Any]) -> dict[str, Any]:
        out = {k: v for k, v in item.items() if k not in ("span", "aligned")}
        out["occurrence"] = _occurrence(text, item["quote"], item["span"][0])
        return out

    return {
        "document": record["file"], "region": record["region"], "doc_type": record["doc_type"],
        "period": record["period"],
        "indicator_tables": [{"title": t["title"], "kind": t["kind"],
                              "rows": [{k: v for k, v in r.items() if k not in ("span", "quote")}
                                       for r in t["rows"]]} for t in record["indicator_tables"]],
        "targets": [located(i) for i in record["targets"]
                    if i["value"] is not None or i["low"] is not None],  # gold: quantified only
        "observations": [located(i) for i in record["observations"]],
        "glossary": [{"term": g["term"], "quote": g["quote"]} for g in record["glossary"]],
    }


def _occurrence(text: str, quote: str, start: int) -> int:
    n, at = 0, text.find(quote)
    while 0 <= at < start:
        n += 1
        at = text.find(quote, at + 1)
    return n


def quote_pattern(quote: str) -> re.Pattern[str]:
    """The quote with any white space allowed between its (non-space) characters."""
    chars = [c for c in quote if not c.isspace()]
    return re.compile(r"\s*".join(re.escape(c) for c in chars))


def align(text: str, items: list[dict[str, Any]]) -> None:
    """Re-point each item's span and quote into ``text``, in the order the items were composed."""
    cursor = 0
    for item in sorted(items, key=lambda i: i["span"][0]):
        pattern = quote_pattern(item["quote"])
        match = pattern.search(text, cursor) or pattern.search(text)
        if match is None:
            item["span"], item["aligned"] = None, False
            continue
        item["span"] = [match.start(), match.end()]
        item["quote"] = match.group(0)
        cursor = match.start()


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() and "." not in str(value) else float(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def dumps(record: dict[str, Any]) -> str:
    """One JSON line; Decimals as JSON numbers printed as the document prints them."""
    return json.dumps(record, ensure_ascii=False, default=_default)
