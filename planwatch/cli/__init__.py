"""The ``planwatch`` command: a thin adapter over the library.

Each subcommand lives in its own module of this package and calls one library function; this
module only assembles them and turns ``PlanwatchError`` into a message and an exit code.
"""

from __future__ import annotations

import importlib
import sys

import click

from planwatch.errors import PlanwatchError

# Subcommand modules, each exposing ``command`` (a click command). Order is the order of --help.
COMMAND_MODULES: list[str] = [
    "extract",
    "ingest", "documents", "show",
    "evaluate", "audit", "actuals",
    "serve", "token",
]


class _Group(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # keep our order, not alphabetical


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


for _name in COMMAND_MODULES:
    _module = importlib.import_module(f"planwatch.cli.{_name}")
    cli.add_command(_module.command)


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
