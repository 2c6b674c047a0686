"""``planwatch token``: create, list and revoke the tokens that allow writes through the web."""

from __future__ import annotations

import click

from planwatch.cli.database import db_option, open_store
from planwatch.store.dialect import WRITE_OPTION
from planwatch.web.app import ensure_web_schema
from planwatch.web.auth import create_token, list_tokens, revoke_token


@click.group("token")
def command() -> None:
    """Manage API tokens for uploads and data entry (stored hashed; shown once).

    \b
    Examples:
      planwatch token create --name 统计局-张三
      planwatch token list
      planwatch token revoke 统计局-张三
    """


@command.command("create")
@db_option
@click.option("--name", help="Who or what the token is for (shown in the audit log).")
def create(db: str | None, name: str | None) -> None:
    """Create a token and print it once: send it as `Authorization: Bearer TOKEN`."""
    with open_store(db) as store:
        ensure_web_schema(store)
        with store.engine.connect() as conn:
            conn = conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                info, secret = create_token(conn, name)
    click.echo(f"token {info.name!r} created; it is shown only now:", err=True)
    click.echo(secret)


@command.command("list")
@db_option
def list_(db: str | None) -> None:
    """List tokens (names and prefixes, never the secrets)."""
    with open_store(db) as store:
        ensure_web_schema(store)
        with store.engine.connect() as conn:
            tokens = list_tokens(conn)
    for t in tokens:
        state = f"revoked {t.revoked_at}" if t.revoked_at else f"last used {t.last_used_at or 'never'}"
        click.echo(f"{t.name}\t{t.prefix}…\tcreated {t.created_at}\t{state}")


@command.command("revoke")
@db_option
@click.argument("name")
def revoke(db: str | None, name: str) -> None:
    """Revoke the token called NAME: it stops working at once."""
    with open_store(db) as store:
        ensure_web_schema(store)
        with store.engine.connect() as conn:
            conn = conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                revoke_token(conn, name)
    click.echo(f"token {name!r} revoked", err=True)
