"""User errors: what went wrong, where (file, line, column, field) and how to fix it.

Every failure the user can act on is raised as an :class:`InputError`; the CLI prints it and
exits with code 2. An ``OSError`` (read-only or full disk, permission denied, a path through a
regular file) is the environment's fault, not a bug: :func:`os_error` turns it into the same kind
of located message. Anything else is a bug (exit 70, see ``dossier.crash``).
"""

from __future__ import annotations

import errno
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One located problem in one input file."""

    file: str
    message_zh: str
    message_en: str
    line: int | None = None
    column: int | None = None
    field: str | None = None
    hint_zh: str | None = None
    hint_en: str | None = None

    def where(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def render(self) -> str:
        """The problem as the lines printed to the user: location, then zh, then en."""
        head = self.where() + (f": {self.field}" if self.field else "")
        lines = [head, f"  {self.message_zh}", f"  {self.message_en}"]
        if self.hint_zh:
            lines.append(f"  提示：{self.hint_zh}")
        if self.hint_en:
            lines.append(f"  Hint: {self.hint_en}")
        return "\n".join(lines)


@dataclass
class InputError(Exception):
    """Bad input: one or more located problems. Exit code 2."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(p.render() for p in self.problems)


def input_error(
    file: Path | str,
    zh: str,
    en: str,
    *,
    line: int | None = None,
    column: int | None = None,
    field: str | None = None,
    hint_zh: str | None = None,
    hint_en: str | None = None,
) -> InputError:
    """Build an :class:`InputError` holding a single problem."""
    return InputError([Problem(str(file), zh, en, line, column, field, hint_zh, hint_en)])


EXIT_FINDINGS = 1
EXIT_INPUT = 2

_OS_REASONS: dict[int, tuple[str, str, str | None, str | None]] = {
    errno.ENOSPC: ("磁盘已满。", "The disk is full.", "腾出空间后重试。", "Free some space and try again."),
    errno.EDQUOT: ("超出磁盘配额。", "Disk quota exceeded.", "腾出空间后重试。", "Free some space."),
    errno.EROFS: (
        "该位置所在的磁盘为只读。",
        "The disk there is read-only.",
        "换一个可写的位置。",
        "Choose a writable location.",
    ),
    errno.EACCES: (
        "没有权限。",
        "Permission denied.",
        "检查文件和文件夹的权限，或换一个位置。",
        "Check the permissions, or choose another location.",
    ),
    errno.EPERM: (
        "操作不被允许。",
        "Operation not permitted.",
        "检查文件和文件夹的权限，或换一个位置。",
        "Check the permissions, or choose another location.",
    ),
    errno.ENOENT: (
        "文件或文件夹不存在（或是一个失效的符号链接）。",
        "No such file or folder (or a broken symbolic link).",
        "检查路径。",
        "Check the path.",
    ),
    errno.ENOTDIR: (
        "路径中的某一部分是普通文件，不是文件夹。",
        "Part of the path is a regular file, not a folder.",
        "检查路径。",
        "Check the path.",
    ),
    errno.EISDIR: ("这是一个文件夹，不是文件。", "This is a folder, not a file.", None, None),
    errno.ELOOP: (
        "符号链接过多或成环。",
        "Too many levels of symbolic links.",
        "检查路径中的符号链接。",
        "Check the symbolic links in the path.",
    ),
    errno.ENAMETOOLONG: (
        "文件名或路径过长。",
        "The file name or path is too long.",
        "用一个更短的名称。",
        "Use a shorter name.",
    ),
    errno.EEXIST: ("该位置已存在。", "Something already exists there.", None, None),
    errno.EBUSY: (
        "文件或文件夹正被占用。",
        "The file or folder is in use.",
        "关闭正在使用它的程序（例如 Word）后重试。",
        "Close the program using it (Word, for example) and try again.",
    ),
    errno.EXDEV: (
        "无法跨磁盘移动。",
        "Cannot move across disks.",
        "把输出放在同一磁盘上。",
        "Put the output on one disk.",
    ),
}


def os_error(exc: OSError, path: Path | str | None = None) -> InputError:
    """An OSError as a located message: which path, what the system said, what to do."""
    where = exc.filename if exc.filename is not None else path
    zh, en, hint_zh, hint_en = _OS_REASONS.get(
        exc.errno or -1, ("操作系统报告错误。", "The operating system reported an error.", None, None)
    )
    detail = exc.strerror or str(exc)
    if exc.filename2 is not None:
        detail += f" ({exc.filename} -> {exc.filename2})"
    return input_error(
        where if where is not None else "dossier",
        f"{zh}（{detail}）",
        f"{en} ({detail})",
        hint_zh=hint_zh,
        hint_en=hint_en,
    )
