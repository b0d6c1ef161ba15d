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
