"""The synthetic corpus: reproducible, its truth spans exact in every format, its statuses what
STATUS_SPEC says of its own numbers (recomputed here independently), its command usable."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from planwatch.ingest.reader import read_document
from planwatch.synth import phrasing
from planwatch.synth.corpus import generate_corpus, iter_documents
from planwatch.synth.printing import cn_int
from planwatch.synth.textdoc import split_marks

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    generate_corpus(out, regions=5, years=(2021, 2025), seed=3, formats=("txt", "html", "docx", "pdf"))
    return out


@pytest.fixture(scope="module")
def truth(mixed) -> list[dict]:
    return [json.loads(line) for line in (mixed / "truth.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def statuses(mixed) -> list[dict]:
    return [json.loads(line) for line in (mixed / "statuses.jsonl").read_text(encoding="utf-8").splitlines()]


def all_items(record: dict) -> list[dict]:
    rows = [r for t in record["indicator_tables"] for r in t["rows"]]
    return record["targets"] + record["observations"] + record["glossary"] + record["projects"] + rows


def plan_rows(plan: dict) -> list[dict]:
    """Rows of the plan's own indicator table (not its review of the previous plan)."""
    return [r for t in plan["indicator_tables"] if t["kind"] == "plan_indicators" for r in t["rows"]]


def test_same_seed_same_bytes_and_truth_other_seed_differs():
    first = [(d.file, d.data, json.dumps(d.truth, default=str)) for d in iter_documents(3, (2021, 2023), seed=5)]
    again = [(d.file, d.data, json.dumps(d.truth, default=str)) for d in iter_documents(3, (2021, 2023), seed=5)]
    other = [(d.file, d.data) for d in iter_documents(3, (2021, 2023), seed=6)]
    assert first == again
    assert [(f, b) for f, b, _ in first] != other


def test_every_span_is_exactly_its_quote_in_the_decoded_text(mixed, truth):
    formats = Counter()
    checked = 0
    for record in truth:
        source = read_document(mixed / record["file"])
        formats[source.format] += 1
        assert record["span_basis"] == "decoded"
        for item in all_items(record):
            assert item["span"] is not None, (record["file"], item["quote"])
            start, end = item["span"]
            assert source.text[start:end] == item["quote"], (record["file"], item)
            checked += 1
    assert set(formats) == {"text", "html", "docx", "pdf"}
    assert checked > 1000


def test_every_item_states_its_number_in_its_quote(truth):
    for record in truth:
        for item in record["targets"] + record["observations"]:
            if item["value"] is None and item.get("low") is None:
                continue  # a qualitative target
            quote = "".join(item["quote"].split())
            value = item["value"] if item["value"] is not None else item["low"]
            text = f"{value:g}" if isinstance(value, float) else str(value)
            assert text in quote or _cn_number_in(value, quote), (record["file"], item)


def _cn_number_in(value, quote: str) -> bool:
    return float(value).is_integer() and cn_int(int(value)) in quote


def test_every_format_and_encoding_decodes(mixed, truth):
    encodings = Counter()
    for record in truth:
        source = read_document(mixed / record["file"])
        if record["format"] == "txt":
            raw = (mixed / record["file"]).read_bytes()
            assert source.text == raw.decode(record["encoding"]).lstrip("\ufeff")
            encodings[record["encoding"]] += 1
        assert record["title"].replace("“ ", "“").replace(" ”", "”")[:4] in source.text.replace(" ", "")
    assert encodings["utf-8"] > 0 and encodings["gb18030"] + encodings["utf-16"] > 0


def test_documents_cover_every_kind_and_shape(truth):
    types = Counter(r["doc_type"] for r in truth)
    assert {"plan", "work_report", "bulletin", "news"} <= set(types)
    assert types["bulletin"] == types["work_report"] == 5 * 5
    comparators = Counter(t["comparator"] for r in truth for t in r["targets"])
    assert {"eq", "approx", "ge", "le", "range"} <= set(comparators)
    assert any(o["estimated"] for r in truth for o in r["observations"])
    assert any(t["metric"] == "qualitative" for r in truth for t in r["targets"])
    assert any(t["unit"] == "个百分点" for r in truth for t in r["targets"])


