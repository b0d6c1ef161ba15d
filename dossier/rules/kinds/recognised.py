"""recognised: a free value (cell type, vector, route …) the vocabularies do not know.

The rules that depend on the resolved fact cannot apply, so instead of skipping silently the
finding names them; a company adds the synonym to its pack's vocabulary, or sets the explicit
field where the model has one (``product.vector.capsid``, ``product.local_route``).
"""

from __future__ import annotations

from pydantic import Field, model_validator

from dossier.rules.conditions import check_path, resolve
from dossier.rules.facts import FACT_VOCABULARIES
from dossier.rules.kinds._base import Hit
from dossier.rules.kinds._base import Params as Base

VARIABLES = {"value", "rules"}
STANDALONE = False


class Params(Base):
    fact: str = Field(description="A resolved fact: " + ", ".join(FACT_VOCABULARIES))
    field: str = Field(description="The product-file field holding the free value")
    rules: list[str] = Field(min_length=1, description="The rules that read this fact")

    @model_validator(mode="after")
    def _known(self) -> Params:
        if self.fact not in FACT_VOCABULARIES:
            raise ValueError(f"unknown fact '{self.fact}'; known: {', '.join(FACT_VOCABULARIES)}")
        check_path(self.field)
        return self


def run(params: Params, ctx) -> list[Hit]:
    if params.fact not in (resolve(ctx.data, "resolved.unrecognised") or []):
        return []
    value = resolve(ctx.data, params.field)
    return [Hit({"value": value, "rules": ", ".join(params.rules)}, location=params.field)]
