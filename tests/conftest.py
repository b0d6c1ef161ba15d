"""Shared fixtures: the repository's paths, a CLI runner and a minimal valid product."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))

MINIMAL: dict[str, Any] = {
    "schema_version": 2,
    "product": {
        "name": {"zh": "测试产品注射液", "en": "Test product injection"},
        "applicant": "测试公司",
        "dosage_form": "注射液",
        "route": "静脉输注",
        "regimen": "单次给药",
        "modality": "immune-cell",
        "cell_type": "CAR-T",
        "source": "autologous",
        "gene_modified": True,
    },
    "indications": [{"name": "复发难治性B细胞淋巴瘤"}],
    "meeting": {"stage": "pre-ind"},
}


def minimal() -> dict[str, Any]:
    return copy.deepcopy(MINIMAL)


def write_yaml(path: Path, data: Any) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m dossier`` as a user would, capturing output."""
    return subprocess.run(
        [sys.executable, "-m", "dossier", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        encoding="utf-8",
    )


@pytest.fixture
def product_file(tmp_path: Path) -> Path:
    return write_yaml(tmp_path / "product.yaml", minimal())
