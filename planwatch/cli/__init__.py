"""The ``planwatch`` command: a thin adapter over the library.

Each subcommand lives in its own module of this package and calls one library function; this
module only assembles them and turns ``PlanwatchError`` into a message and an exit code.
"""

from __future__ import annotations

import importlib
import sys

import click

from planwatch.errors import PlanwatchError

# Subcommand modules, each exposing ``command`` (a click command or group) named like the module.
# Order is the order of --help.
COMMAND_MODULES: list[str] = [
    "extract",
    "ingest", "documents", "show",
    "evaluate", "audit", "actuals",
    "report", "export", "compare",
    "serve", "token",
    "synth",
]


class _Group(click.Group):
    """Imports a subcommand's module only when that command runs (or help lists them all):
    ``planwatch extract`` should not pay for the web framework's import time."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMAND_MODULES)  # our order, not alphabetical

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMAND_MODULES:
            return None
        command: click.Command = importlib.import_module(f"planwatch.cli.{cmd_name}").command
        return command


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="planwatch")
def cli() -> None:
    """planwatch: monitor and evaluate Chinese development plans (规划纲要监测评估).

    Reads plans, government work reports, statistical bulletins and news; extracts indicator
    tables, targets and reported actuals with their exact source spans; stores them in SQLite
    (default ./planwatch.db, or --db / PLANWATCH_DB) and evaluates progress.

    \b
    Start here:
      planwatch ingest examples/            # read documents into the store
      planwatch documents                   # what is stored
      planwatch extract plan.txt --json     # what planwatch reads out of one file
    """


def main() -> None:
    try:
        code = cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except PlanwatchError as exc:
        click.echo(f"error: {exc.message}", err=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(code if isinstance(code, int) else 0)


__all__ = ["cli", "main"]
