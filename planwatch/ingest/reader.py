"""Read a document file (text, Markdown, HTML, DOCX, PDF) into a ``SourceText``.

The format is recognised from the bytes first (``%PDF``, a ZIP holding ``word/document.xml``),
then from the file name, then by sniffing for ``<html``. A file named ``.pdf`` or ``.docx``
without the magic bytes is refused (it is usually a download that went wrong: an HTML error
page), rather than read as something it claims not to be. Plain text is kept exactly as decoded:
its ``SourceText.text`` is the file's characters minus a BOM. For HTML, DOCX and PDF the reader
builds the text (paragraphs one per line, table rows with tab-separated cells) and lists every
paragraph, heading and table as a block whose spans index that text.

Every failure is an ``InputError`` that names the file and says what to do.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import zipfile
from pathlib import Path
from typing import Literal

from planwatch.errors import (
    BinaryFileError,
    EmptyDocumentError,
    FileTooLargeError,
    UnreadableFileError,
    UnsupportedFormatError,
)
from planwatch.ingest.encoding import decode_bytes
from planwatch.ingest.plain_text import find_blocks
from planwatch.model import Block, SourceText

Format = Literal["text", "markdown", "html", "docx", "pdf"]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MAX_BYTES_ENV = "PLANWATCH_MAX_BYTES"

_EXTENSIONS: dict[str, Format] = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".docx": "docx", ".pdf": "pdf",
}
# Formats people try that planwatch does not read, by magic bytes: what to do instead.
_FOREIGN_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"\xd0\xcf\x11\xe0", "an old Office file (.doc/.xls/.wps)", "save it as .docx or PDF first"),
    (b"\x89PNG", "a PNG image", "run OCR first and pass the text"),
    (b"\xff\xd8\xff", "a JPEG image", "run OCR first and pass the text"),
    (b"GIF8", "a GIF image", "run OCR first and pass the text"),
    (b"II*\x00", "a TIFF image", "run OCR first and pass the text"),
    (b"MM\x00*", "a TIFF image", "run OCR first and pass the text"),
    (b"{\\rtf", "an RTF file", "save it as .docx or plain text first"),
    (b"\x1f\x8b", "a gzip archive", "unpack it first"),
    (b"Rar!", "a RAR archive", "unpack it first"),
    (b"7z\xbc\xaf", "a 7-Zip archive", "unpack it first"),
)
_HTML_SNIFF = (b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<meta")


def read_document(path: str | Path, *, max_bytes: int | None = None) -> SourceText:
    """Read the document at ``path``; refuse it before reading if it exceeds the size limit.

    ``max_bytes`` defaults to ``$PLANWATCH_MAX_BYTES`` or 50 MB.
    """
    name = str(path)
    limit = resolve_max_bytes(max_bytes)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise UnreadableFileError("no such file", path=name, hint="check the path") from None
    except OSError as exc:
        raise UnreadableFileError(f"cannot open: {exc.strerror}", path=name,
                                  hint="check the path and its permissions") from None
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableFileError("is a directory, not a file", path=name,
                                  hint="pass a file, or use the batch command for a folder")
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFileError("is not a regular file (a device, socket or pipe)", path=name,
                                  hint="save the document to a file and pass that")
    _check_size(info.st_size, limit, name)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise UnreadableFileError(f"cannot read: {exc.strerror}", path=name,
                                  hint="check the file's permissions") from None
    _check_size(len(raw), limit, name)  # the file grew, or is a pipe whose size stat cannot tell
    return _read_raw(raw, name)


def read_bytes(raw: bytes, name: str, *, max_bytes: int | None = None) -> SourceText:
    """Read a document given as bytes (an upload); ``name`` is its file name, used for the format."""
    limit = resolve_max_bytes(max_bytes)
    _check_size(len(raw), limit, name)
    return _read_raw(raw, name)


def resolve_max_bytes(max_bytes: int | None) -> int:
    """The size limit: the argument, else ``$PLANWATCH_MAX_BYTES``, else 50 MB."""
    if max_bytes is not None:
        return max_bytes
    env = os.environ.get(MAX_BYTES_ENV, "").strip()
    if env:
        try:
            return int(env)
        except ValueError:
            raise UnreadableFileError(f"{MAX_BYTES_ENV}={env!r} is not a whole number of bytes",
                                      hint=f"set {MAX_BYTES_ENV} to e.g. 104857600 for 100 MB") from None
    return DEFAULT_MAX_BYTES


def detect_format(raw: bytes, name: str) -> Format:
    """The document's format: magic bytes first, then the file name, then sniffing for HTML."""
    head = raw[:1024]
    # A PDF starts with %PDF- (a few writers put junk before it, within 1 KB) and ends in %%EOF.
    if head.lstrip().startswith(b"%PDF-") or (b"%PDF-" in head and b"%%EOF" in raw[-2048:]):
        return "pdf"
    if raw.startswith(b"PK\x03\x04"):
        return _zip_format(raw, name)
    for magic, what, hint in _FOREIGN_MAGIC:
        if raw.startswith(magic):
            raise UnsupportedFormatError(f"this is {what}, which planwatch cannot read", path=name,
                                         hint=hint)
    by_name = _EXTENSIONS.get(Path(name).suffix.lower())
    if by_name in ("text", "markdown", "html"):
        return by_name
    if by_name in ("pdf", "docx"):
        actually = "an HTML page" if _looks_like_html(raw) else f"not a {by_name.upper()} file"
        raise UnreadableFileError(f"named {Path(name).suffix} but its content is {actually} "
                                  "(damaged, renamed, or a download that went wrong)", path=name,
                                  hint="download it again, or open and re-save it")
    return "html" if _looks_like_html(raw) else "text"


