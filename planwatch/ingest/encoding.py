"""Which character encoding a text file is in, found from its bytes, never assumed.

Chinese planning documents arrive as UTF-8 (with or without a BOM, the BOM being what Windows
Notepad writes), as GBK/GB18030 (older government sites and Office exports), and now and then as
UTF-16 (Office "Unicode text" exports, sometimes without a BOM). The order of the checks is the
order of their reliability:

1. a byte-order mark says it outright;
2. UTF-16 without a BOM shows itself by NUL bytes on one parity only (ASCII digits, spaces and
   newlines encode as ``xx 00`` in little-endian); without any ASCII it has no NULs, and is
   recognised after UTF-8 fails by decoding to almost nothing but Chinese;
3. other NUL or control bytes mean a binary file (an image, an archive, a database);
4. strict UTF-8: random bytes almost never pass it, so a pass is proof;
5. the encoding an HTML page declares, if any, then strict GB18030 (a superset of GB2312 and
   GBK) unless it lands in the private use area (Big5 read as GB18030 does);
6. charset-normalizer as a last resort for anything else (Big5, Shift-JIS...).

Every decode is strict: a replacement character in ``SourceText.text`` would shift no span, but
it would silently change a number.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

from planwatch.errors import BinaryFileError, UndecodableError

# (BOM, codec name we report, codec used to decode the bytes after the BOM). UTF-32 first: its
# little-endian BOM begins with UTF-16's.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)

# How much of the start of a file the binary and UTF-16 tests look at: git and grep decide
# "binary" from the first 8 KB; control bytes are counted over a larger window.
NUL_WINDOW = 8192
CONTROL_WINDOW = 65536
# Control bytes other than \t \n \v \f \r and ESC; a text file has none, a binary file many.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"
CONTROL_SHARE_LIMIT = 0.01
# UTF-16 without a BOM: NULs on one parity must outnumber the other by this factor (a CJK
# character like 一 U+4E00 puts a NUL on the "wrong" parity now and then).
UTF16_PARITY_RATIO = 4

# UTF-16 without BOM or NULs is accepted when this share of its first characters is Han or CJK
# punctuation.
UTF16_HAN_SHARE = 0.8
UTF16_HAN_SAMPLE = 4096
# ...and when this share of its bytes is 0x80 or above (Han code units spread over all byte values;
# Latin text in a single-byte encoding has few).
UTF16_HIGH_BYTE_SHARE = 0.25
_ASCII_BYTES = bytes(range(128))
_NOT_HAN = re.compile(r"[^\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2014\u2026\u201c\u201d]")

# A GB18030 decode with more private-use characters than this share is another encoding.
PRIVATE_USE_SHARE = 0.01
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")

# Names charset-normalizer or a <meta charset> may give, mapped to the codec we decode with:
# GB18030 reads every GB2312 and GBK file and more.
_CODEC_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "hz": "hz",
                  "x-gbk": "gb18030", "euc-cn": "gb18030"}

_HINT_CONVERT = "convert the file to UTF-8, e.g. `iconv -f GBK -t UTF-8 IN > OUT`"


@dataclass(frozen=True)
class Decoded:
    """A file's text as decoded and the codec name that decoded it."""

    text: str
    encoding: str


