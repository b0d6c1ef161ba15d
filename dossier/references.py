"""Cross-references: supporting data named by material id, printed as the attachment they are.

A question's supporting data point at a material of the package (``{material: protocol,
section: "5.2"}``). The documents print the material's current attachment number and title
(附件4《临床试验方案》5.2), so opting into a ``±`` material never breaks a reference. Free text
from older product files (``临床综述 3.2``) is read by the material's name where it starts with
one. A reference that names no material of this package resolves to nothing, and ``check``
says so (rule REF-001).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from dossier.matrix import Material
from dossier.model import DataRef

# Short ids an author may type for a material (the matrix ids are the stable names).
ALIASES = {
    "protocol": "clinical-trial-protocol",
    "clinical-protocol": "clinical-trial-protocol",
    "cdp": "clinical-development-plan",
    "development-plan": "clinical-development-plan",
    "rmp": "risk-management-plan",
    "cmc": "quality-overview",
    "quality": "quality-overview",
    "nonclinical": "nonclinical-overview",
    "clinical": "clinical-overview",
    "completed-trials": "completed-trials-summary",
    "marketing": "marketing-plan",
}


@dataclass(frozen=True)
class Target:
    """What a reference points at: a material (or nothing) and a section within it."""

    material: Material | None
    section: str | None
    written: str

    @property
    def resolved(self) -> bool:
        return self.material is not None


def material_id(materials: Sequence[Material], name: str) -> str | None:
    """A material id from an id, an alias or a name in either language."""
    key = name.strip()
    lowered = key.lower()
    ids = {m.id for m in materials}
    if lowered in ids:
        return lowered
    if ALIASES.get(lowered) in ids:
        return ALIASES[lowered]
    for m in materials:
        if key in (m.name_zh, m.name_en) or lowered == m.name_en.lower():
            return m.id
    return None


def _by_name(materials: Sequence[Material], text: str) -> tuple[Material, str | None] | None:
    """An older free-text reference that starts with a material's name (longest name first)."""
    names = sorted(
        ((name, m) for m in materials for name in (m.name_zh, m.name_en)),
        key=lambda pair: -len(pair[0]),
    )
    for name, m in names:
        if text.lower().startswith(name.lower()):
            rest = re.sub(r"^[\s，,：:第]+", "", text[len(name) :]).strip()
            return m, rest or None
    return None


def resolve(materials: Sequence[Material], ref: DataRef | str) -> Target:
    """Resolve one supporting-data reference against the annex materials."""
    if isinstance(ref, DataRef):
        found = material_id(materials, ref.material)
        material = next((m for m in materials if m.id == found), None)
        return Target(material, ref.section, ref.material)
    hit = _by_name(materials, ref)
    if hit is None:
        return Target(None, None, ref)
    return Target(hit[0], hit[1], ref)