def _read_raw(raw: bytes, name: str) -> SourceText:
    if not raw.strip():
        raise EmptyDocumentError("the file is empty" if not raw else "the file holds only white space",
                                 path=name, hint="pass a document with text in it")
    fmt = detect_format(raw, name)
    digest = hashlib.sha256(raw).hexdigest()
    text, blocks, encoding = _extract(raw, name, fmt)
    if not text.strip():
        raise EmptyDocumentError("the document has no text", path=name,
                                 hint="pass a document with text in it")
    return SourceText(path=name, text=text, sha256=digest, encoding=encoding, format=fmt,
                      blocks=blocks, size=len(raw))


def _extract(raw: bytes, name: str, fmt: Format) -> tuple[str, tuple[Block, ...], str]:
    """Text, blocks and encoding name for one format (structured readers are imported lazily)."""
    if fmt == "pdf":
        from planwatch.ingest.pdf_document import read_pdf

        text, blocks = read_pdf(raw, name)
        return text, blocks, "pdf"
    if fmt == "docx":
        from planwatch.ingest.word_document import read_docx

        text, blocks = read_docx(raw, name)
        return text, blocks, "docx"
    if fmt == "html":
        from planwatch.ingest.html_page import declared_charset, read_html

        decoded = decode_bytes(raw, path=name, declared=declared_charset(raw))
        text, blocks = read_html(decoded.text)
        return text, blocks, decoded.encoding
    decoded = decode_bytes(raw, path=name)
    if not decoded.text.strip():
        raise EmptyDocumentError("the file holds only white space", path=name,
                                 hint="pass a document with text in it")
    return decoded.text, find_blocks(decoded.text, markdown=fmt == "markdown"), decoded.encoding


def _zip_format(raw: bytes, name: str) -> Format:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(raw)).namelist())
    except (zipfile.BadZipFile, OSError):
        raise UnreadableFileError("this ZIP/DOCX file is damaged", path=name,
                                  hint="open and re-save it, or download it again") from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        raise UnsupportedFormatError("this is an Excel workbook, not a document", path=name,
                                     hint="use the spreadsheet import, or save it as .docx/PDF")
    raise BinaryFileError("this is a ZIP archive, not a document", path=name,
                          hint="unpack it and pass the documents inside")


def _looks_like_html(raw: bytes) -> bool:
    head = raw[:4096].replace(b"\x00", b"")[:2048].lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").lower()
    if head.startswith(_HTML_SNIFF):
        return b"<html" in head or b"<body" in head or b"<head" in head or head.startswith(b"<!doctype")
    return False


def _check_size(size: int, limit: int, name: str) -> None:
    if size > limit:
        raise FileTooLargeError(
            f"the file is {size:,} bytes, over the limit of {limit:,}", path=name,
            hint=f"pass a smaller file, or raise the limit with --max-size (MB) or {MAX_BYTES_ENV}")
