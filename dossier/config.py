"""A project's config: rules switched off or re-levelled by id, and extra rule packs.

```yaml
# dossier.config.yaml, beside the product file or given with --config
rules:
  disable: [QUE-008]
  severity: {QUE-006: error}
  packs: [../company-rules]      # relative to this file
```
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from dossier.findings import Severity
from dossier.load import Loaded, load_located

if TYPE_CHECKING:
    from dossier.rules.registry import RuleSet

CONFIG_NAME = "dossier.config.yaml"


class RulesConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    disable: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    packs: list[str] = Field(default_factory=list)


class ConfigFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rules: RulesConfig = Field(default_factory=RulesConfig)


class Config:
    """A loaded config (or the empty one), able to apply itself to a rule set."""

    def __init__(self, loaded: Loaded[ConfigFile] | None = None) -> None:
        self.loaded = loaded

    @property
    def rules(self) -> RulesConfig:
        return self.loaded.model.rules if self.loaded else RulesConfig()

    @property
    def path(self) -> Path | None:
        return self.loaded.doc.path if self.loaded else None

    def pack_paths(self) -> list[Path]:
        base = self.path.parent if self.path else Path.cwd()
        return [(base / p).resolve() for p in self.rules.packs]

    def apply(self, ruleset: RuleSet) -> None:
        """Switch rules off and re-level them. Raises InputError for an unknown rule id."""
        for index, rule_id in enumerate(self.rules.disable):
            ruleset.disabled.add(self._known(ruleset, rule_id, ("rules", "disable", index)))
        for rule_id, severity in self.rules.severity.items():
            ruleset.severities[self._known(ruleset, rule_id, ("rules", "severity", rule_id))] = severity

    def _known(self, ruleset: RuleSet, rule_id: str, field: tuple) -> str:
        rule = ruleset.get(rule_id)
        if rule is None:
            assert self.loaded is not None
            raise self.loaded.error(
                field,
                f"没有编号为“{rule_id}”的规则。",
                f"No rule has the id '{rule_id}'.",
                hint_zh="用 `dossier rules list` 查看所有规则编号。",
                hint_en="Run `dossier rules list` to see every rule id.",
            )
        return rule.id


def load_config(explicit: Path | None, beside: Path | None = None) -> Config:
    """The config given with --config, else ``dossier.config.yaml`` beside the input, else none."""
    if explicit is not None:
        return Config(load_located(explicit, ConfigFile))
    if beside is not None:
        candidate = beside.parent / CONFIG_NAME
        if candidate.is_file():
            return Config(load_located(candidate, ConfigFile))
    return Config()
