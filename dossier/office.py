"""PDF export through LibreOffice: the submitted documents of a package, fields and TOC updated.

LibreOffice is found on PATH (``soffice``, ``libreoffice``) or given with ``--soffice``. When a
Python that has LibreOffice's ``uno`` module is available (Debian: ``python3-uno``), each
document is opened through UNO, its tables of contents and fields updated, and exported
(:mod:`dossier.office_uno`); otherwise a plain ``--convert-to pdf`` is used, which keeps the
table of contents as written (headings without page numbers). PDFs are derived files: written
into ``pdf/`` after the package, outside its manifest and the byte-identity guarantee.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from dossier.errors import input_error

TIMEOUT = 600  # seconds for a whole package
INSTALL_HINT_ZH = (
    "安装 LibreOffice（Debian/Ubuntu：apt install libreoffice-writer-nogui python3-uno），"
    "或用 --soffice 指定。"
)
INSTALL_HINT_EN = (
    "Install LibreOffice (Debian/Ubuntu: apt install libreoffice-writer-nogui python3-uno),"
    " or give its path with --soffice."
)


def find_soffice(explicit: Path | None = None) -> Path:
    """The LibreOffice executable. Raises InputError (exit 2) when there is none."""
    if explicit is not None:
        if explicit.is_file() and os.access(explicit, os.X_OK):
            return explicit
        raise input_error(
            explicit, "不是可执行的 LibreOffice 程序。", "Not an executable LibreOffice program.",
            hint_zh=INSTALL_HINT_ZH, hint_en=INSTALL_HINT_EN,
        )  # fmt: skip
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise input_error(
            "--pdf", "找不到 LibreOffice，无法生成 PDF。", "LibreOffice was not found; cannot write PDFs.",
            hint_zh=INSTALL_HINT_ZH, hint_en=INSTALL_HINT_EN,
        )  # fmt: skip
    return Path(found)


@cache
def uno_python(soffice: Path) -> str | None:
    """A Python interpreter that can ``import uno``: LibreOffice's own, else the system's."""
    candidates = [
        os.environ.get("DOSSIER_UNO_PYTHON"),
        str(Path(os.path.realpath(soffice)).parent / "python"),
    ]
    candidates += [shutil.which("python3"), "/usr/bin/python3"]
    for python in filter(None, candidates):
        if not (os.path.isfile(python) and os.access(python, os.X_OK)):
            continue
        try:
            probe = subprocess.run([python, "-c", "import uno"], capture_output=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return python
    return None


def to_pdf(files: list[Path], outdir: Path, soffice: Path) -> tuple[list[Path], bool]:
    """Convert ``files`` into PDFs in ``outdir``; also whether indexes were updated (UNO).

    Raises InputError when LibreOffice fails or a PDF is missing afterwards.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    python = uno_python(soffice)
    with tempfile.TemporaryDirectory(prefix="dossier-office-") as tmp:
        profile = Path(tmp, "profile").as_uri()  # private: never the user's running LibreOffice
        if python is not None:
            script = Path(__file__).with_name("office_uno.py")
            command = [python, str(script), str(soffice), profile, str(outdir), *map(str, files)]
        else:
            command = [str(soffice), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
            command += ["--outdir", str(outdir), *map(str, files)]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise input_error(
                soffice, "LibreOffice 转换超时。", f"LibreOffice did not finish within {TIMEOUT} s."
            ) from None
    pdfs = [outdir / f"{f.stem}.pdf" for f in files]
    missing = [p.name for p in pdfs if not p.is_file()]
    if result.returncode != 0 or missing:
        detail = (result.stderr or result.stdout or "").strip()[-500:]
        raise input_error(
            soffice,
            f"LibreOffice 未能生成 PDF：{', '.join(missing) or detail}",
            f"LibreOffice did not write the PDFs: {', '.join(missing) or detail}",
            hint_zh=detail or None,
            hint_en=detail or None,
        )
    return pdfs, python is not None


def package_pdfs(folder: Path, submitted: list[str], soffice: Path) -> tuple[list[Path], bool]:
    """PDFs of the package's submitted Word documents in ``folder/pdf/`` (replaced as a whole)."""
    documents = [folder / name for name in submitted if name.endswith(".docx")]
    staging = folder / ".pdf.dossier-staging"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        pdfs, updated = to_pdf(documents, staging, soffice)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # a failed export leaves the package as written
        raise
    target = folder / "pdf"
    if target.exists():
        shutil.rmtree(target)
    os.replace(staging, target)
    return [target / p.name for p in pdfs], updated
