"""Open the generated documents in a real office suite (LibreOffice) and convert them to PDF."""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
from pathlib import Path

import pytest
from conftest import SAMPLES, run_cli

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
REQUIRED = os.environ.get("DOSSIER_REQUIRE_LIBREOFFICE") == "1"
SAMPLE = next(p for p in SAMPLES if p.name.startswith("allo-car-t"))

pytestmark = pytest.mark.skipif(
    SOFFICE is None and not REQUIRED, reason="LibreOffice is not installed (CI installs it)"
)


def to_pdf(tmp_path: Path, outdir: Path, files: list[Path]) -> list[Path]:
    """Convert with LibreOffice as a user's office suite would open the files; the PDFs."""
    assert SOFFICE, "DOSSIER_REQUIRE_LIBREOFFICE=1 but LibreOffice is missing"
    profile = tmp_path / "profile"
    command = [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run(
        [*command, "--outdir", str(outdir), *map(str, files)], check=True, capture_output=True, timeout=300
    )
    return sorted(outdir.glob("*.pdf"))


def pdf_text(pdf: Path) -> str | None:
    if not shutil.which("pdftotext"):
        return None
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_libreoffice_converts_the_package_to_pdf(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    assert run_cli("build", str(SAMPLE), "-o", str(out)).returncode == 0
    pdfs = to_pdf(tmp_path, tmp_path / "pdf", sorted(out.glob("0[1-3]_*.docx")))
    assert len(pdfs) == 3
    assert all(pdf.stat().st_size > 10_000 for pdf in pdfs)
    text = pdf_text(next(p for p in pdfs if p.name.startswith("02_")))
    if text is not None:
        assert "沟通交流会议资料" in text and "基本情况" in text and "保密" in text


def printed_cjk_sizes(pdf: Path) -> list[float]:
    """Per page, the median size in points of the Chinese text as printed (a CJK glyph is 1 em wide)."""
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    word = re.compile(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([\u4e00-\u9fff]{2,})<')
    sizes = []
    for page in xml.split("<page ")[1:]:
        widths = [(float(m[2]) - float(m[1])) / len(m[3]) for m in word.finditer(page)]
        if widths:
            sizes.append(statistics.median(widths))
    return sizes


def test_libreoffice_opens_the_checklist(tmp_path: Path) -> None:
    book = tmp_path / "checklist.xlsx"
    assert run_cli("checklist", str(SAMPLE), "-o", str(book)).returncode == 0
    [pdf] = to_pdf(tmp_path, tmp_path / "pdf", [book])
    assert pdf.stat().st_size > 10_000
    text = pdf_text(pdf)
    if text is not None:
        assert "临床试验方案" in text and "未开始" in text
        # fitted to the page width, the text stays readable (it printed at about 5 pt before)
        sizes = printed_cjk_sizes(pdf)
        assert sizes and min(sizes) >= 9, sizes


def test_build_pdf_writes_the_submitted_documents_with_toc_page_numbers(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    result = run_cli("build", str(SAMPLE), "-o", str(out), "--pdf")
    assert result.returncode == 0, result.stderr
    submitted = sorted(p.stem for p in out.glob("*.docx"))
    assert sorted(p.stem for p in (out / "pdf").glob("*.pdf")) == submitted
    manifest = (out / "manifest.json").read_text(encoding="utf-8")
    assert "pdf/" not in manifest  # derived files: outside the manifest and byte-identity
    text = pdf_text(next((out / "pdf").glob("02_*.pdf")))
    if text is not None and "python3-uno" not in result.stderr:
        import re

        assert re.search(r"一、基本情况\s*\.{3,}\s*\d+", text), "the TOC carries page numbers"
