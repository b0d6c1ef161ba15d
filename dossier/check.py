"""Run every check on a project and return one sorted list of findings."""

from __future__ import annotations

from dossier.findings import Finding, sort_findings
from dossier.project import Project


def check_project(project: Project) -> list[Finding]:
    """All findings for a project: matrix, content and question rules."""
    findings: list[Finding] = []
    return sort_findings(findings)
