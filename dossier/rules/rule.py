"""The rule file model: id, metadata, applicability, check kind and parameters, citation."""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from dossier.citation import Bilingual, Citation
from dossier.findings import Severity
from dossier.model import Modality, Source, Stage
from dossier.rules.conditions import Condition

RULE_ID = r"^[A-Z][A-Z0-9]{1,9}-[A-Z0-9]{1,10}(-[A-Z0-9]{1,10})?$"


class Applies(BaseModel):
    """When a rule applies: stages, modalities, cell sources and a condition, all optional."""

    model_config = ConfigDict(extra="forbid")

    stages: list[Stage] | None = None
    modalities: list[Modality] | None = None
    sources: list[Source] | None = None
    when: Condition | None = None


class Rule(BaseModel):
    """One rule, as read from one YAML file."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=RULE_ID)
    aliases: list[str] = Field(default_factory=list)
    title: Bilingual = Field(description="One line: what the rule checks")
    topic: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    severity: Severity
    applies: Applies = Field(default_factory=Applies)
    check: dict[str, Any] = Field(description="'kind' and that kind's parameters")
    message: Bilingual
    confirm_message: Bilingual | None = Field(
        None, description="Shown (as info) when the facts needed are not in the file"
    )
    citation: Citation
    _params: Any = PrivateAttr(None)
    _file: Path | None = PrivateAttr(None)
    _pack: str = PrivateAttr("")

    @property
    def kind(self) -> str:
        return str(self.check.get("kind", ""))

    @property
    def params(self) -> Any:
        return self._params

    @property
    def file(self) -> Path | None:
        return self._file

    @property
    def pack(self) -> str:
        return self._pack

    def confirm_text(self) -> Bilingual:
        if self.confirm_message is not None:
            return self.confirm_message
        return Bilingual(
            zh=f"请确认：{self.title.zh}（产品文件中没有可供判断的信息）",
            en=f"Please confirm: {self.title.en} (the product file does not say)",
        )


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields a message uses."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def message_problem(text: str, variables: set[str]) -> tuple[str, str] | None:
    """Why a rule message cannot be filled in with the kind's ``variables`` (zh, en), or None.

    Only bare ``{name}`` fields naming a variable the check kind provides are allowed: no
    positional ``{}``, attribute or index access (``{question.__class__}``, ``{x[0]}``), format
    spec or conversion (``{count:d}``, ``{x!r}``), which could fail or leak when the finding is
    written. Literal braces are written ``{{`` and ``}}``.
    """
    known = ", ".join(sorted(variables)) or "-"
    try:
        parsed = list(string.Formatter().parse(text))
        fields = [(name, spec, conv) for _, name, spec, conv in parsed if name is not None]
    except ValueError as exc:
        return (
            f"消息中的花括号不成对（{exc}）；字面花括号请写成 {{{{ 或 }}}}。",
            f"Unbalanced braces in the message ({exc}); write a literal brace as {{{{ or }}}}.",
        )
    for name, spec, conversion in fields:
        if name not in variables:
            return (
                f"消息中使用了未知变量 {{{name}}}；此检查类型提供：{known}",
                f"The message uses unknown variable {{{name}}}; this kind provides: {known}",
            )
        if spec or conversion:
            extra = spec or f"!{conversion}"
            return (
                f"消息字段 {{{name}}} 不支持格式说明或转换（“{extra}”）；请写成 {{{name}}}。",
                f"Message field {{{name}}} may not have a format spec or conversion ('{extra}');"
                f" write {{{name}}}.",
            )
    return None
