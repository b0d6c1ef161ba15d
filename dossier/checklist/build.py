"""The checklist workbook put together, and saved as the same bytes for the same input."""

from __future__ import annotations

import datetime as dt
import io
import re

from openpyxl import Workbook

from dossier import archive
from dossier.checklist import identity, sheets
from dossier.checklist.labels import TITLES, pick
from dossier.documents import document_date
from dossier.findings import Finding
from dossier.project import Project
from dossier.rules.registry import RuleSet

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def workbook(project: Project, ruleset: RuleSet, findings: list[Finding], lang: str = "zh") -> Workbook:
    """The checklist workbook for a product's meeting."""
    wb = Workbook()
    wb.remove(wb.active)
    sheets.materials(wb, project, lang)
    sheets.questions(wb, project, findings, lang)
    sheets.findings_sheet(wb, project, findings, lang)
    sheets.self_assessment(wb, project, ruleset, findings, lang)
    sheets.annex(wb, project, lang)
    identity.meta_sheet(wb, project, lang)
    identity.ids_sheet(wb, project)
    _text_not_formula(wb)
    _properties(wb, project, lang)
    return wb


def _properties(wb: Workbook, project: Project, lang: str) -> None:
    when = document_date(project)
    wb.properties.creator = project.dossier.product.applicant
    wb.properties.title = pick(TITLES["materials"], lang)
    wb.properties.subject = pick((project.dossier.product.name_zh, project.dossier.product.name_en), lang)
    wb.properties.language = "en-US" if lang == "en" else "zh-CN"
    wb.properties.created = dt.datetime(when.year, when.month, when.day)
    wb.properties.lastModifiedBy = "dossier"


def _text_not_formula(wb: Workbook) -> None:
    """Every cell holds data: text that a spreadsheet would read as a formula stays text.

    openpyxl stores a string starting with ``=`` as a formula, and Excel or LibreOffice evaluate
    ``+``, ``-``, ``@`` (and a leading tab or CR) when the cell is edited. Such text is stored as
    a string cell with the quote prefix (OWASP's CSV-injection advice, applied to xlsx), so
    ``=HYPERLINK(…)`` typed in a product file shows as typed and a product code ``=HX-019``
    reads back unchanged.
    """
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
                    cell.data_type = "s"
                    cell.quotePrefix = True


def checklist_bytes(project: Project, ruleset: RuleSet, findings: list[Finding], lang: str = "zh") -> bytes:
    """The workbook as bytes, byte-identical for the same input (openpyxl stamps 'now' on save)."""
    buffer = io.BytesIO()
    workbook(project, ruleset, findings, lang).save(buffer)
    when = document_date(project)
    entries = archive.members(buffer.getvalue())
    stamp = f"{when.isoformat()}T00:00:00Z".encode()
    entries["docProps/core.xml"] = _CORE_DATES.sub(
        rb"\g<1>" + stamp + rb"\g<2>", entries["docProps/core.xml"]
    )
    return archive.zip_bytes(entries, when)
