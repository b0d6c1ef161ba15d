"""Writing outputs safely: one ``--force`` policy, a lock per target, atomic and durable swaps.

Every command that writes (``build``, ``checklist``, ``templates export``, ``rules docs -o``)
goes through :func:`write_folder` or :func:`write_file`:

- **Policy** (:func:`check_target`): ``-o`` may not be an input, an ancestor of one, the current
  or home folder (or an ancestor of them), ``.``, a symbolic link, or a path under a regular file.
  Without ``--force`` an existing path is never written; with it, a folder is replaced only when
  this tool wrote it (``owned``), a file only by a regular file and only once the new one is
  complete.
- **Lock**: ``.<name>.dossier-lock`` beside the target, held with ``flock`` (``msvcrt.locking``
  on Windows), so the operating system releases it when a run dies; a second run for the same
  target gets exit 2.
- **Staging and swap**: files are written to ``.<name>.dossier-staging.<pid>.<random>`` beside
  the target and fsynced (files and folders), then swapped in. On Linux the swap is one
  ``renameat2(RENAME_EXCHANGE)``: at every instant the target is the old or the new package.
  Elsewhere it is two renames (old -> ``.<name>.dossier-old``, staging -> target); a run killed
  between them is repaired by the next run for that target (:func:`recover`), which also removes
  staging left by dead runs. Staging a live run owns is never removed.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import secrets
import shutil
import socket
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from dossier.errors import InputError, input_error, os_error

MANIFEST = "manifest.json"
TEMPLATES_MARKER = ".dossier-templates.json"


# --- names beside the target ------------------------------------------------------------------


def lock_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.dossier-lock")


def old_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.dossier-old")


def _staging_prefix(target: Path) -> str:
    return f".{target.name}.dossier-staging."


def staging_path(target: Path) -> Path:
    """A new staging name: recognisable, owned by this process id, unique."""
    return target.with_name(f"{_staging_prefix(target)}{os.getpid()}.{secrets.token_hex(4)}")


# --- what this tool wrote --------------------------------------------------------------------


def _tool_of(file: Path) -> str | None:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    tool = data.get("tool") if isinstance(data, dict) else None
    return tool.get("name") if isinstance(tool, dict) else None


def is_package(folder: Path) -> bool:
    """True when ``folder`` is a package this tool wrote: its manifest.json names dossier."""
    return folder.is_dir() and _tool_of(folder / MANIFEST) == "dossier"


def is_templates_export(folder: Path) -> bool:
    """True when ``folder`` is a template export this tool wrote (its marker file names dossier)."""
    return folder.is_dir() and _tool_of(folder / TEMPLATES_MARKER) == "dossier"


# --- the policy ------------------------------------------------------------------------------


def _refuse(target: Path | str, zh: str, en: str, hint_zh: str | None = None, hint_en: str | None = None):
    return input_error(target, zh, en, hint_zh=hint_zh, hint_en=hint_en)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_target(
    target: Path,
    *,
    inputs: Iterable[Path | None] = (),
    force: bool = False,
    folder: bool,
    owned: Callable[[Path], bool] = is_package,
    tidy: bool = True,
) -> Path:
    """The absolute target once the policy allows writing it. Raises InputError (nothing touched).

    With ``tidy`` (and the target's lock free), what a killed run left for this target is
    repaired first (:func:`recover`), so even a refused run clears it.
    """
    target = Path(target)
    if target.name in ("", ".", ".."):
        raise _refuse(
            target,
            "输出位置不能是“.”或“..”。",
            "The output cannot be '.' or '..'.",
            "请给出一个新文件夹或文件的名称。",
            "Name a new folder or file.",
        )
    absolute = Path(os.path.abspath(target))
    ancestor = absolute.parent
    while not os.path.lexists(ancestor) and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise _refuse(
            ancestor,
            f"输出路径 {target} 经过一个普通文件或失效的链接，不是文件夹。",
            f"The output path {target} goes through a regular file or a broken link, not a folder.",
            "检查输出路径。",
            "Check the output path.",
        )
    if absolute.is_symlink():
        raise _refuse(
            target,
            "输出位置是一个符号链接；不会跟随它写入或替换。",
            "The output is a symbolic link; it is neither followed nor replaced.",
            "请给出真实的路径。",
            "Give the real path.",
        )
    real = Path(os.path.realpath(absolute.parent)) / absolute.name
    _refuse_protected(target, real, inputs)
    if tidy and real.parent.is_dir():
        with contextlib.suppress(InputError, OSError):  # busy or unwritable: reported when writing
            with locked(real):
                recover(real)
    if os.path.lexists(real):
        if not force:
            raise _refuse(
                target,
                "输出已存在，未覆盖。",
                "The output already exists; nothing was overwritten.",
                "换一个输出位置，或加 --force 替换。",
                "Choose another output, or add --force to replace it.",
            )
        if folder and not (real.is_dir() and owned(real)):
            raise _refuse(
                target,
                "该位置已存在，但不是 dossier 生成的输出；--force 只替换 dossier 生成的内容。",
                "This exists but is not an output dossier wrote; --force only replaces what dossier wrote.",
                "换一个输出位置，或自行移走该文件夹。",
                "Choose another output, or move that folder away yourself.",
            )
        if not folder and not real.is_file():
            raise _refuse(
                target,
                "该位置已存在，但不是普通文件；未替换。",
                "This exists but is not a regular file; it was not replaced.",
                "换一个输出位置。",
                "Choose another output.",
            )
    return real


def _refuse_protected(target: Path, real: Path, inputs: Iterable[Path | None]) -> None:
    for source in inputs:
        if source is None:
            continue
        source_real = Path(os.path.realpath(source))
        if _inside(source_real, real):
            same = source_real == real
            raise _refuse(
                target,
                "输出位置就是输入文件。" if same else f"输出位置包含输入 {source}。",
                "The output is the input file itself." if same else f"The output holds the input {source}.",
                "换一个输出位置；输入永远不会被替换。",
                "Choose another output; inputs are never replaced.",
            )
    protected = {
        Path(os.path.realpath(Path.cwd())): ("当前文件夹", "the current folder"),
        Path(os.path.realpath(Path.home())): ("用户主目录", "the home folder"),
    }
    for folder, (zh, en) in protected.items():
        if _inside(folder, real):
            raise _refuse(
                target,
                f"输出位置是{zh}或其上级文件夹，不能作为输出。",
                f"The output is {en} or a folder above it; it cannot be an output.",
                "请给出一个新的子文件夹，例如 -o out/package。",
                "Name a new subfolder, e.g. -o out/package.",
            )


# --- lock ------------------------------------------------------------------------------------


def _try_lock(fd: int) -> bool:
    if os.name == "nt":  # pragma: no cover - Windows only
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
        raise
    return True


def _holder(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip() or "?"
    except OSError:
        return "?"


@contextlib.contextmanager
def locked(target: Path) -> Iterator[None]:
    """Hold the per-target lock for the block. Raises InputError when another run holds it."""
    path = lock_path(target)
    for _ in range(10):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:  # name the folder the user chose, not our lock file
            raise os_error(OSError(exc.errno, exc.strerror, str(target.parent))) from None
        if not _try_lock(fd):
            os.close(fd)
            holder = _holder(path)
            raise input_error(
                target,
                f"另一个 dossier 进程（{holder}）正在写入该输出；未做任何改动。",
                f"Another dossier run ({holder}) is writing this output; nothing was changed.",
                hint_zh="等它结束后重试。",
                hint_en="Wait for it to finish and try again.",
            )
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except FileNotFoundError:
            same = False
        if same:  # not a lock file another run unlinked after we opened it
            break
        os.close(fd)
    else:  # pragma: no cover - only under a storm of concurrent runs
        raise input_error(target, "无法获得输出锁。", "Could not take the output lock.")
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()} on {socket.gethostname()}\n".encode())
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)  # before releasing: a waiting run then re-checks the inode
        os.close(fd)


# --- recovery --------------------------------------------------------------------------------


def _alive(pid: int) -> bool:
    """Whether a process with this id runs (on this machine); unknown counts as alive."""
    if pid == os.getpid():
        return True
    if os.name == "nt":  # pragma: no cover - Windows only
        return True  # without a portable check, never remove another run's staging
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def recover(target: Path) -> list[str]:
    """Repair what a killed run left for ``target``; call with the lock held. Returns notes.

    An old package set aside by an interrupted swap is put back when the target is missing and
    removed when the target is there; staging folders of dead runs are removed.
    """
    notes = []
    old = old_path(target)
    if os.path.lexists(old):
        if not os.path.lexists(target):
            os.replace(old, target)
            notes.append(f"restored {target} from {old.name}")
        else:
            _remove(old)
            notes.append(f"removed {old.name}")
    prefix = _staging_prefix(target)
    for leftover in [p for p in target.parent.iterdir() if p.name.startswith(prefix)]:
        owner = leftover.name[len(prefix) :].split(".", 1)[0]
        if owner.isdigit() and not _alive(int(owner)):
            _remove(leftover)
            notes.append(f"removed {leftover.name}")
    return notes


# --- durable writing -------------------------------------------------------------------------


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # pragma: no cover - Windows cannot open a folder to fsync it
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_new(path: Path, data: bytes) -> None:
    """Create ``path`` (mode from the umask), write ``data`` and fsync it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _stage(files: dict[str, bytes], staging: Path) -> None:
    os.mkdir(staging, 0o777)
    folders = {staging}
    for relative, data in files.items():
        path = staging / relative
        if not _inside(Path(os.path.normpath(path)), staging) or path == staging:
            raise input_error(
                relative,
                "文件名会写到输出文件夹之外（来自公司的矩阵或模板？）。",
                "The file name would be written outside the output folder (from a company matrix?).",
            )
        for parent in reversed(path.parents):
            if _inside(parent, staging) and parent not in folders:
                os.mkdir(parent, 0o777)
                folders.add(parent)
        _write_new(path, data)
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        _fsync_dir(folder)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE). False when unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b), None, str(a))


