"""``planwatch serve``: the dashboard and the JSON API over the store, in one process."""

from __future__ import annotations

import click

from planwatch.cli.database import db_option, open_store


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 to serve the whole network).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--max-upload", "max_upload_mb", default=20, show_default=True, type=click.IntRange(1, 2048),
              help="Largest upload accepted, in MB.")
def command(db: str | None, host: str, port: int, max_upload_mb: int) -> None:
    """Serve the dashboard (Chinese first, ?lang=en for English) and the JSON API.

    Pages: / (overview), /regions/NAME, /indicators/ID, /documents/ID, /search?q=,
    /upload. JSON: the same under /api/…, /api/search?q=, /openapi.json, /api/docs.
    Reads are public; writes need a token from `planwatch token create`.

    \b
    Examples:
      planwatch serve
      planwatch serve --db /data/planwatch.db --host 0.0.0.0 --port 8080
    """
    import uvicorn

    from planwatch.web.app import create_app

    store = open_store(db)
    app = create_app(store, max_upload_bytes=max_upload_mb * 1024 * 1024, warm=True)
    click.echo(f"planwatch: serving {store.location} at http://{host}:{port}/", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        store.close()
