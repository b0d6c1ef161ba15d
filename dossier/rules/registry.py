"""The rule registry: rule packs (built-in and a company's), their vocabularies, a project's config.

One path, in this order (``load_rules``):

1. the pack folders: the built-in pack, those given with ``--rules``, those the config names;
2. each pack's rule files (``rules/*.yaml``, one rule a file) and vocabularies
   (``vocabularies/*.yaml``, see ``dossier.vocabulary``; a later pack extends an earlier one);
3. every rule's vocabulary parameters are checked against the merged vocabularies;
4. the config's switches (disable, severity) are checked against the rule ids and applied.

A pack is a folder with ``pack.yaml`` (id, version, title); a folder without it is read as a pack
of the ``*.yaml`` rule files in it. ``dossier.config`` only reads the config file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from dossier.citation import Bilingual
from dossier.config import Config
from dossier.errors import InputError, Problem, input_error
from dossier.findings import Severity
from dossier.load import YamlDoc, as_typed, load, located_error, read_yaml, validate
from dossier.resources import builtin
from dossier.rules.kinds import KINDS
from dossier.rules.rule import Rule, message_problem
from dossier.vocabulary import Vocabularies, VocabularyFile, read_folder

LEGACY_VOCABULARY = "vocabulary.yaml"


class PackInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    version: str
    title: Bilingual
    description: str | None = None


@dataclass
class RuleSet:
    """Every rule known, which are enabled, their severities, and the shared vocabularies."""

    all_rules: list[Rule]
    packs: list[PackInfo]
    vocabularies: Vocabularies
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
                    f"规则 {rule.id} 的检查参数无效：{err['msg']}",
                    f"Invalid check parameter of rule {rule.id}: {err['msg']}",
                    line,
                    column,
                    ".".join(str(p) for p in loc),
                )
            )
        raise InputError(problems) from None
    for lang in ("zh", "en"):
        for key in ("message", "confirm_message"):
            text = getattr(rule, key)
            problem = message_problem(getattr(text, lang), module.VARIABLES) if text else None
            if problem:
                zh, en = problem
                raise located_error(doc, (key, lang), f"规则 {rule.id}：{zh}", f"Rule {rule.id}: {en}")
    rule._params = params
    rule._file = path
    rule._pack = pack
    return rule, doc


def _load_pack(folder: Path) -> tuple[PackInfo, list[tuple[Rule, YamlDoc]], list[VocabularyFile]]:
    """One pack folder: its description, its rules, its vocabulary files."""
    if not folder.is_dir():
        raise input_error(folder, "规则包目录不存在。", "Rule pack folder not found.")
    if (folder / LEGACY_VOCABULARY).is_file():
        raise input_error(
            folder / LEGACY_VOCABULARY,
            "词表已改为 vocabularies/ 目录中每个词表一个文件。",
            "Vocabularies are now one file each in a vocabularies/ folder.",
            hint_zh="参照内置规则包的 checklists/cde-cgt-2023/vocabularies/*.yaml 改写（id、title、terms）。",
            hint_en="Write it as checklists/cde-cgt-2023/vocabularies/*.yaml are (id, title, terms).",
        )
    info_file = folder / "pack.yaml"
    if info_file.is_file():
        info = load(info_file, PackInfo)
        files = sorted((folder / "rules").glob("*.yaml"))
    else:
        info = PackInfo(id=folder.name, version="local", title=Bilingual(zh=folder.name, en=folder.name))
        files = sorted(folder.glob("*.yaml"))
    return info, [_load_rule(f, info.id) for f in files], read_folder(folder)


def _check_vocabularies(loaded: list[tuple[Rule, YamlDoc]], vocabularies: Vocabularies) -> None:
    """Every parameter that names a vocabulary names one that exists."""
    for rule, doc in loaded:
        for key in getattr(KINDS[rule.kind], "VOCABULARIES", ()):
            value = getattr(rule.params, key)
            if value not in vocabularies:
                raise located_error(
                    doc,
                    ("check", key),
                    f"词表“{value}”不存在。已有：{', '.join(sorted(vocabularies))}",
                    f"Vocabulary '{value}' does not exist. Known: {', '.join(sorted(vocabularies))}",
                )


def _apply_config(ruleset: RuleSet, config: Config) -> None:
    """Switch rules off and re-level them. Raises InputError, located, for an unknown rule id."""
    switches = config.rules
    for index, rule_id in enumerate(switches.disable):
        ruleset.disabled.add(_known(ruleset, config, rule_id, ("rules", "disable", index)))
    for rule_id, severity in switches.severity.items():
        ruleset.severities[_known(ruleset, config, rule_id, ("rules", "severity", rule_id))] = severity


def _known(ruleset: RuleSet, config: Config, rule_id: str, field: tuple) -> str:
    rule = ruleset.get(rule_id)
    if rule is None:
        raise config.error(
            field,
            f"没有编号为“{rule_id}”的规则。",
            f"No rule has the id '{rule_id}'.",
            hint_zh="用 `dossier rules list` 查看所有规则编号。",
            hint_en="Run `dossier rules list` to see every rule id.",
        )
    return rule.id


def load_rules(packs: list[Path] | None = None, config: Config | None = None) -> RuleSet:
    """The built-in pack, any company packs, their vocabularies, with the config's switches applied.

    Raises InputError for a malformed rule or vocabulary file, a duplicate id, a rule naming an
    unknown vocabulary, or a config naming an unknown rule.
    """
    config = config or Config()
    folders = [default_pack(), *(packs or []), *config.pack_paths()]
    infos, loaded, vocabularies = [], [], Vocabularies()
    seen: dict[str, Path] = {}
    for folder in folders:
        info, rules, specs = _load_pack(Path(folder))
        infos.append(info)
        for spec in specs:
            vocabularies.add(spec)
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
    _check_vocabularies(loaded, vocabularies)
    ruleset = RuleSet([r for r, _ in loaded], infos, vocabularies)
    _apply_config(ruleset, config)
    return ruleset
