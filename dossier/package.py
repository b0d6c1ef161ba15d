"""Assemble the meeting package in memory, then write it safely: all or nothing, never over work.

``build_package`` renders every document to bytes and computes the manifest; nothing touches the
disk until everything has rendered. ``write_package`` hands the bytes to ``dossier.write``
(staging beside the target, fsync, swap) as the team's folder or as the submission archive.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dossier import __version__, archive, documents, docxkit, headings, markup, render, templates, write
from dossier.check import check_project
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
    submit: set[str] = field(default_factory=set)  # the paths sent to CDE


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _docx(env, spec, ctx, page, reference) -> bytes:
    text = headings.number_headings(templates.render(env, spec.template, ctx), page.lang)
    document = render.build_document(markup.parse(text), page, reference)
    return docxkit.docx_bytes(document, page.when)


def build_package(project: Project, ruleset: RuleSet, options: BuildOptions) -> Package:
    """Every document of the package as bytes, plus manifest.json. Raises InputError."""
    lang = options.lang
    findings = check_project(project, ruleset, options.lang)
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
            code=product.code or "",
        )
        package.files[names[spec.key]] = _docx(env, spec, ctx, page, options.reference_doc)
        if spec.submit:
            package.submit.add(names[spec.key])
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
    documents_info = {names[s.key]: _document_info(s) for s in specs}
    data = {
        "tool": {"name": "dossier", "version": __version__},
        "input": {"file": project.path.name, "sha256": sha256(project.path.read_bytes())},
        "matrix": {"id": project.matrix.id, "version": project.matrix.version},
        "rule_packs": ruleset.versions(),
        "stage": project.dossier.meeting.stage.value,
        "lang": lang,
        "document_date": documents.document_date(project).isoformat(),
        "files": [
            {
                "path": path,
                "sha256": sha256(data),
                "bytes": len(data),
                "submit": submit.get(path, False),
                **documents_info.get(path, {}),
            }
            for path, data in package.files.items()
        ],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _document_info(spec) -> dict:
    """What ``dossier verify`` needs to know of a document: which one, and its annex symbols."""
    info: dict = {"document": spec.key}
    req = spec.requirement
    if req is not None:
        info |= {"symbols": req.cell.raw, "revision_history": req.revision_history, "brief": req.brief}
    return info


def submission(package: Package) -> dict[str, bytes]:
    """The documents sent to CDE: never ``internal/`` (review report, checklist), never the manifest."""
    return {
        path: data
        for path, data in package.files.items()
        if path in package.submit and not path.startswith("internal/") and path != "manifest.json"
    }


def zip_target(target: Path) -> Path:
    """The archive path for ``-o target --zip``: exactly as asked, ``.zip`` appended when missing."""
    return target if target.name.lower().endswith(".zip") else target.with_name(target.name + ".zip")


def check_output(
    target: Path, *, force: bool = False, as_zip: bool = False, inputs: Iterable[Path | None] = ()
) -> Path:
    """Apply the output policy before any work is done, so a refused ``-o`` fails fast."""
    if as_zip:
        return write.check_target(zip_target(target), inputs=inputs, force=force, folder=False)
    return write.check_target(target, inputs=inputs, force=force, folder=True)


def write_package(
    package: Package,
    target: Path,
    *,
    force: bool = False,
    as_zip: bool = False,
    inputs: Iterable[Path | None] = (),
) -> Path:
    """Write the whole package as the folder ``target``, or with ``as_zip`` the submission archive.

    The folder keeps everything (the team needs ``internal/`` and the manifest); the archive
    holds only what is sent to CDE, under one folder named like the archive. Both are written
    through :mod:`dossier.write`: policy, lock, staging, fsync, swap. Raises InputError.
    """
    if not as_zip:
        return write.write_folder(package.files, target, inputs=inputs, force=force)
    target = zip_target(target)
    stem = target.name[: -len(".zip")] or "package"
    members = {f"{stem}/{path}": data for path, data in submission(package).items()}
    data = archive.zip_bytes(members, dt.date(1980, 1, 1))
    return write.write_file(data, target, inputs=inputs, force=force)
