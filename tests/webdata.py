"""Documents the web tests ingest: a small plan, a statistical bulletin and a hostile page.

Written here (not taken from the corpus) so each test knows exactly what is in the store.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from planwatch.store import Store

REGION = "青岚县"
OTHER_REGION = "白石市"

PLAN = """青岚县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要

第一章 发展目标

到2025年，全县地区生产总值达到300亿元，年均增长7%左右。森林覆盖率达到65%以上。城镇调查失业率控制在5.5%以内。

第二章 产业发展
加快发展IGBT功率半导体产业，推动产业链现代化。
"""

BULLETIN = """青岚县2023年国民经济和社会发展统计公报

初步核算，全年地区生产总值245.6亿元，比上年增长6.2%。森林覆盖率63.1%。城镇调查失业率5.1%。
"""

OTHER_PLAN = """白石市国民经济和社会发展第十四个五年规划纲要

到2025年，森林覆盖率达到48%。GDP年均增长6%。
"""

HOSTILE = """白石市新闻

<script>alert('xss')</script> 森林防火宣传月启动。<img src=x onerror=alert(1)>
'; DROP TABLE documents; --
"""

DOCS = {
    "plan.txt": (PLAN, ["--region", REGION, "--doc-type", "plan", "--period", "2021", "2025"]),
    "bulletin.txt": (BULLETIN, ["--region", REGION, "--doc-type", "bulletin", "--year", "2023"]),
    "other_plan.txt": (OTHER_PLAN, ["--region", OTHER_REGION, "--doc-type", "plan", "--period", "2021", "2025"]),
    "hostile.txt": (HOSTILE, ["--region", OTHER_REGION, "--doc-type", "news", "--year", "2024"]),
}


def build_store(folder: Path, db: Path | str | None = None) -> Path | str:
    """A real store (SQLite file in ``folder`` unless ``db`` names another, e.g. a PostgreSQL
    URL) holding the four documents, ingested through the store's API."""
    from planwatch.model import DocumentMeta

    db = db or folder / "web.db"
    with Store.open(db) as store:
        for name, (text, args) in DOCS.items():
            path = folder / name
            path.write_text(text, encoding="utf-8")
            opts = dict(zip(args[::2], args[1::2], strict=False))
            period = None
            if "--period" in args:
                i = args.index("--period")
                period = (int(args[i + 1]), int(args[i + 2]))
            elif "--year" in opts:
                period = (int(opts["--year"]), int(opts["--year"]))
            meta = DocumentMeta(doc_type=opts["--doc-type"], region=opts["--region"], period=period)
            store.ingest([path], overrides=meta, progress=False)
    return db


def cli_token(db: Path | str, name: str) -> str:
    """A token made by the real CLI in a subprocess (printed once on stdout)."""
    planwatch = Path(sys.executable).parent / "planwatch"
    out = subprocess.run([str(planwatch), "token", "create", "--db", str(db), "--name", name],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip().splitlines()[-1]
