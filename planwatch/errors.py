"""One family of errors, each saying which file, what went wrong and what to do about it.

The CLI turns any ``PlanwatchError`` into a one-line message and the error's ``exit_code``;
anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

# Exit codes scripts can rely on (documented in the README):
EXIT_OK = 0
EXIT_FAILED = 1  # some input could not be processed (the rest was)
EXIT_USAGE = 2  # bad command line (click's own code)
EXIT_INPUT = 3  # the input file is unusable
EXIT_STORE = 4  # the database is unusable


class PlanwatchError(Exception):
    """Base of every error planwatch reports to a user."""

    exit_code = EXIT_FAILED

    def __init__(self, reason: str, *, path: str | None = None, hint: str | None = None) -> None:
        self.reason = reason
        self.path = path
        self.hint = hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = f"{self.path}: " if self.path else ""
        tail = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.reason}{tail}"


class InputError(PlanwatchError):
    """A document that cannot be read: empty, binary, undecodable, scanned, too large."""

    exit_code = EXIT_INPUT


class EmptyDocumentError(InputError):
    pass


class BinaryFileError(InputError):
    pass


class UndecodableError(InputError):
    pass


class NoTextLayerError(InputError):
    pass


class FileTooLargeError(InputError):
    pass


class UnreadableFileError(InputError):
    pass


class UnsupportedFormatError(InputError):
    pass


class ManifestError(InputError):
    """A manifest or spreadsheet row that is not valid; ``line`` says which."""

    def __init__(self, reason: str, *, path: str | None = None, line: int | None = None,
                 hint: str | None = None) -> None:
        self.line = line
        super().__init__(reason, path=f"{path}:{line}" if path and line else path, hint=hint)


class StoreError(PlanwatchError):
    """The database cannot be opened, upgraded or written."""

    exit_code = EXIT_STORE


class NotFoundError(PlanwatchError):
    """A document, region or indicator the user named is not in the store."""

    exit_code = EXIT_FAILED
