"""Rules: YAML files that pick a check kind, give it parameters, and cite their source."""

from dossier.rules.engine import Context, evaluate
from dossier.rules.registry import RuleSet, load_rules

__all__ = ["Context", "RuleSet", "evaluate", "load_rules"]
