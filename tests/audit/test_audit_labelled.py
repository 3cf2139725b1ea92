"""Labelled set: every altered figure that takes part in a checked relation is found."""

from __future__ import annotations

import pytest

from jixiao.audit.documents import document_from_text, read_document
from tests.audit.audit_helpers import DATA, SEEDS, document, seed_path
from tests.audit.audit_labelled import missed, mutations

SYNTHETIC = sorted(p.name for p in (DATA / "synthetic").glob("*_clean.txt"))


@pytest.mark.parametrize("kind", ["modelled", "original"])
@pytest.mark.parametrize("seed", SEEDS)
def test_every_altered_seed_figure_is_found(seed: str, kind: str) -> None:
    doc = read_document(document(kind, seed))
    _, muts = mutations(doc)
    assert len(muts) >= 5  # the seeds carry many checkable relations
    assert list(missed(doc)) == []


@pytest.mark.parametrize("name", SYNTHETIC)
def test_every_altered_synthetic_figure_is_found(name: str) -> None:
    doc = document_from_text((DATA / "synthetic" / name).read_text(encoding="utf-8"), name)
    _, muts = mutations(doc)
    assert len(muts) >= 8
    assert list(missed(doc)) == []


def test_mutation_counts_per_seed() -> None:
    counts = {s: len(mutations(read_document(seed_path(s)))[1]) for s in SEEDS}
    assert all(n >= 5 for n in counts.values()), counts
