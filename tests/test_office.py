"""Open the generated documents in a real office suite (LibreOffice) and convert them to PDF."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import SAMPLES, run_cli

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
REQUIRED = os.environ.get("DOSSIER_REQUIRE_LIBREOFFICE") == "1"

pytestmark = pytest.mark.skipif(
    SOFFICE is None and not REQUIRED, reason="LibreOffice is not installed (CI installs it)"
)


def to_pdf(tmp_path: Path, outdir: Path, files: list[Path]) -> None:
    """Convert with LibreOffice as a user's office suite would open the files."""
    assert SOFFICE
    profile = tmp_path / "profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )


def test_libreoffice_converts_the_package_to_pdf(tmp_path: Path) -> None:
    assert SOFFICE, "DOSSIER_REQUIRE_LIBREOFFICE=1 but LibreOffice is missing"
    out = tmp_path / "pkg"
    sample = next(p for p in SAMPLES if p.name.startswith("allo-car-t"))
    assert run_cli("build", str(sample), "-o", str(out)).returncode == 0
    documents = sorted(str(p) for p in out.glob("0[1-3]_*.docx"))
    profile = tmp_path / "profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            *documents,
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdfs = sorted((tmp_path / "pdf").glob("*.pdf"))
    assert len(pdfs) == 3
    for pdf in pdfs:
        assert pdf.stat().st_size > 10_000
    if shutil.which("pdftotext"):
        briefing = next(p for p in pdfs if p.name.startswith("02_"))
        text = subprocess.run(
            ["pdftotext", str(briefing), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "沟通交流会议资料" in text and "基本情况" in text and "保密" in text


def test_libreoffice_opens_the_checklist(tmp_path: Path) -> None:
    assert SOFFICE, "DOSSIER_REQUIRE_LIBREOFFICE=1 but LibreOffice is missing"
    sample = next(p for p in SAMPLES if p.name.startswith("allo-car-t"))
    book = tmp_path / "checklist.xlsx"
    assert run_cli("checklist", str(sample), "-o", str(book)).returncode == 0
    profile = tmp_path / "profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = tmp_path / "checklist.pdf"
    assert pdf.stat().st_size > 10_000
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "临床试验方案" in text and "未开始" in text
