"""Write access: API tokens (访问令牌), created by ``planwatch token create``.

The public reads; only a token holder writes (upload, data entry, deletion). A token is a
random secret printed once; the database keeps its SHA-256 only, so a copied database file
does not hand out write access. A token is long and random, so an unsalted hash is enough
(there is no dictionary to attack), and lookups stay a single indexed query.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, select, update

from planwatch.errors import NotFoundError, PlanwatchError
from planwatch.web.tables import api_tokens

TOKEN_PREFIX = "pw_"


@dataclass(frozen=True)
class TokenInfo:
    """A token as listed: never the secret itself."""

    id: int
    name: str
    prefix: str
    created_at: str
    last_used_at: str | None
    revoked_at: str | None


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(conn: Connection, name: str | None = None) -> tuple[TokenInfo, str]:
    """Create a token; returns its record and the secret (shown to the user once)."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    name = (name or "").strip() or f"token-{secret[3:9]}"
    if conn.execute(select(api_tokens.c.id).where(api_tokens.c.name == name)).first():
        raise PlanwatchError(f"a token named {name!r} exists already", hint="choose another --name")
    created = _now()
    result = conn.execute(api_tokens.insert().values(
        name=name, token_hash=hash_token(secret), prefix=secret[:8], created_at=created))
    key = result.inserted_primary_key
    assert key is not None
    token_id = int(key[0])
    return TokenInfo(token_id, name, secret[:8], created, None, None), secret


def verify_token(conn: Connection, secret: str | None) -> TokenInfo | None:
    """The live token matching ``secret``, or None (unknown, revoked or malformed)."""
    if not secret or not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    row = conn.execute(select(api_tokens).where(api_tokens.c.token_hash == hash_token(secret))).mappings().first()
    if row is None or row["revoked_at"] is not None:
        return None
    # Compare again in constant time: the index lookup matched the hash, this guards the logic.
    if not secrets.compare_digest(row["token_hash"], hash_token(secret)):
        return None
    return _info(row)


def touch_token(conn: Connection, token_id: int) -> None:
    conn.execute(update(api_tokens).where(api_tokens.c.id == token_id).values(last_used_at=_now()))


def list_tokens(conn: Connection) -> list[TokenInfo]:
    return [_info(r) for r in conn.execute(select(api_tokens).order_by(api_tokens.c.id)).mappings()]


def revoke_token(conn: Connection, name: str) -> TokenInfo:
    row = conn.execute(select(api_tokens).where(api_tokens.c.name == name)).mappings().first()
    if row is None:
        raise NotFoundError(f"no token named {name!r}", hint="see planwatch token list")
    conn.execute(update(api_tokens).where(api_tokens.c.id == row["id"]).values(revoked_at=_now()))
    return _info({**row, "revoked_at": _now()})


def _info(row: object) -> TokenInfo:
    r = dict(row)  # type: ignore[call-overload]
    return TokenInfo(r["id"], r["name"], r["prefix"], r["created_at"], r["last_used_at"], r["revoked_at"])
