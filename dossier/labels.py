"""The fixed wording of the documents, one catalog per language.

One template per document reads its headings, table labels and author guidance from
``templates/labels/<lang>.yaml`` as ``t.section.key``. The Chinese and English packages thus
share one structure and cannot drift apart; a company changes wording by putting its own
``labels/<lang>.yaml`` beside its templates (its keys replace ours, one by one). A key a
template asks for and no catalog has is an error naming the template and line.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from dossier.errors import input_error
from dossier.load import read_yaml
from dossier.record import Record, freeze
from dossier.resources import builtin

LANGS = ("zh", "en")


def catalog_file(lang: str, root: Path | None = None) -> Path:
    return (root or builtin("templates")) / "labels" / f"{lang}.yaml"


@cache
def _read(path: Path) -> dict[str, Any]:
    doc = read_yaml(path)
    if not isinstance(doc.data, dict):
        raise input_error(path, "标签目录应为映射（键: 值）。", "A label catalog is a mapping (key: value).")
    _check_leaves(doc.data, path, ())
    return doc.data


def _check_leaves(data: dict[str, Any], path: Path, prefix: tuple[str, ...]) -> None:
    for key, value in data.items():
        if isinstance(value, dict):
            _check_leaves(value, path, (*prefix, str(key)))
        elif not isinstance(value, (str, list)):
            raise input_error(
                path,
                f"标签“{'.'.join((*prefix, str(key)))}”应为文字。",
                f"Label '{'.'.join((*prefix, str(key)))}' should be text.",
            )


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """``override``'s keys replace ``base``'s, nested mappings merged key by key."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def load_labels(lang: str, company: Path | None = None) -> Record:
    """The label catalog for ``lang``: built-in, with a company's catalog on top."""
    if company is not None and catalog_file(lang, company).is_file():
        return freeze(merge(_read(catalog_file(lang)), _read(catalog_file(lang, company))))
    return _builtin_labels(lang)


@cache
def _builtin_labels(lang: str) -> Record:
    """The built-in catalog, frozen once per process (a Record cannot be changed, so it is shared)."""
    return freeze(_read(catalog_file(lang)))


def keys(data: dict[str, Any], prefix: str = "") -> set[str]:
    """Every dotted key of a catalog (to check that both languages have the same)."""
    out: set[str] = set()
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out |= keys(value, name + ".")
        else:
            out.add(name)
    return out
