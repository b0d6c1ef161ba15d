"""The hidden sheets that tie a checklist to its product, stage and materials."""

from __future__ import annotations

from openpyxl import Workbook

from dossier.checklist.labels import FORMAT, IDS, META
from dossier.project import Project

ID_COLUMNS = ("id", "name_zh", "name_en", "required")


def meta_sheet(wb: Workbook, project: Project, lang: str) -> None:
    """``_dossier``: format, language, product and stage, so a foreign checklist is refused."""
    ws = wb.create_sheet(META)
    product = project.dossier.product
    for key, value in [
        ("format", FORMAT),
        ("lang", lang),
        ("product_name_zh", product.name_zh),
        ("product_code", product.code or ""),
        ("stage", project.dossier.meeting.stage.value),
        ("matrix", f"{project.matrix.id} {project.matrix.version}"),
    ]:
        ws.append([key, value])
    ws.sheet_state = "hidden"


def ids_sheet(wb: Workbook, project: Project) -> None:
    """``_ids``: each material's internal id, names and whether this meeting requires it.

    The materials sheet keys its rows by a hidden id column, so a user may re-sort them; this
    sheet says which materials must be there and which are required, whatever the user typed.
    """
    ws = wb.create_sheet(IDS)
    ws.append(list(ID_COLUMNS))
    for req in project.requirements():
        m = req.material
        ws.append([m.id, m.name_zh, m.name_en, "yes" if req.included else "no"])
    ws.sheet_state = "hidden"
