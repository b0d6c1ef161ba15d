"""The controlled list of trial design elements an agreement with CDE can fix (data, not code)."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from functools import cache
from pathlib import Path
from typing import Literal

from dossier.resources import builtin

Form = Literal["number", "choice", "criteria", "text"]


@dataclass(frozen=True)
class Element:
    """One design element: its id, labels, the form of its agreed value, where the file states it."""

    id: str
    zh: str
    en: str
    form: Form
    field: str | None = None
    unit: str | None = None
    unit_en: str | None = None
    units: dict[str, float] = dc_field(default_factory=dict)
    comparison: str = "="
    aliases: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


def elements_file() -> Path:
    return builtin("checklists") / "cde-cgt-2023" / "design-elements.yaml"


def _key(text: str) -> str:
    """Spacing, case, hyphens and underscores ignored: follow-up = follow up = Follow_up."""
    return "".join(ch for ch in text.casefold() if not ch.isspace() and ch not in "-_")


@cache
def load_elements(path: Path | None = None) -> dict[str, Element]:
    """The elements by id, in file order. Raises InputError for a malformed file."""
    from dossier.errors import input_error
    from dossier.load import read_yaml

    path = path or elements_file()
    data = read_yaml(path).data
    items = data.get("elements") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise input_error(path, "应有 elements 列表。", "Expected an 'elements' list.")
    out: dict[str, Element] = {}
    for item in items:
        try:
            element = Element(
                id=str(item["id"]),
                zh=str(item["zh"]),
                en=str(item["en"]),
                form=item["form"],
                field=item.get("field"),
                unit=item.get("unit"),
                unit_en=item.get("unit_en"),
                units={str(k): float(v) for k, v in (item.get("units") or {}).items()},
                comparison=str(item.get("comparison", "=")),
                aliases=tuple(str(a) for a in item.get("aliases") or ()),
                choices=tuple(str(c) for c in item.get("choices") or ()),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise input_error(path, f"设计要素条目有误：{exc}", f"Malformed design element: {exc}") from None
        if element.form not in ("number", "choice", "criteria", "text"):
            raise input_error(path, f"未知的 form：{element.form}", f"Unknown form: {element.form}")
        out[element.id] = element
    return out


def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for element in load_elements().values():
        for name in (element.id, element.zh, element.en, *element.aliases):
            index.setdefault(_key(name), element.id)
    return index


def resolve(name: str) -> Element | None:
    """The element a name (id, Chinese or English label, alias) stands for, or None."""
    element_id = _index().get(_key(name))
    return load_elements()[element_id] if element_id else None


def known_names() -> str:
    """The ids with their Chinese labels, for an error message."""
    return ", ".join(f"{e.id} ({e.zh})" for e in load_elements().values())
