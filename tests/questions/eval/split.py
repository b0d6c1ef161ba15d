"""How the evaluation set was split into a development part and a held-out part.

The split was made once, before any rule or lexicon was tuned, and is recorded here so that anyone
can check it: ``python tests/questions/eval/split.py`` recomputes the assignment from the union of
both files and reports whether every entry sits in the part the seed puts it in.

Method: entries are grouped into strata by (class, lang, hard), where ``hard`` is the kind of hard
good question (internal list, back-reference, ...) or empty; each stratum's ids are sorted, shuffled
with one ``random.Random(SEED)`` (strata visited in sorted order), and the first half goes to the
development part. When a stratum has an odd count the extra entry alternates between the parts,
starting with the development part, so the two parts stay the same size.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

SEED = 20261129
HERE = Path(__file__).resolve().parent
PARTS = {"dev": HERE / "dev.yaml", "heldout": HERE / "heldout.yaml"}


def assign_parts(entries: list[dict], seed: int = SEED) -> dict[str, str]:
    """Map each entry id to 'dev' or 'heldout'."""
    strata: dict[tuple[str, str, str], list[str]] = {}
    for entry in entries:
        key = (entry["class"], entry["lang"], entry.get("hard") or "")
        strata.setdefault(key, []).append(entry["id"])
    rng = random.Random(seed)
    extra_to_dev = True
    parts: dict[str, str] = {}
    for key in sorted(strata):
        ids = sorted(strata[key])
        rng.shuffle(ids)
        half = len(ids) // 2
        if len(ids) % 2:
            half += 1 if extra_to_dev else 0
            extra_to_dev = not extra_to_dev
        for i, ident in enumerate(ids):
            parts[ident] = "dev" if i < half else "heldout"
    return parts


def load_parts() -> dict[str, list[dict]]:
    return {name: yaml.safe_load(path.read_text(encoding="utf-8")) for name, path in PARTS.items()}


def check() -> list[str]:
    """Ids that are not in the part the recorded seed assigns them to."""
    loaded = load_parts()
    everything = [e for part in loaded.values() for e in part]
    expected = assign_parts(everything)
    return [e["id"] for name, part in loaded.items() for e in part if expected[e["id"]] != name]


if __name__ == "__main__":
    wrong = check()
    if wrong:
        print("entries outside their recorded part:", ", ".join(wrong))
        sys.exit(1)
    print(f"split reproduces with seed {SEED}")
