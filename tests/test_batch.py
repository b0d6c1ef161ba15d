"""A folder of product files built (or checked) at once: every package as a single build writes it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLES, run_cli

from dossier.batch import BATCH_MARKER, most_severe, product_files

TWO = [p for p in SAMPLES if p.name.startswith(("allo-car-t", "oncolytic"))]


@pytest.fixture
def portfolio(tmp_path: Path) -> Path:
    folder = tmp_path / "products"
    folder.mkdir()
    for sample in TWO:
        shutil.copy(sample, folder / sample.name)
    (folder / "broken.yaml").write_text("product: [\n", encoding="utf-8")
    (folder / "dossier.config.yaml").write_text("rules: {}\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not a product\n", encoding="utf-8")
    return folder


def test_product_files_are_the_yaml_files_but_not_the_config(portfolio: Path) -> None:
    assert [p.name for p in product_files(portfolio)] == sorted(["broken.yaml", *(p.name for p in TWO)])


def test_most_severe_exit_code() -> None:
    assert most_severe([0, 1, 0]) == 1
    assert most_severe([1, 2, 0]) == 2
    assert most_severe([2, 70, 1]) == 70
    assert most_severe([]) == 0


def test_one_failure_does_not_stop_the_others_and_packages_match_single_builds(
    portfolio: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run_cli("build", str(portfolio), "-o", str(out), "--jobs", "2")
    assert result.returncode == 2
    assert "broken.yaml:2" in result.stdout and "2 of 3 products built, 1 failed" in result.stdout
    assert (out / BATCH_MARKER).is_file()
    for sample in TWO:
        single = tmp_path / f"single-{sample.stem}"
        assert run_cli("build", str(portfolio / sample.name), "-o", str(single)).returncode == 0
        batch_files = sorted(p.relative_to(out / sample.stem) for p in (out / sample.stem).rglob("*"))
        assert batch_files == sorted(p.relative_to(single) for p in single.rglob("*"))
        for relative in batch_files:
            if (single / relative).is_file():
                assert (out / sample.stem / relative).read_bytes() == (single / relative).read_bytes()
    assert not (out / "broken").exists()


def test_force_replaces_only_a_batch_output(portfolio: Path, tmp_path: Path) -> None:
    (portfolio / "broken.yaml").unlink()
    out = tmp_path / "out"
    assert run_cli("build", str(portfolio), "-o", str(out), "-j", "1").returncode == 0
    again = run_cli("build", str(portfolio), "-o", str(out))
    assert again.returncode == 2 and "already exists" in again.stderr
    assert run_cli("build", str(portfolio), "-o", str(out), "--force").returncode == 0
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    refused = run_cli("build", str(portfolio), "-o", str(foreign), "--force")
    assert refused.returncode == 2 and "not an output dossier wrote" in refused.stderr


def test_check_a_folder_reports_each_product_in_one_json(portfolio: Path) -> None:
    result = run_cli("check", str(portfolio), "--format", "json")
    assert result.returncode == 2  # the broken file is the most severe outcome
    products = json.loads(result.stdout)["products"]
    assert [Path(p["file"]).name for p in products] == [p.name for p in product_files(portfolio)]
    broken = next(p for p in products if p["file"].endswith("broken.yaml"))
    assert broken["exit_code"] == 2 and "broken.yaml:2" in broken["error"]
    assert all("findings" in p for p in products if p["exit_code"] < 2)


def test_a_folder_without_products_is_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("check", str(empty))
    assert result.returncode == 2 and "no product file" in result.stderr


def test_zip_is_refused_for_a_folder(portfolio: Path, tmp_path: Path) -> None:
    result = run_cli("build", str(portfolio), "-o", str(tmp_path / "o"), "--zip")
    assert result.returncode == 2 and "--zip" in result.stderr
