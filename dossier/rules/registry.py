"""Load rule packs (built-in and a company's) and apply a project's config to them.

A pack is a folder: ``pack.yaml`` (id, version, title), ``rules/*.yaml`` (one rule a file) and
an optional ``vocabulary.yaml`` (named word lists the question kinds use; a company pack extends
a list by naming it again). A folder without ``pack.yaml`` is read as a pack of the ``*.yaml``
rule files in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from dossier.citation import Bilingual
from dossier.config import Config
from dossier.errors import InputError, Problem, input_error
from dossier.findings import Severity
from dossier.load import YamlDoc, as_typed, load, located_error, read_yaml, validate
from dossier.resources import builtin
from dossier.rules.kinds import KINDS
from dossier.rules.rule import Rule, placeholders


class PackInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    version: str
    title: Bilingual
    description: str | None = None


class Terms(BaseModel):
    model_config = ConfigDict(extra="forbid")

    zh: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)


class VocabularyFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    vocabularies: dict[str, Terms]


@dataclass
class RuleSet:
    """Every rule known, which are enabled, their severities, and the shared vocabularies."""

    all_rules: list[Rule]
    packs: list[PackInfo]
    vocabularies: dict[str, Terms]
    disabled: set[str] = field(default_factory=set)
    severities: dict[str, Severity] = field(default_factory=dict)

    @property
    def rules(self) -> list[Rule]:
        return [r for r in self.all_rules if r.id not in self.disabled]

    def get(self, rule_id: str) -> Rule | None:
        wanted = rule_id.strip().upper()
        return next((r for r in self.all_rules if r.id == wanted or wanted in r.aliases), None)

    def versions(self) -> dict[str, str]:
        return {p.id: p.version for p in self.packs}


def default_pack() -> Path:
    return builtin("checklists") / "cde-cgt-2023"


def _load_rule(path: Path, pack: str) -> tuple[Rule, YamlDoc]:
    doc = read_yaml(path)
    rule = validate(doc, Rule)
    if rule.kind not in KINDS:
        raise located_error(
            doc,
            ("check", "kind"),
            f"未知的检查类型“{rule.kind}”。可用：{', '.join(sorted(KINDS))}",
            f"Unknown check kind '{rule.kind}'. Available: {', '.join(sorted(KINDS))}",
        )
    module = KINDS[rule.kind]
    try:
        check = as_typed(rule.check, module.Params, ("check",), doc.marks.source)  # text as typed
        params = module.Params.model_validate(check)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = ("check", *[p for p in err["loc"] if isinstance(p, (str, int))])
            line, column = doc.marks.locate(loc)
            problems.append(
                Problem(
                    str(path),
                    f"检查参数无效：{err['msg']}",
                    f"Invalid check parameter: {err['msg']}",
                    line,
                    column,
                    ".".join(str(p) for p in loc),
                )
            )
        raise InputError(problems) from None
    for lang in ("zh", "en"):
        for key in ("message", "confirm_message"):
            text = getattr(rule, key)
            unknown = placeholders(getattr(text, lang)) - module.VARIABLES if text else set()
            if unknown:
                raise located_error(
                    doc,
                    (key, lang),
                    f"消息中使用了未知变量 {sorted(unknown)}；此检查类型提供：{sorted(module.VARIABLES)}",
                    f"The message uses unknown variable(s) {sorted(unknown)}; this kind provides"
                    f" {sorted(module.VARIABLES)}",
                )
    rule._params = params
    rule._file = path
    rule._pack = pack
    return rule, doc


def _load_pack(folder: Path) -> tuple[PackInfo, list[tuple[Rule, YamlDoc]], dict[str, Terms]]:
    if not folder.is_dir():
        raise input_error(folder, "规则包目录不存在。", "Rule pack folder not found.")
    info_file = folder / "pack.yaml"
    if info_file.is_file():
        info = load(info_file, PackInfo)
        files = sorted((folder / "rules").glob("*.yaml"))
    else:
        info = PackInfo(id=folder.name, version="local", title=Bilingual(zh=folder.name, en=folder.name))
        files = sorted(p for p in folder.glob("*.yaml") if p.name != "vocabulary.yaml")
    vocab_file = folder / "vocabulary.yaml"
    vocab = load(vocab_file, VocabularyFile).vocabularies if vocab_file.is_file() else {}
    return info, [_load_rule(f, info.id) for f in files], vocab


def _merge(into: dict[str, Terms], more: dict[str, Terms]) -> None:
    for name, terms in more.items():
        if name in into:
            into[name] = Terms(zh=[*into[name].zh, *terms.zh], en=[*into[name].en, *terms.en])
        else:
            into[name] = terms


def _check_vocabularies(loaded: list[tuple[Rule, YamlDoc]], vocab: dict[str, Terms]) -> None:
    for rule, doc in loaded:
        for key, value in rule.params.model_dump().items():
            if key in ("generic", "heads", "protected") and value not in vocab:
                raise located_error(
                    doc,
                    ("check", key),
                    f"词表“{value}”不存在。已有：{', '.join(sorted(vocab))}",
                    f"Vocabulary '{value}' does not exist. Known: {', '.join(sorted(vocab))}",
                )


def load_rules(packs: list[Path] | None = None, config: Config | None = None) -> RuleSet:
    """The built-in pack, any company packs, with the config's switches applied.

    Raises InputError for a malformed rule file, a duplicate id, or a config naming an
    unknown rule.
    """
    config = config or Config()
    folders = [default_pack(), *(packs or []), *config.pack_paths()]
    infos, loaded, vocab = [], [], {}
    seen: dict[str, Path] = {}
    for folder in folders:
        info, rules, terms = _load_pack(Path(folder))
        infos.append(info)
        _merge(vocab, terms)
        for rule, doc in rules:
            for name in (rule.id, *rule.aliases):
                if name in seen:
                    raise located_error(
                        doc,
                        ("id",),
                        f"规则编号“{name}”已在 {seen[name]} 中使用。",
                        f"Rule id '{name}' is already used by {seen[name]}.",
                    )
                seen[name] = doc.path
            loaded.append((rule, doc))
    _check_vocabularies(loaded, vocab)
    ruleset = RuleSet([r for r, _ in loaded], infos, vocab)
    config.apply(ruleset)
    return ruleset
