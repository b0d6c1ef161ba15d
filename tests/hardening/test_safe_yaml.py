"""The loader's limits sit where documented: at a limit a file loads, one past it is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.errors import InputError
from dossier.load import read_yaml
from dossier.safe_yaml import MAX_BYTES, MAX_DEPTH, MAX_NODES


def _read(tmp_path: Path, text: str):
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    return read_yaml(path)


def _refused(tmp_path: Path, text: str) -> str:
    with pytest.raises(InputError) as info:
        _read(tmp_path, text)
    [problem] = info.value.problems
    return problem.message_en


def _nested(levels: int) -> str:
    """A block mapping ``levels`` deep (the top-level mapping counts as one)."""
    return "".join("  " * i + f"k{i}:\n" for i in range(levels - 1)) + "  " * (levels - 1) + "k: v\n"


def test_depth_limit(tmp_path: Path) -> None:
    _read(tmp_path, _nested(MAX_DEPTH))
    assert "deeper than" in _refused(tmp_path, _nested(MAX_DEPTH + 1))


def test_depth_counts_what_aliases_bring_in(tmp_path: Path) -> None:
    half = MAX_DEPTH // 2 + 1
    inner = "a: &deep " + "[" * half + "]" * half + "\n"
    assert "deeper than" in _refused(tmp_path, inner + "b: " + "[" * half + "*deep" + "]" * half + "\n")


def test_value_limit(tmp_path: Path) -> None:
    # a mapping of n keys holds 1 + 2n values (itself, each key, each value)
    n = (MAX_NODES - 1) // 2
    _read(tmp_path, "".join(f"k{i}: v\n" for i in range(n)))
    assert "more than" in _refused(tmp_path, "".join(f"k{i}: v\n" for i in range(n + 1)))


def test_aliases_within_the_budget_are_read(tmp_path: Path) -> None:
    doc = _read(tmp_path, "people: &p [{name: 甲}, {name: 乙}]\nagain: *p\nthird: *p\n")
    assert doc.data["third"] == [{"name": "甲"}, {"name": "乙"}]
    doc.data["third"][0]["name"] = "丙"
    assert doc.data["people"][0]["name"] == "甲"  # expanded into copies, not shared


def test_size_limit(tmp_path: Path) -> None:
    assert "too large" in _refused(tmp_path, "a: " + "x" * MAX_BYTES + "\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("v: 1.10\n", 1.1),
        ("v: 0017\n", 15),
        ("v: on\n", True),
        ("v: 2026-02-29\n", "2026-02-29"),
        ("v: ~\n", None),
        ("v: '0017'\n", "0017"),
    ],
)
def test_data_keeps_yaml_reading_and_marks_keep_the_source(tmp_path: Path, text: str, expected) -> None:
    doc = _read(tmp_path, text)
    assert doc.data["v"] == expected
    typed = text.split(": ", 1)[1].strip()
    if isinstance(expected, str) or expected is None:
        assert ("v",) not in doc.marks.source
    else:
        assert doc.marks.source[("v",)] == typed
