"""Input the readers must refuse, each with its own error class, the file's name and a hint."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
import pymupdf
import pytest

from planwatch.errors import (
    BinaryFileError,
    EmptyDocumentError,
    FileTooLargeError,
    InputError,
    NoTextLayerError,
    UndecodableError,
    UnreadableFileError,
    UnsupportedFormatError,
)
from planwatch.ingest.reader import DEFAULT_MAX_BYTES, MAX_BYTES_ENV, read_bytes, read_document

PLAN = "到二〇三五年，基本实现社会主义现代化。全区地区生产总值年均增长8.4%。\n"


def _refused(path: Path | str, error: type[InputError], **kwargs) -> InputError:
    with pytest.raises(error) as caught:
        read_document(path, **kwargs)
    exc = caught.value
    assert exc.path == str(path)
    assert str(path) in str(exc)
    assert exc.hint
    return exc


def test_empty_and_whitespace_only_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert "empty" in _refused(empty, EmptyDocumentError).reason
    blank = tmp_path / "blank.txt"
    blank.write_bytes(" \r\n\t\u3000\n".encode("utf-8"))
    _refused(blank, EmptyDocumentError)
    blank16 = tmp_path / "blank16.txt"
    blank16.write_bytes("\ufeff  \r\n\r\n".encode("utf-16-le"))
    _refused(blank16, EmptyDocumentError)


def test_binary_files(tmp_path):
    binary = tmp_path / "data.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    _refused(binary, BinaryFileError)
    controls = tmp_path / "controls.txt"
    controls.write_bytes(PLAN.encode("utf-8") + b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 20)
    _refused(controls, BinaryFileError)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("plan.txt", PLAN)
    zipped = tmp_path / "plan.zip"
    zipped.write_bytes(archive.getvalue())
    assert "unpack" in _refused(zipped, BinaryFileError).hint


def test_undecodable_bytes_say_where_utf8_failed(tmp_path):
    good = PLAN.encode("utf-8")
    path = tmp_path / "broken.txt"
    path.write_bytes(good + b"\xff\xfe\xfd\x80\x80 \xc3(")
    exc = _refused(path, UndecodableError)
    assert f"offset {len(good)}" in exc.reason
    assert "UTF-8" in exc.hint


def test_image_only_pdf_asks_for_ocr(tmp_path):
    picture = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 60, 40), False)
    picture.set_rect(picture.irect, (200, 200, 200))
    document = pymupdf.open()
    page = document.new_page()
    page.insert_image(pymupdf.Rect(72, 72, 372, 272), pixmap=picture)
    path = tmp_path / "scan.pdf"
    document.save(str(path))
    exc = _refused(path, NoTextLayerError)
    assert "OCR" in exc.hint


def test_missing_path_and_directory(tmp_path):
    assert "no such file" in _refused(tmp_path / "nope.txt", UnreadableFileError).reason
    assert "directory" in _refused(tmp_path, UnreadableFileError).reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(PLAN, encoding="utf-8")
    path.chmod(0)
    _refused(path, UnreadableFileError)


def test_size_limit_is_checked_before_reading(tmp_path, monkeypatch):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:  # sparse: 4 GB on paper, nothing on disk
        handle.truncate(4 * 1024**3)

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr("builtins.open", no_reading)
    exc = _refused(huge, FileTooLargeError)
    assert f"{DEFAULT_MAX_BYTES:,}" in exc.reason
    assert MAX_BYTES_ENV in exc.hint


def test_size_limit_from_argument_and_environment(tmp_path, monkeypatch):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN * 10, encoding="utf-8")
    size = path.stat().st_size
    _refused(path, FileTooLargeError, max_bytes=size - 1)
    assert read_document(path, max_bytes=size).size == size
    monkeypatch.setenv(MAX_BYTES_ENV, str(size - 1))
    _refused(path, FileTooLargeError)
    with pytest.raises(FileTooLargeError, match=r"upload\.txt"):
        read_bytes(path.read_bytes(), "upload.txt")
    monkeypatch.setenv(MAX_BYTES_ENV, "lots")
    with pytest.raises(UnreadableFileError, match=MAX_BYTES_ENV):
        read_document(path)


def test_foreign_and_damaged_formats(tmp_path):
    old_word = tmp_path / "plan.doc"
    old_word.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert ".docx" in _refused(old_word, UnsupportedFormatError).hint
    fake_pdf = tmp_path / "plan.pdf"
    fake_pdf.write_text(PLAN, encoding="utf-8")
    _refused(fake_pdf, UnreadableFileError)
    torn_pdf = tmp_path / "torn.pdf"
    torn_pdf.write_bytes(b"%PDF-1.7\n1 0 obj <<")
    _refused(torn_pdf, UnreadableFileError)
    torn_docx = tmp_path / "torn.docx"
    torn_docx.write_bytes(b"PK\x03\x04" + bytes(100))
    _refused(torn_docx, UnreadableFileError)


def test_read_bytes_names_the_upload():
    with pytest.raises(EmptyDocumentError, match=r"上传\.txt"):
        read_bytes(b"", "上传.txt")
    with pytest.raises(BinaryFileError, match=r"upload\.bin"):
        read_bytes(b"\x00\x01\x02" * 100, "upload.bin")


def test_html_saved_as_pdf_is_named_for_what_it_is(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_text("<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>", encoding="utf-8")
    assert "HTML page" in _refused(path, UnreadableFileError).reason


def test_text_that_mentions_pdf_magic_is_still_text(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("PDF 文件以 %PDF-1.7 开头。\n" + PLAN, encoding="utf-8")
    assert read_document(path).format == "text"


def test_structured_documents_without_text_are_empty(tmp_path):
    empty_docx = tmp_path / "blank.docx"
    document = docx.Document()
    document.add_paragraph("   ")
    document.save(str(empty_docx))
    _refused(empty_docx, EmptyDocumentError)
    only_furniture = tmp_path / "menu.html"
    only_furniture.write_text("<html><body><nav><a href='/'>首页</a></nav><script>var x=1;</script>"
                              "<footer>版权所有</footer></body></html>", encoding="utf-8")
    _refused(only_furniture, EmptyDocumentError)
