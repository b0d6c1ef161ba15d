"""Facts the rules read that free text in the product file only implies, resolved once.

A cell type written as a synonym (CAR T, 嵌合抗原受体T细胞), a vector (质粒, mRNA-LNP), a route
(玻璃体腔注射), a primary endpoint or a control arm is looked up in the pack's vocabularies and
becomes a term id with tags (``msc``, ``capsid``, ``local`` …). Explicit fields of the product
file win over what the vocabulary says. Conditions name these facts as ``resolved.<name>``;
a value the vocabularies do not know is listed in ``unrecognised`` and reported (VOC-*), so the
rules that depend on it do not skip silently.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from dossier.model import Dossier
from dossier.vocabulary import Vocabularies, Vocabulary

Fact = Literal["cell_type", "vector", "route", "editing_system", "primary_endpoint", "control"]
FACT_VOCABULARIES: dict[str, str] = {
    "cell_type": "cell-types",
    "vector": "vectors",
    "route": "routes",
    "editing_system": "editing-systems",
    "primary_endpoint": "endpoints",
    "control": "control-types",
}


class Resolved(BaseModel):
    """What the vocabularies make of the product file's free values."""

    cell_type: str | None = Field(None, description="Term id of product.cell_type (cell-types)")
    cell_type_tags: list[str] = Field(default_factory=list, description="e.g. msc, pluripotent, immune")
    vector: str | None = Field(None, description="Term id of product.vector.type (vectors)")
    viral: bool | None = Field(None, description="A viral vector (explicit product.vector.viral first)")
    viral_capsid: bool | None = Field(None, description="The product carries a viral capsid")
    integrating: bool | None = Field(None, description="The vector integrates (explicit field first)")
    transient_expression: bool | None = None
    route: str | None = Field(None, description="Term id of product.route (routes)")
    route_scope: Literal["local", "systemic"] | None = Field(None, description="Explicit field first")
    editing: Literal["in-vivo", "ex-vivo"] | None = Field(None, description="Where the editing acts")
    editing_system: str | None = Field(None, description="Term id of gene_editing.tool (editing-systems)")
    primary_endpoint: str | None = Field(None, description="Term id of the pivotal primary endpoint")
    endpoint_tags: list[str] = Field(default_factory=list, description="clinical-benefit, surrogate …")
    control: str | None = Field(None, description="Term id of the pivotal control (control-types)")
    control_tags: list[str] = Field(default_factory=list, description="external, concurrent, self …")
    unrecognised: list[Fact] = Field(default_factory=list, description="Values given but not recognised")


def _first(*values: bool | None) -> bool | None:
    return next((v for v in values if v is not None), None)


def _tag(tags: list[str], yes: str, no: str) -> bool | None:
    return True if yes in tags else False if no in tags else None


def _tags(vocabulary: Vocabulary | None, term: str | None) -> list[str]:
    found = vocabulary.terms.get(term) if vocabulary and term else None
    return sorted(found.tags) if found else []


def _resolve(vocabulary: Vocabulary | None, text: str | None) -> str | None:
    return vocabulary.resolve(text) if vocabulary and text else None


def _control(vocabulary: Vocabulary | None, text: str | None) -> str | None:
    """The control's term; an external source named anywhere (二线化疗文献荟萃) makes it external."""
    if vocabulary is None or not text:
        return None
    found = list(dict.fromkeys(m.term for m in vocabulary.finditer(text) if m.term))
    for kind in ("external", "self"):
        for term in found:
            if kind in _tags(vocabulary, term):
                return term
    return found[0] if found else None


def resolve_facts(dossier: Dossier, vocabularies: Vocabularies) -> Resolved:
    """Resolve the free values of one product file through the rule set's vocabularies.

    A company pack that extends a vocabulary (a synonym of MSC, a house name for a vector) is
    heard here too. A vocabulary missing from the packs leaves its facts unresolved.
    """
    product, pivotal = dossier.product, dossier.clinical.pivotal
    given = {
        "cell_type": product.cell_type,
        "vector": product.vector.type if product.vector else None,
        "route": product.route,
        "editing_system": product.gene_editing.tool if product.gene_editing else None,
        "primary_endpoint": pivotal.primary_endpoint,
        "control": pivotal.control,
    }
    vocab = {fact: vocabularies.get(FACT_VOCABULARIES[fact]) for fact in given}
    ids = {fact: _resolve(vocab[fact], text) for fact, text in given.items()}
    ids["control"] = _control(vocab["control"], given["control"])
    tags = {fact: _tags(vocab[fact], ids[fact]) for fact in given}
    vector, vtags = product.vector, tags["vector"]
    explicit = {True: "local", False: "systemic", None: None}[product.local_route]
    route_scope = explicit or next((t for t in tags["route"] if t in ("local", "systemic")), None)
    unrecognised = [fact for fact, text in given.items() if text and ids[fact] is None]
    if "route" in unrecognised and explicit:
        unrecognised.remove("route")
    editing = product.gene_editing
    if vector is None:
        viral = capsid = integrating = transient = None
    else:
        viral = _first(vector.viral, _tag(vtags, "viral", "non-viral"))
        capsid = _first(vector.capsid, _tag(vtags, "capsid", "non-viral"))
        integrating = _first(vector.integrating, _tag(vtags, "integrating", "non-integrating"))
        transient = _first(vector.transient_expression, "transient" in vtags or None)
    return Resolved(
        cell_type=ids["cell_type"],
        cell_type_tags=tags["cell_type"],
        vector=ids["vector"],
        viral=viral,
        viral_capsid=capsid,
        integrating=integrating,
        transient_expression=transient,
        route=ids["route"],
        route_scope=route_scope,  # type: ignore[arg-type]
        editing=None if editing is None else "in-vivo" if editing.in_vivo else "ex-vivo",
        editing_system=ids["editing_system"],
        primary_endpoint=ids["primary_endpoint"],
        endpoint_tags=tags["primary_endpoint"],
        control=ids["control"],
        control_tags=tags["control"],
        unrecognised=unrecognised,  # type: ignore[arg-type]
    )
