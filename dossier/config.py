"""A project's config: rules switched off or re-levelled by id, and extra rule packs.

This module only reads the file; the registry (``dossier.rules.registry``) checks the rule ids
it names and applies it.

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

from pydantic import BaseModel, ConfigDict, Field

from dossier.errors import InputError, input_error
from dossier.findings import Severity
from dossier.load import Loaded, load_located

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
    """A loaded config (or the empty one): the data, and where it came from."""

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

    def error(self, field: tuple, message_zh: str, message_en: str, **hints: str) -> InputError:
        """A located error about one of this file's fields (a config given in code has no file)."""
        if self.loaded is None:
            return input_error("<config>", message_zh, message_en, field=".".join(map(str, field)), **hints)
        return self.loaded.error(field, message_zh, message_en, **hints)


def load_config(explicit: Path | None, beside: Path | None = None) -> Config:
    """The config given with --config, else ``dossier.config.yaml`` beside the input, else none."""
    if explicit is not None:
        return Config(load_located(explicit, ConfigFile))
    if beside is not None:
        candidate = beside.parent / CONFIG_NAME
        if candidate.is_file():
            return Config(load_located(candidate, ConfigFile))
    return Config()
