"""Label catalogs and text blocks: both languages complete, every name a template uses defined."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from dossier import blocks, labels
from dossier.load import read_yaml

TEMPLATES = ROOT / "templates"
SOURCES = sorted(TEMPLATES.rglob("*.md.j2"))


def catalog(lang: str) -> dict:
    return read_yaml(labels.catalog_file(lang)).data


def test_both_catalogs_have_the_same_keys() -> None:
    zh, en = labels.keys(catalog("zh")), labels.keys(catalog("en"))
    assert zh - en == set(), "in zh.yaml only"
    assert en - zh == set(), "in en.yaml only"


def _resolves(data: dict, dotted: str) -> bool:
    for part in dotted.split("."):
        if not isinstance(data, dict) or part not in data:
            return False
        data = data[part]
    return True


@pytest.mark.parametrize("template", SOURCES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_every_label_a_template_uses_exists(template) -> None:
    text = template.read_text(encoding="utf-8")
    used = set(re.findall(r"\bt\.([a-z_]+(?:\.[a-z_]+)+)", text))
    aliases = dict(re.findall(r"\{%\s*set\s+(\w+)\s*=\s*t\.([a-z_.]+)\s*%\}", text))
    for alias, target in aliases.items():
        used |= {f"{target}.{key}" for key in re.findall(rf"\b{alias}\.([a-z_]+)\b", text)}
    for lang in ("zh", "en"):
        missing = sorted(u for u in used if not _resolves(catalog(lang), u))
        assert not missing, (lang, missing)


@pytest.mark.parametrize("template", SOURCES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_every_block_a_template_uses_exists(template) -> None:
    known = set(blocks.load_blocks())
    used = set(re.findall(r"block\(\"([a-z0-9-]+)\"", template.read_text(encoding="utf-8")))
    assert used <= known, used - known


def test_every_block_cites_its_source() -> None:
    for block in blocks.load_blocks().values():
        assert block.citation is not None, block.id


def test_labels_are_read_only_records() -> None:
    t = labels.load_labels("zh")
    with pytest.raises(AttributeError):
        t.common.update  # noqa: B018 - a dict method must not answer for a missing key
    with pytest.raises(AttributeError):
        t.common.applicant = "x"