def decode_bytes(raw: bytes, *, path: str | None = None, declared: str | None = None) -> Decoded:
    """Decode a text file's bytes, detecting the encoding (see the module docstring).

    ``declared`` is an encoding the file names itself (an HTML ``<meta charset>``); it is tried
    right after UTF-8 (pages re-saved as UTF-8 often keep their old ``charset=gbk``), and ignored
    if the bytes do not decode with it.
    """
    found = _decode_by_bom(raw, path)
    if found is not None:
        return found
    found = _decode_utf16_by_nuls(raw)
    if found is not None:
        return found
    try:
        utf8: Decoded | None = Decoded(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8, utf8_error = None, exc
    if utf8 is None:
        found = _decode_utf16_by_han(raw)  # before the binary test: 〇 is 07 30 in UTF-16-LE
        if found is not None:
            return found
    _refuse_binary(raw, path)
    if utf8 is not None:
        return utf8
    if declared:
        found = _try_codec(raw, canonical_codec(declared))
        if found is not None:
            return found
    gb = _try_codec(raw, "gb18030")
    if gb is not None and not _private_use_heavy(gb.text):
        return gb
    found = _decode_by_guess(raw)
    if found is not None and not _private_use_heavy(found.text):
        return found
    if gb is not None:
        return gb
    bad = raw[utf8_error.start]
    raise UndecodableError(
        f"cannot decode the text: not UTF-8 (byte 0x{bad:02x} at offset {utf8_error.start} is invalid), "
        "not GB18030/GBK, and no other encoding fits",
        path=path, hint=_HINT_CONVERT)


def canonical_codec(name: str) -> str:
    """The codec to decode with for an encoding name as written in a file or by a detector."""
    key = name.strip().lower().replace("_", "-")
    if key in _CODEC_ALIASES:
        return _CODEC_ALIASES[key]
    try:
        return codecs.lookup(key).name
    except LookupError:
        return key


def _decode_by_bom(raw: bytes, path: str | None) -> Decoded | None:
    for bom, name, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return Decoded(raw[len(bom):].decode(codec), name)
            except UnicodeDecodeError as exc:
                raise UndecodableError(
                    f"the file starts with a {name} byte-order mark but byte {exc.start + len(bom)} "
                    f"is not valid {codec}", path=path, hint=_HINT_CONVERT) from None
    return None


def _decode_utf16_by_nuls(raw: bytes) -> Decoded | None:
    """UTF-16 without a BOM, recognised by the parity of its NUL bytes and a clean strict decode."""
    if len(raw) < 2 or len(raw) % 2:
        return None
    head = raw[:NUL_WINDOW]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd >= 2 and odd >= UTF16_PARITY_RATIO * even:
        codec = "utf-16-le"
    elif even >= 2 and even >= UTF16_PARITY_RATIO * odd:
        codec = "utf-16-be"
    else:
        return None
    found = _try_codec(raw, codec)
    if found is None or _has_control_chars(found.text[: NUL_WINDOW // 2]):
        return None
    return found


def _decode_utf16_by_han(raw: bytes) -> Decoded | None:
    """UTF-16 without a BOM and without ASCII (so without NULs): pure Chinese text.

    GB18030 would decode those bytes too, into nonsense; but GB18030 bytes are almost never valid
    UTF-16 (its lead bytes D8-DF make unpaired surrogates), and real UTF-16 text decodes to
    mostly Han characters and CJK punctuation, which is what this asks for.
    """
    if len(raw) < 4 or len(raw) % 2:
        return None
    head = raw[:CONTROL_WINDOW]
    if len(head.translate(None, _ASCII_BYTES)) < UTF16_HIGH_BYTE_SHARE * len(head):
        return None  # ASCII-heavy bytes ("La" is U+614C, a Han character, in UTF-16-LE)
    for codec in ("utf-16-le", "utf-16-be"):
        found = _try_codec(raw, codec)
        if found is not None:
            sample = found.text[:UTF16_HAN_SAMPLE]
            if len(_NOT_HAN.sub("", sample)) >= UTF16_HAN_SHARE * len(sample):
                return found
    return None


def _private_use_heavy(text: str) -> bool:
    """Whether a decode lands in Unicode's private use area often: the mark of Big5 (or other
    double-byte text) read as GB18030, whose unassigned byte pairs map there."""
    sample = text[:CONTROL_WINDOW]
    return len(_PRIVATE_USE.findall(sample)) > PRIVATE_USE_SHARE * len(sample)


def _refuse_binary(raw: bytes, path: str | None) -> None:
    """Raise BinaryFileError for NUL bytes or too many control bytes at the start of the file."""
    if b"\x00" in raw[:NUL_WINDOW]:
        raise BinaryFileError("this is a binary file, not text (it contains NUL bytes)", path=path,
                              hint="pass a .txt, .md, .html, .docx or .pdf document")
    head = raw[:CONTROL_WINDOW]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls > CONTROL_SHARE_LIMIT * len(head):
        raise BinaryFileError(f"this is a binary file, not text ({controls} control bytes in the first "
                              f"{len(head)} bytes)", path=path,
                              hint="pass a .txt, .md, .html, .docx or .pdf document")


def _try_codec(raw: bytes, codec: str) -> Decoded | None:
    try:
        return Decoded(raw.decode(codec), codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_by_guess(raw: bytes) -> Decoded | None:
    best = charset_normalizer.from_bytes(raw).best()
    if best is None or not best.encoding:
        return None
    found = _try_codec(raw, canonical_codec(best.encoding))
    if found is None or _has_control_chars(found.text[:CONTROL_WINDOW]):
        return None
    return found


_CONTROL_CHARS = {c: None for c in _CONTROL_BYTES}


def _has_control_chars(text: str) -> bool:
    return len(text.translate(_CONTROL_CHARS)) != len(text)
