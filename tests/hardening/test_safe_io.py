"""Guards for files handed to the tool: text reads and zip containers (.xlsx, .docx, .zip)."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest

from dossier.errors import InputError
from dossier.safe_io import check_zip_container, read_text


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _refused(call, *args, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        call(*args, **kwargs)
    [problem] = info.value.problems
    return problem.message_en


def test_a_real_workbook_passes(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "资料清单"
    book.save(path)
    check_zip_container(path)


@pytest.mark.parametrize(
    ("members", "fragment"),
    [
        ({"../evil.txt": b"x"}, "points outside"),
        ({"a/../../evil.txt": b"x"}, "points outside"),
        ({"/etc/passwd": b"x"}, "points outside"),
        ({"C:/Windows/evil.dll": b"x"}, "points outside"),
        ({"..\\evil.txt": b"x"}, "points outside"),
        ({"bomb.xml": b"\0" * (3 * 1024 * 1024)}, "zip bomb"),
    ],
    ids=["parent", "nested-parent", "absolute", "drive-letter", "backslash", "ratio"],
)
def test_hostile_zip_members_are_refused(tmp_path: Path, members: dict[str, bytes], fragment: str) -> None:
    assert fragment in _refused(check_zip_container, _zip(tmp_path / "x.xlsx", members))


def test_a_small_highly_compressible_member_is_fine(tmp_path: Path) -> None:
    check_zip_container(_zip(tmp_path / "x.xlsx", {"blank.xml": b" " * 100_000}))


def test_too_many_members(tmp_path: Path) -> None:
    path = _zip(tmp_path / "x.zip", {f"m{i}.txt": b"x" for i in range(20)})
    assert "too many parts" in _refused(check_zip_container, path, max_members=10)


def test_too_much_unpacked_in_all(tmp_path: Path) -> None:
    path = _zip(tmp_path / "x.zip", {f"m{i}.txt": bytes(range(256)) * 40 for i in range(5)})
    assert "zip bomb" in _refused(check_zip_container, path, max_unpacked=20_000)


def test_too_large_on_disk(tmp_path: Path) -> None:
    path = _zip(tmp_path / "x.zip", {"a.txt": b"x" * 1000})
    assert "too large" in _refused(check_zip_container, path, max_bytes=100)


@pytest.mark.parametrize(
    "content",
    [b"", b"not a zip at all", b"PK\x03\x04truncated", b"PK\x05\x06" + b"\0" * 18],
    ids=["empty", "text", "truncated", "empty-directory-only"],
)
def test_not_a_zip(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(content)
    if content.startswith(b"PK\x05\x06"):
        check_zip_container(path)  # an empty archive is a valid zip; the reader judges it
    else:
        assert "damaged" in _refused(check_zip_container, path)


def test_truncated_real_workbook(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    path = tmp_path / "x.xlsx"
    path.write_bytes(buffer.getvalue()[:-30])
    assert "damaged" in _refused(check_zip_container, path)


def test_zip_missing_and_folder(tmp_path: Path) -> None:
    assert "not found" in _refused(check_zip_container, tmp_path / "nope.xlsx")
    assert "folder" in _refused(check_zip_container, tmp_path)


def test_read_text_limits(tmp_path: Path) -> None:
    path = tmp_path / "q.txt"
    path.write_text("问题一\n问题二\n", encoding="utf-8")
    assert read_text(path) == "问题一\n问题二\n"
    path.write_bytes("\ufeff问题".encode())
    assert read_text(path) == "问题"
    path.write_bytes(b"x" * 101)
    assert "too large" in _refused(read_text, path, max_bytes=100)
    path.write_bytes("第一行\n第二行".encode("gbk"))
    assert "not UTF-8 (line 1" in _refused(read_text, path)
    assert "not found" in _refused(read_text, tmp_path / "nope.txt")
    assert "folder" in _refused(read_text, tmp_path)


def test_read_text_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    """A device never ends and a pipe may never be written: both are refused before reading."""
    if Path("/dev/zero").exists():
        assert "not a regular file" in _refused(read_text, "/dev/zero")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe")
        assert "not a regular file" in _refused(read_text, tmp_path / "pipe")