def _swap(staging: Path, target: Path) -> Path | None:
    """Put ``staging`` at ``target``; returns what now holds the old content, to remove."""
    if not os.path.lexists(target):
        os.replace(staging, target)
        return None
    if _exchange(staging, target):
        return staging  # staging now holds the old package
    old = old_path(target)
    os.replace(target, old)
    try:
        os.replace(staging, target)
    except BaseException:
        os.replace(old, target)
        raise
    return old


def _prepare(target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)


def write_folder(
    files: dict[str, bytes],
    target: Path,
    *,
    inputs: Iterable[Path | None] = (),
    force: bool = False,
    owned: Callable[[Path], bool] = is_package,
) -> Path:
    """Write ``files`` (relative path -> bytes) as the folder ``target``, all or nothing.

    Raises InputError when the policy refuses the target or another run holds its lock.
    """
    inputs = list(inputs)
    real = check_target(target, inputs=inputs, force=force, folder=True, owned=owned)
    _prepare(real)
    with locked(real):
        recover(real)
        real = check_target(target, inputs=inputs, force=force, folder=True, owned=owned, tidy=False)
        staging = staging_path(real)
        try:
            _stage(files, staging)
            leftover = _swap(staging, real)
            _fsync_dir(real.parent)
        except BaseException:
            if os.path.lexists(staging):
                _remove(staging)
            raise
        if leftover is not None:
            _remove(leftover)
            _fsync_dir(real.parent)
    return real


def write_file(data: bytes, target: Path, *, inputs: Iterable[Path | None] = (), force: bool = False) -> Path:
    """Write one file at ``target``: the new file complete and fsynced before it replaces anything.

    Raises InputError when the policy refuses the target or another run holds its lock.
    """
    inputs = list(inputs)
    real = check_target(target, inputs=inputs, force=force, folder=False)
    _prepare(real)
    with locked(real):
        recover(real)
        real = check_target(target, inputs=inputs, force=force, folder=False, tidy=False)
        staging = staging_path(real)
        try:
            _write_new(staging, data)
            os.replace(staging, real)
            _fsync_dir(real.parent)
        except BaseException:
            staging.unlink(missing_ok=True)
            raise
    return real