def test_county_growth_targets_are_at_least_their_citys(truth):
    plans = {r["region"]: r for r in truth if r["doc_type"] == "plan"}
    compared = 0
    for region, plan in plans.items():
        if plan["parent"] is None or plan["parent"] not in plans:
            continue
        mine = {row["indicator_id"]: row["annual_growth"] for row in plan_rows(plan)}
        city = {row["indicator_id"]: row["annual_growth"] for row in plan_rows(plans[plan["parent"]])}
        for iid, growth in mine.items():
            if growth is not None and city.get(iid) is not None:
                assert growth >= city[iid], (region, iid)
                compared += 1
    assert compared > 0


def test_statuses_cover_the_whole_spec(statuses):
    seen = Counter(s["status"] for s in statuses)
    for status in ("exceeded", "met", "nearly_met", "missed", "achieved_early", "ahead", "on_track",
                   "lagging", "manual"):
        assert seen[status] > 0, status
    assert {"一级", "二级", "三级"} <= {s["warning"] for s in statuses}
    assert any(s["veto"] for s in statuses)
    assert sum(s["robust"] for s in statuses) / len(statuses) > 0.85


def test_no_data_when_an_indicator_is_never_reported_again(tmp_path):
    generate_corpus(tmp_path, regions=16, years=(2021, 2023), seed=11)
    lines = [json.loads(x) for x in (tmp_path / "statuses.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(s["status"] == "no_data" for s in lines)


# --- an independent reading of STATUS_SPEC, from the truth items alone ----------------------

LOWER = {"surveyed_unemployment_rate", "energy_intensity"}


def _evidence(records: list[dict]) -> dict:
    final, estimate = {}, {}
    for r in records:
        for o in r["observations"]:
            if o["period"]:
                continue
            key = (o["indicator_id"], o["metric"], o["year"])
            if o["estimated"]:
                estimate[key] = o["value"]
            elif r["doc_type"] == "bulletin" or key not in final:
                final[key] = o["value"]
    return {**estimate, **final}


def _bands(a, t, rate, lower, comparator, low=None, high=None):
    scale = abs(t if t is not None else high)
    tol, near = (0.1, 0.5) if rate else (0.01 * scale, 0.05 * scale)
    if lower or comparator == "le":
        a = -a
        t = -t if t is not None else None
        low, high = (-high if high is not None else None), (-low if low is not None else None)
    return a, t, tol, near, low, high


def final_status(a, t, rate, lower, comparator, low=None, high=None):
    a, t, tol, near, low, high = _bands(a, t, rate, lower, comparator, low, high)
    if comparator == "range":
        if a > high + tol:
            return "exceeded"
        if a >= low - tol:
            return "met"
        return "nearly_met" if a >= low - near else "missed"
    if a >= t + tol:
        return "exceeded"
    if a >= t - tol:
        return "met"
    return "nearly_met" if a >= t - near else "missed"


def recompute(line: dict, plan: dict, values: dict) -> str:
    iid, metric, t, y_t = line["indicator_id"], line["metric"], line["target"], line["target_year"]
    y0 = plan["period"][0] - 1
    if metric == "qualitative":
        return "manual"
    row = next((r for r in plan_rows(plan) if r["indicator_id"] == iid), None)
    if row is None:  # a chapter's own goal: nothing reports it afterwards
        assert not any(i == iid for (i, _, _) in values)
        return "no_data"
    lower = iid in LOWER or line["comparator"] == "le"
    if metric == "growth_avg":
        years = sorted(y for (i, m, y) in values if i == iid and m in ("growth", "level") and y0 < y <= line["as_of"])
        if not years:
            return "no_data"
        y = years[-1]
        if (iid, "level", y) in values and row["unit"] != "%":
            r = ((values[(iid, "level", y)] / row["baseline"]) ** (1 / (y - y0)) - 1) * 100
        else:
            rates = [values[(iid, "growth", k)] for k in range(y0 + 1, y + 1) if (iid, "growth", k) in values]
            r = sum(rates) / len(rates)
        if y == y_t:
            return final_status(r, t, True, False, "eq")
        return "ahead" if r >= t + 0.1 else "on_track" if r >= t - 0.5 else "lagging"
    years = sorted(y for (i, m, y) in values if i == iid and m == metric and y0 < y <= line["as_of"])
    if not years:
        return "no_data"
    y = years[-1]
    a = values[(iid, metric, y)]
    rate = row["unit"] == "%"
    if y == y_t:
        return final_status(a, t, rate, lower, line["comparator"])
    b = row["baseline"]
    e = b + (t - b) * (y - y0) / (y_t - y0)
    a, t2, tol, near, _, _ = _bands(a, t, rate, lower, "eq")
    e = -e if lower else e
    if a >= t2 - tol:
        return "achieved_early"
    return "ahead" if a >= e + tol else "on_track" if a >= e - near else "lagging"


def test_statuses_agree_with_an_independent_reading_of_the_spec(truth, statuses):
    by_region = defaultdict(list)
    for r in truth:
        by_region[r["region"]].append(r)
    checked = 0
    for line in statuses:
        if not line["robust"]:
            continue
        records = by_region[line["region"]]
        values = _evidence(records)
        if line.get("annual"):
            a = values[(line["indicator_id"], line["metric"], line["target_year"])]
            rate = line["metric"] == "growth" or line["indicator_id"] == "surveyed_unemployment_rate"
            got = final_status(a, line["target"], rate, line["indicator_id"] in LOWER, line["comparator"],
                               line["low"], line["high"])
        else:
            plan = next(r for r in records if r["doc_type"] == "plan")
            got = recompute(line, plan, values)
        assert got == line["status"], line
        checked += 1
    assert checked > 500


# --- templates and the command ---------------------------------------------------------------

def test_every_item_kind_has_at_least_eight_wordings():
    pools = [phrasing.PAIR_GROWTH_TARGET, phrasing.CHANGE_TARGET, phrasing.DECLINE_TARGET,
             phrasing.QUALITATIVE_TARGET, phrasing.ANNUAL_CEILING_TARGET, phrasing.LEVEL_AND_GROWTH,
             phrasing.ESTIMATED_LEVEL_AND_GROWTH, phrasing.GROWTH_ONLY, phrasing.LEVEL_ACTUAL,
             phrasing.PERIOD_REVIEW, phrasing.PAIR_GROWTH_ACTUAL, phrasing.PERIOD_AVERAGE,
             *phrasing.GROWTH_AVG_TARGET.values(), *phrasing.LEVEL_TARGET.values(),
             *phrasing.ANNUAL_GROWTH_TARGET.values()]
    for pool in pools:
        assert len(set(pool)) >= 8, pool
        for template in pool:
            assert [q for _, q in split_marks(template)].count(True) == 1, template


def test_chinese_numerals():
    numbers = [cn_int(n) for n in (7, 10, 15, 300, 1020, 2035)]
    assert numbers == ["七", "十", "十五", "三百", "一千零二十", "二千零三十五"]


def test_command_writes_a_corpus_and_rejects_bad_years(tmp_path):
    out = tmp_path / "corpus"
    run = subprocess.run([sys.executable, "-m", "planwatch", "synth", "--regions", "2", "--years", "2021-2022",
                          "--seed", "1", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    files = sorted(p.name for p in out.iterdir())
    assert {"truth.jsonl", "statuses.jsonl", "manifest.csv"} <= set(files)
    lines = (out / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(files) - 3 and "documents" in run.stderr
    manifest = (out / "manifest.csv").read_text(encoding="utf-8").splitlines()
    assert len(manifest) == len(lines) + 1 and manifest[0].startswith("path,doc_type,region")
    bad = subprocess.run([sys.executable, "-m", "planwatch", "synth", "--years", "2025-2021", str(out)],
                         capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "2025-2021" in bad.stderr
    across = subprocess.run([sys.executable, "-m", "planwatch", "synth", "--years", "2024-2027", str(out)],
                            capture_output=True, text=True, cwd=ROOT)
    assert across.returncode == 2 and "one plan period" in across.stderr
    helped = subprocess.run([sys.executable, "-m", "planwatch", "synth", "--help"], capture_output=True,
                            text=True, cwd=ROOT)
    assert "Examples:" in helped.stdout and "--examples" in helped.stdout


def test_shipped_examples_are_what_the_command_generates():
    shipped = ROOT / "examples"
    if not (shipped / ".truth" / "truth.jsonl").exists():
        pytest.skip("examples/ not generated in this checkout")
    docs = list(iter_documents(preset="examples", years=(2021, 2024), seed=14))
    assert len(docs) == 9
    for d in docs:
        assert (shipped / d.file).read_bytes() == d.data, d.file
    regions = {d.truth["region"] for d in docs}
    assert regions == {"云川市青澜县", "云川市"}
    # what examples/README.md says of each file
    truth = {d.file: d.truth for d in docs}
    assert truth["qinglan_plan_2021-2025.txt"]["table_shape"] == "flattened"
    assert [t["kind"] for t in truth["qinglan_plan_2021-2025.txt"]["indicator_tables"]] == [
        "completion_review", "plan_indicators"]
    assert truth["yunchuan_plan_2021-2025.docx"]["table_shape"] == "real"
    assert truth["qinglan_work_report_2022.gb18030.txt"]["encoding"] == "gb18030"
    report_2023 = truth["qinglan_work_report_2023.html"]
    assert any(o["estimated"] for o in report_2023["observations"])
    assert any(t["comparator"] == "range" for t in report_2023["targets"])
    assert {"approx", "ge", "le"} <= {t["comparator"] for t in truth["qinglan_work_report_2024.txt"]["targets"]}
    assert (shipped / "manifest.csv").exists() and (shipped / "actuals.csv").exists()


def test_a_later_plan_period_renames_the_plan_throughout():
    docs = list(iter_documents(2, (2026, 2027), seed=2))
    plan = next(d for d in docs if d.truth["doc_type"] == "plan")
    assert plan.truth["period"] == [2026, 2030]
    assert "第十五个五年规划" in plan.truth["title"]
    text = plan.doc.text.replace(" ", "")
    assert "“十四五”时期发展成就" in text and "第十四个" not in text
    assert all(t["year"] == 2030 for t in plan.truth["targets"] if t["metric"] != "qualitative")


def test_the_whole_pipeline_agrees_with_the_examples_truth(tmp_path):
    """End to end: ingest the examples by their manifest, import the actuals, evaluate the
    county, and compare with .truth/statuses.jsonl (robust lines)."""
    from planwatch.synth.agreement import compare

    shipped = ROOT / "examples"
    if not (shipped / ".truth" / "statuses.jsonl").exists():
        pytest.skip("examples/ not generated in this checkout")
    db = str(tmp_path / "ex.db")
    cli = [sys.executable, "-m", "planwatch"]
    ingest = subprocess.run([*cli, "ingest", "--manifest", str(shipped / "manifest.csv"), "--db", db, "-q"],
                            capture_output=True, text=True, cwd=ROOT)
    assert ingest.returncode == 0, ingest.stderr
    imported = subprocess.run([*cli, "actuals", "import", str(shipped / "actuals.csv"), "--db", db],
                              capture_output=True, text=True, cwd=ROOT)
    assert imported.returncode == 0, imported.stderr
    lines = [json.loads(x) for x in (shipped / ".truth" / "statuses.jsonl").read_text(encoding="utf-8").splitlines()]
    run = subprocess.run([*cli, "evaluate", "--region", "青澜县", "--as-of", "2024", "--json", "--db", db],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    agreement = compare(json.loads(run.stdout), lines, "云川市青澜县", 2024)
    assert agreement.pairs >= 30
    assert agreement.status_rate >= 0.9, agreement.differences


def test_completion_review_words_are_the_spec_judgement_of_the_printed_numbers(truth):
    words = {"exceeded": "超额完成", "met": "完成", "nearly_met": "基本完成", "missed": "未完成"}
    checked = 0
    for record in truth:
        for table in record["indicator_tables"]:
            if table["kind"] != "completion_review":
                continue
            for row in table["rows"]:
                if row["actual_avg_growth"] is not None:  # judged on the average growth
                    status = final_status(row["actual_avg_growth"], row["target_growth"], True, False, "eq")
                elif row["target"] is not None:
                    lower = row["indicator_id"] in LOWER
                    status = final_status(row["actual"], row["target"], row["unit"] == "%", lower, "eq")
                else:
                    continue
                assert row["status_text"] == words[status], row
                assert row["achieved"] == (status in ("exceeded", "met"))
                checked += 1
    assert checked > 20


def test_sdg_grades_follow_the_escap_ratio(truth, statuses):
    plans = {r["region"]: r for r in truth if r["doc_type"] == "plan"}
    checked = 0
    for line in statuses:
        if line.get("sdg") is None or not line.get("sdg_robust") or line["metric"] not in ("level", "share"):
            continue
        plan = plans[line["region"]]
        b = next(r for r in plan_rows(plan) if r["indicator_id"] == line["indicator_id"])["baseline"]
        y0 = plan["period"][0] - 1
        cr = (line["actual"] / b) ** (1 / (line["actual_year"] - y0)) - 1
        rr = (line["target"] / b) ** (1 / (line["target_year"] - y0)) - 1
        ratio = cr / rr
        grade = ("on_track" if ratio >= 0.95 else "moderate" if ratio >= 0.5
                 else "limited" if ratio >= 0 else "regression")
        assert grade == line["sdg"], line
        checked += 1
    assert checked > 100


def test_goals_in_count_units_are_counts_as_the_gold_files_say(truth):
    """高新技术企业120家, 5G基站1200个, 市场主体12.5万户: metric count (the gold convention);
    per-capita amounts (每万人口…拥有量, 每千人口…医师数) stay levels."""
    metrics = defaultdict(set)
    for record in truth:
        for item in record["targets"] + record["observations"]:
            if item["unit"] in ("家", "个", "万户", "万人"):
                metrics["counted"].add(item["metric"])
            elif item["unit"] in ("件", "人"):
                metrics["density"].add(item["metric"])
    assert metrics["counted"] == {"count"}
    assert metrics["density"] == {"level"}


def test_a_year_known_only_by_its_growth_is_evidence_for_a_level_target():
    """城乡居民人均可支配收入增速分别为7.4%、10.3%: the level of that year is last year's level
    advanced by the growth; the target is judged on it (not no_data), and the line is not robust
    (an evaluator may as well say the data are insufficient)."""
    from planwatch.synth.statuses import Evidence, judge_goal

    ev = Evidence()
    ev.add({"indicator_id": "urban_disposable_income", "metric": "growth", "year": 2021,
            "value": 7.4, "estimated": False}, "work_report")
    goal = {"indicator_id": "urban_disposable_income", "metric": "level", "comparator": "eq",
            "value": 66016.0, "unit": "元", "year": 2025, "binding": False, "baseline": 45984.0}
    line = judge_goal(goal, ev, 2021, (2021, 2025))
    assert line["status"] == "on_track" and line["actual"] == pytest.approx(45984 * 1.074)
    assert line["actual_year"] == 2021 and not line["robust"] and not line["warning_robust"]
    assert judge_goal(goal, ev, 2020, (2021, 2025))["status"] == "no_data"
