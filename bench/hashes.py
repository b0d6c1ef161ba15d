"""Fingerprint every file of every sample package (zh and en), to prove a speed change changed no byte.

    python bench/hashes.py record FILE    # before the change
    python bench/hashes.py compare FILE   # after it: exit 1 and list the files whose bytes differ

A content change (a deliberate difference) is recorded anew after its commit.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dossier.package import BuildOptions, build_package  # noqa: E402
from dossier.project import open_project  # noqa: E402
from dossier.rules import load_rules  # noqa: E402


def fingerprints() -> dict[str, str]:
    """``sample/lang/path`` -> SHA-256 of that file's bytes, for every sample in both languages."""
    ruleset = load_rules()
    result = {}
    for sample in sorted((ROOT / "samples").glob("*.yaml")):
        for lang in ("zh", "en"):
            package = build_package(open_project(sample), ruleset, BuildOptions(lang=lang))
            for path, data in package.files.items():
                result[f"{sample.stem}/{lang}/{path}"] = hashlib.sha256(data).hexdigest()
    return result


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("record", "compare"):
        print(__doc__)
        return 2
    action, file = argv[0], Path(argv[1])
    now = fingerprints()
    if action == "record":
        text = json.dumps(now, ensure_ascii=False, indent=1, sort_keys=True)
        file.write_text(text + "\n", encoding="utf-8")
        print(f"{len(now)} files recorded in {file}")
        return 0
    before = json.loads(file.read_text(encoding="utf-8"))
    changed = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    for key in changed:
        print(f"differs: {key}")
    print(f"{len(now)} files, {len(changed)} differ")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
