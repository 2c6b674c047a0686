"""The audit log (操作记录): who wrote what, and when.

Every write through the web goes through ``record_write`` in the same transaction as the write
itself, so there is no change without its record and no record without its change.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select

from planwatch.web.tables import audit_log


def record_write(conn: Connection, who: str, action: str, target: str | None = None,
                 detail: dict[str, Any] | None = None) -> None:
    conn.execute(audit_log.insert().values(
        at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), who=who, action=action, target=target,
        detail=json.dumps(detail or {}, ensure_ascii=False, default=str)))


def recent_writes(conn: Connection, limit: int = 50) -> list[dict[str, Any]]:
    rows = conn.execute(select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)).mappings()
    return [{**r, "detail": json.loads(r["detail"] or "{}")} for r in rows]
