"""Assemble the meeting package in memory, then write it safely: all or nothing, never over work.

``build_package`` renders every document to bytes and computes the manifest; nothing touches the
disk until everything has rendered. ``write_package`` writes into a temporary folder beside the
target and moves it into place in one rename.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from dossier import __version__, archive, documents, docxkit, headings, markup, render, templates
from dossier.check import check_project
from dossier.errors import input_error
from dossier.project import Project
from dossier.rules.registry import RuleSet


@dataclass(frozen=True)
class BuildOptions:
    lang: str = "zh"
    templates: Path | None = None
    reference_doc: Path | None = None
    checklist: Path | None = None


@dataclass
class Package:
    """Package-relative path -> file bytes, in package order."""

    files: dict[str, bytes] = field(default_factory=dict)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _docx(env, spec, ctx, page, reference) -> bytes:
    text = headings.number_headings(templates.render(env, spec.template, ctx), page.lang)
    document = render.build_document(markup.parse(text), page, reference)
    return docxkit.docx_bytes(document, page.when)


def build_package(project: Project, ruleset: RuleSet, options: BuildOptions) -> Package:
    """Every document of the package as bytes, plus manifest.json. Raises InputError."""
    lang = options.lang
    findings = check_project(project, ruleset)
    requirements = project.requirements()
    specs = documents.document_specs(requirements)
    names = documents.file_names(specs, lang)
    statuses = _statuses(project, options.checklist)
    base = documents.context(project, ruleset, findings, lang, specs, statuses, company=options.templates)
    env = templates.environment(options.templates, lang)
    when = documents.document_date(project)
    product = project.dossier.product
    package = Package()
    for spec in specs:
        ctx = documents.for_document(base, spec, project, lang, company=options.templates)
        page = render.Page(
            product=product.name_en if lang == "en" else product.name_zh,
            title=spec.title(lang),
            author=product.applicant,
            lang=lang,
            when=when,
        )
        package.files[names[spec.key]] = _docx(env, spec, ctx, page, options.reference_doc)
    _add_checklist(package, project, ruleset, findings, lang)
    package.files["manifest.json"] = _manifest(project, ruleset, package, specs, names, lang)
    return package


def _statuses(project: Project, checklist: Path | None) -> dict[str, str]:
    if checklist is None:
        return {}
    from dossier.checklist import read_statuses

    return read_statuses(checklist, project)


def _add_checklist(package: Package, project: Project, ruleset: RuleSet, findings, lang: str) -> None:
    """The team's tracking checklist: internal, never sent to CDE."""
    from dossier.checklist import checklist_bytes

    name = "internal/资料清单.xlsx" if lang != "en" else "internal/Checklist.xlsx"
    package.files[name] = checklist_bytes(project, ruleset, findings, lang)


def _manifest(project: Project, ruleset: RuleSet, package: Package, specs, names, lang: str) -> bytes:
    submit = {names[s.key]: s.submit for s in specs}
    data = {
        "tool": {"name": "dossier", "version": __version__},
        "input": {"file": project.path.name, "sha256": sha256(project.path.read_bytes())},
        "matrix": {"id": project.matrix.id, "version": project.matrix.version},
        "rule_packs": ruleset.versions(),
        "stage": project.dossier.meeting.stage.value,
        "lang": lang,
        "document_date": documents.document_date(project).isoformat(),
        "files": [
            {"path": path, "sha256": sha256(data), "bytes": len(data), "submit": submit.get(path, False)}
            for path, data in package.files.items()
        ],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _refuse_overwrite(target: Path) -> None:
    raise input_error(
        target,
        "输出已存在，未覆盖。",
        "The output already exists; nothing was overwritten.",
        hint_zh="换一个输出位置，或加 --force 替换。",
        hint_en="Choose another output, or add --force to replace it.",
    )


def write_package(package: Package, target: Path, *, force: bool = False, as_zip: bool = False) -> Path:
    """Write the package as a folder (or one .zip) at ``target``, atomically.

    Raises InputError when the target exists and ``force`` is not given. On any error nothing
    is left behind: the temporary folder or file is removed and an existing target is kept.
    """
    target = target.with_suffix(".zip") if as_zip and target.suffix != ".zip" else target
    if target.exists() and not force:
        _refuse_overwrite(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if as_zip:
        return _write_zip(package, target)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(staging, 0o777 & ~mask)
    try:
        for path, data in package.files.items():
            file = staging / path
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(data)
        _swap_in(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def write_file(data: bytes, target: Path, *, force: bool = False) -> Path:
    """Write one file atomically (temporary file beside it, then rename); never over work unasked."""
    if target.exists() and not force:
        _refuse_overwrite(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)
    try:
        Path(temp).write_bytes(data)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target


def _swap_in(staging: Path, target: Path) -> None:
    """Move the staged folder to the target; an old target is removed only after the move."""
    if not target.exists():
        os.replace(staging, target)
        return
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    os.replace(target, old)
    try:
        os.replace(staging, target)
    except BaseException:
        os.replace(old, target)
        raise
    if old.is_dir():
        shutil.rmtree(old)
    else:
        old.unlink()


def _write_zip(package: Package, target: Path) -> Path:
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)
    try:
        folder = {f"{target.stem}/{path}": data for path, data in package.files.items()}
        Path(temp).write_bytes(archive.zip_bytes(folder, dt.date(1980, 1, 1)))
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target
