"""Reading a drafted package (a folder or its .zip) as untrusted input: sizes, names, zip bombs.

The archive on disk is first checked by :func:`dossier.safe_io.check_zip_container`; the
.docx files inside it are checked here, in memory, with the same kind of limits.

Everything is read into memory under limits, before any parser sees it: a file or archive too
large, too many files, an entry that expands too much (a zip bomb), a name that would leave the
package (zip-slip: absolute, ``..``, a drive), a symbolic link, or a document that is not a valid
Office file all raise InputError (exit 2) naming the file.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path, PurePosixPath

from dossier import safe_io
from dossier.errors import InputError, input_error

MAX_FILES = 500
MAX_FILE_BYTES = 50_000_000  # one document
MAX_PACKAGE_BYTES = 300_000_000  # the whole package, unpacked
MAX_ZIP_ENTRIES = 2_000  # inside one .docx or the package archive
MAX_RATIO = 100  # uncompressed / compressed, for an entry over 1 MB
MAX_DOCX_UNPACKED = 200_000_000


def _refuse(where: Path | str, zh: str, en: str) -> InputError:
    return input_error(
        where, zh, en, hint_zh="请检查该文件或重新打包。", hint_en="Check the file, or package it again."
    )


def safe_name(name: str, where: Path | str) -> str:
    """A member name as a relative POSIX path inside the package. Raises InputError (zip-slip)."""
    clean = name.replace("\\", "/")
    path = PurePosixPath(clean)
    if not clean or clean.startswith("/") or ":" in path.parts[0] or ".." in path.parts:
        raise _refuse(
            where,
            f"压缩包中的条目“{name}”会写到包外（绝对路径或含 ..）。",
            f"The archive entry '{name}' points outside the package (absolute or with '..').",
        )
    return str(path)


def _check_entries(infos: list[zipfile.ZipInfo], where: Path | str, limit_total: int) -> None:
    if len(infos) > MAX_ZIP_ENTRIES:
        raise _refuse(
            where, f"压缩包条目过多（{len(infos)}）。", f"Too many entries in the archive ({len(infos)})."
        )
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1_000_000 and ratio > MAX_RATIO:
            raise _refuse(
                where,
                f"条目“{info.filename}”压缩比异常（{ratio:.0f} 倍），疑为压缩炸弹。",
                f"Entry '{info.filename}' expands {ratio:.0f} times: a zip bomb?",
            )
        if stat.S_ISLNK(info.external_attr >> 16):
            raise _refuse(
                where, f"条目“{info.filename}”是符号链接。", f"Entry '{info.filename}' is a symbolic link."
            )
    if total > limit_total:
        raise _refuse(
            where,
            f"解压后过大（{total} 字节，上限 {limit_total}）。",
            f"Too large once unpacked ({total} bytes; the limit is {limit_total}).",
        )


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, where: Path | str) -> bytes:
    """An entry's bytes, never more than it declared (a lying header is refused)."""
    with archive.open(info) as handle:
        data = handle.read(info.file_size + 1)
    if len(data) > info.file_size:
        raise _refuse(
            where,
            f"条目“{info.filename}”的大小与声明不符。",
            f"Entry '{info.filename}' is larger than declared.",
        )
    return data


def read_zip(path: Path) -> dict[str, bytes]:
    """The files of a package archive, names relative to its one top folder if it has one."""
    size = path.stat().st_size
    if size > MAX_PACKAGE_BYTES:
        raise _refuse(path, "压缩包过大。", "The archive is too large.")
    safe_io.check_zip_container(path, max_bytes=MAX_PACKAGE_BYTES, max_unpacked=MAX_PACKAGE_BYTES)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = [i for i in archive.infolist() if not i.is_dir()]
            _check_entries(infos, path, MAX_PACKAGE_BYTES)
            if len(infos) > MAX_FILES:
                raise _refuse(path, f"文件过多（{len(infos)}）。", f"Too many files ({len(infos)}).")
            files = {safe_name(i.filename, path): _read_member(archive, i, path) for i in infos}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise _refuse(path, f"压缩包已损坏：{exc}", f"The archive is damaged: {exc}") from None
    tops = {name.split("/", 1)[0] for name in files}
    if len(tops) == 1 and all("/" in name for name in files):
        top = tops.pop() + "/"
        files = {name[len(top) :]: data for name, data in files.items()}
    return files


def read_folder(folder: Path) -> dict[str, bytes]:
    """The files of a package folder (relative POSIX names), under the limits; links refused."""
    files: dict[str, bytes] = {}
    total = 0
    for root, dirs, names in os.walk(folder, followlinks=False):
        for name in dirs + names:
            full = Path(root) / name
            if full.is_symlink():
                raise _refuse(
                    full,
                    "包内有符号链接；不会跟随。",
                    "The package holds a symbolic link; it is not followed.",
                )
        for name in sorted(names):
            full = Path(root) / name
            size = full.stat().st_size
            if size > MAX_FILE_BYTES:
                raise _refuse(full, f"文件过大（{size} 字节）。", f"The file is too large ({size} bytes).")
            total += size
            if total > MAX_PACKAGE_BYTES or len(files) >= MAX_FILES:
                raise _refuse(
                    folder, "资料包过大或文件过多。", "The package is too large or holds too many files."
                )
            files[full.relative_to(folder).as_posix()] = full.read_bytes()
    return files


def read_package(path: Path) -> dict[str, bytes]:
    """A drafted package, from its folder or its .zip. Raises InputError."""
    if path.is_dir():
        return read_folder(path)
    if not path.exists():
        raise input_error(
            path,
            "资料包不存在。",
            "The package does not exist.",
            hint_zh="请检查路径。",
            hint_en="Check the path.",
        )
    return read_zip(path)


def open_docx(data: bytes, where: str):
    """A python-docx Document from untrusted bytes. Raises InputError for a damaged or hostile file."""
    import docx

    if len(data) > MAX_FILE_BYTES:
        raise _refuse(where, "文档过大。", "The document is too large.")
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        raise _refuse(
            where,
            "不是有效的 Word 文档（.docx 应为 zip 格式）。",
            "Not a valid Word document (a .docx is a zip).",
        )
    try:
        with zipfile.ZipFile(buffer) as archive:
            _check_entries(archive.infolist(), where, MAX_DOCX_UNPACKED)
        buffer.seek(0)
        return docx.Document(buffer)
    except InputError:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds for a broken part
        raise _refuse(
            where,
            f"Word 文档已损坏或格式不符：{type(exc).__name__}",
            f"A damaged or malformed Word document: {type(exc).__name__}",
        ) from None
