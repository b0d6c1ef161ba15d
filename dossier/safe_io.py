"""Guards for reading files a user hands the tool: size limits, encodings, zip containers.

Every file the tool reads is untrusted: a product file edited by hand, a company's checklist,
a .docx or .zip from a colleague. These functions check a file before any parser sees it and
turn every failure into a located :class:`~dossier.errors.InputError` (exit code 2), so a bad
file never becomes a traceback, a hang or a memory blow-up.
"""

from __future__ import annotations

import posixpath
import stat
import zipfile
from pathlib import Path

from dossier.errors import InputError, input_error

MAX_TEXT_BYTES = 1024 * 1024  # plain-text and YAML inputs
MAX_ZIP_BYTES = 50 * 1024 * 1024  # an .xlsx/.docx/.zip as stored on disk
MAX_ZIP_UNPACKED = 200 * 1024 * 1024  # the same, once every member is unpacked
MAX_ZIP_RATIO = 100  # unpacked / packed, per member; real Office files stay under 30
MAX_ZIP_MEMBERS = 10_000
_SMALL_MEMBER = 1024 * 1024  # below this, a high ratio (a run of blanks) can do no harm


def _open_error(path: Path, exc: OSError) -> InputError:
    """The message for a file that cannot be opened at all."""
    if isinstance(exc, FileNotFoundError):
        return input_error(
            path, "文件不存在。", "File not found.", hint_zh="请检查路径。", hint_en="Check the path."
        )
    if isinstance(exc, IsADirectoryError):
        return input_error(path, "这是一个目录，不是文件。", "This is a folder, not a file.")
    if isinstance(exc, PermissionError):
        return input_error(
            path,
            "没有读取该文件的权限。",
            "No permission to read this file.",
            hint_zh="检查文件权限。",
            hint_en="Check the file's permissions.",
        )
    reason = exc.strerror or type(exc).__name__
    return input_error(path, f"无法读取文件：{reason}", f"Cannot read the file: {reason}")


def too_large(path: Path | str, size: int | None, limit: int) -> InputError:
    """The message for a file over ``limit`` bytes (``size`` when known)."""
    shown = f"{size:,} 字节，" if size is not None else ""
    shown_en = f"{size:,} bytes; " if size is not None else ""
    return input_error(
        path,
        f"文件过大（{shown}上限 {limit:,} 字节）。",
        f"The file is too large ({shown_en}the limit is {limit:,} bytes).",
        hint_zh="确认选择的是正确的文件。",
        hint_en="Check this is the right file.",
    )


def read_bytes(path: Path | str, max_bytes: int) -> bytes:
    """The file's bytes, reading at most ``max_bytes`` + 1. Raises InputError.

    Only regular files are read: a pipe with no writer would wait forever and a device such
    as ``/dev/zero`` never ends. Reading is bounded all the same, so a file that grows while
    it is read is refused as too large instead of filling memory.
    """
    path = Path(path)
    try:
        if not path.is_dir() and path.exists() and not stat.S_ISREG(path.stat().st_mode):
            raise input_error(
                path,
                "这不是普通文件（而是设备、管道或套接字）。",
                "This is not a regular file (it is a device, a pipe or a socket).",
                hint_zh="请给出文件的路径。",
                hint_en="Give the path of a file.",
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise _open_error(path, exc) from None
    if len(data) > max_bytes:
        try:
            size: int | None = path.stat().st_size or None
        except OSError:
            size = None
        raise too_large(path, size, max_bytes)
    return data


def read_text(path: Path | str, max_bytes: int = MAX_TEXT_BYTES) -> str:
    """A UTF-8 text file (a leading byte-order mark is dropped). Raises InputError.

    Refused: a missing, unreadable or over-large file, and bytes that are not UTF-8 (the
    message gives the line, as files saved as GBK by Windows editors are common).
    """
    path = Path(path)
    data = read_bytes(path, max_bytes)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise input_error(
            path,
            f"文件不是 UTF-8 编码（第 {line} 行，第 {exc.start} 字节）。",
            f"The file is not UTF-8 (line {line}, byte {exc.start}).",
            line=line,
            hint_zh="请以 UTF-8 编码另存该文件。",
            hint_en="Save the file as UTF-8.",
        ) from None


def _bad_member_name(name: str) -> bool:
    """True for a member name that would land outside the folder it is unpacked into."""
    if "\x00" in name or name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return True
    parts = posixpath.normpath(name.replace("\\", "/")).split("/")
    return ".." in parts


def check_zip_container(
    path: Path | str,
    max_bytes: int = MAX_ZIP_BYTES,
    max_ratio: float = MAX_ZIP_RATIO,
    max_members: int = MAX_ZIP_MEMBERS,
    max_unpacked: int = MAX_ZIP_UNPACKED,
) -> None:
    """Check a zip-based file (.xlsx, .docx, .zip) before a reader opens it. Raises InputError.

    Refused: a file that is not a zip (or a truncated one), more than ``max_members`` members,
    a member name that points outside the container (zip-slip: ``../``, an absolute path, a
    drive letter), a member that unpacks to more than ``max_ratio`` times its packed size, and
    more than ``max_unpacked`` bytes in all (zip bombs). Only the central directory is read;
    nothing is unpacked.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _open_error(path, exc) from None
    if path.is_dir():
        raise _open_error(path, IsADirectoryError())
    if size > max_bytes:
        raise too_large(path, size, max_bytes)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except OSError as exc:
        raise _open_error(path, exc) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError):
        raise input_error(
            path,
            "文件已损坏，或不是 Office/zip 文件。",
            "The file is damaged, or is not an Office (zip) file.",
            hint_zh="用 Word 或 Excel 打开后重新保存，或确认选择了正确的文件。",
            hint_en="Open it in Word or Excel and save it again, or check this is the right file.",
        ) from None
    if len(members) > max_members:
        raise input_error(
            path,
            f"压缩包内文件过多（{len(members):,} 个，上限 {max_members:,}）。",
            f"The file holds too many parts ({len(members):,}; the limit is {max_members:,}).",
        )
    unpacked = 0
    for info in members:
        if _bad_member_name(info.filename):
            raise input_error(
                path,
                f"压缩包内的路径“{info.filename}”指向包外，已拒绝。",
                f"The part '{info.filename}' points outside the file; refused.",
                hint_zh="该文件可能被篡改；请向来源索取原文件。",
                hint_en="The file may have been tampered with; ask its sender for the original.",
            )
        unpacked += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if (ratio > max_ratio and info.file_size > _SMALL_MEMBER) or unpacked > max_unpacked:
            raise input_error(
                path,
                f"压缩包内的“{info.filename}”解压后过大（压缩比 {ratio:.0f}:1），疑为压缩炸弹。",
                f"The part '{info.filename}' unpacks to too much (ratio {ratio:.0f}:1); it looks like"
                " a zip bomb.",
                hint_zh="请向来源索取原文件。",
                hint_en="Ask its sender for the original file.",
            )
