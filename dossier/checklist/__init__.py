"""The Excel checklist an RA team tracks the package with, and reading a filled copy back."""

from dossier.checklist.build import checklist_bytes, workbook
from dossier.checklist.labels import FORMAT, IDS, META, STATUSES
from dossier.checklist.readback import MaterialStatus, Status, read_status, read_statuses, status_report

__all__ = [
    "FORMAT",
    "IDS",
    "META",
    "STATUSES",
    "MaterialStatus",
    "Status",
    "checklist_bytes",
    "read_status",
    "read_statuses",
    "status_report",
    "workbook",
]
