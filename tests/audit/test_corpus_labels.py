"""Keeps the hand labels of the real-layout corpus (tests/audit/corpus/*/labels.yaml) honest.

Every label file must have its keys, quote doc.txt exactly, and, for the kinds whose result follows from
the operands alone (rate, share, table_rate, sum, table_sum, diff, yoy), carry an `expected` that is the
recomputation of its operands at the stated precision (Decimal, round half up) and a `consistent` flag that
agrees with stated vs expected. Kinds that need a rule or a judgement (score_rule, count, ...) are checked
for form only. Nothing here runs the auditor: these are the labels it is measured against.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

CORPUS = Path(__file__).parent / "corpus"
DOCS = sorted(p.parent for p in CORPUS.glob("*/labels.yaml"))

DOC_KEYS = {"id", "source", "province", "level", "year", "genre", "layout", "complete", "relations"}
RELATION_KEYS = {"id", "kind", "text", "stated", "operands", "expected", "consistent", "planted"}
KINDS = {
    "rate", "share", "sum", "yoy", "diff", "score_sum", "score_le_max", "score_rule", "weight_sum",
    "grade", "unit", "table_rate", "table_sum", "count", "staffing", "formula", "other",
}
LEVELS = {"省", "市", "县", "乡镇"}
SEVERITIES = {"错误", "提示"}
RATE_KINDS = {"rate", "share", "table_rate"}
SUM_KINDS = {"sum", "table_sum"}
NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")


def load(doc: Path) -> dict[str, Any]:
    data = yaml.safe_load((doc / "labels.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{doc.name}/labels.yaml: expected a mapping"
    return data


def number(written: str) -> tuple[Decimal, int]:
    """The value of a figure as written ("1,234.5", "98.50%", "-3") and its number of decimals."""
    m = NUMBER.search(str(written))
    assert m, f"no number in {written!r}"
    raw = m.group().replace(",", "")
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    return Decimal(raw), decimals


def at(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def recompute(kind: str, stated: str, operands: list[str]) -> Decimal:
    """The result the operands give, rounded half up to the precision of the stated figure."""
    values = [number(o)[0] for o in operands]
    decimals = number(stated)[1]
    if kind in RATE_KINDS:
        assert len(values) == 2, f"{kind} takes [numerator, denominator], got {operands}"
        return at(values[0] / values[1] * 100, decimals)
    if kind in SUM_KINDS:
        return at(sum(values, Decimal(0)), decimals)
    if kind == "diff":
        assert len(values) == 2, f"diff takes [minuend, subtrahend], got {operands}"
        return at(values[0] - values[1], decimals)
    assert kind == "yoy" and len(values) == 2, f"yoy takes [this year, last year], got {operands}"
    return at((values[0] - values[1]) / values[1] * 100, decimals)


def test_corpus_is_there() -> None:
    assert len(DOCS) >= 6
    assert len({load(d)["id"] for d in DOCS}) == len(DOCS)


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_labels(doc: Path) -> None:
    data = load(doc)
    name = doc.name
    assert data.keys() >= DOC_KEYS, f"{name}: missing {sorted(DOC_KEYS - data.keys())}"
    assert data["id"] == name, f"{name}: id {data['id']!r} differs from the folder name"
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name), f"{name}: ids are ascii, lowercase, dashes"
    assert str(data["source"]).startswith(("http://", "https://")), f"{name}: source must be an address"
    assert data["level"] in LEVELS, f"{name}: level {data['level']!r}"
    assert 2000 <= int(data["year"]) <= 2030
    assert isinstance(data["complete"], bool)
    text = (doc / "doc.txt").read_text(encoding="utf-8")
    relations = data["relations"]
    assert relations, f"{name}: no relations"
    assert len({r["id"] for r in relations}) == len(relations), f"{name}: duplicate relation ids"
    for rel in relations:
        where = f"{name} {rel.get('id')}"
        assert rel.keys() >= RELATION_KEYS, f"{where}: missing {sorted(RELATION_KEYS - rel.keys())}"
        assert rel["kind"] in KINDS, f"{where}: kind {rel['kind']!r}"
        assert isinstance(rel["consistent"], bool) and isinstance(rel["planted"], bool), where
        assert text.count(rel["text"]) == 1, f"{where}: text occurs {text.count(rel['text'])} times in doc.txt"
        assert str(rel["stated"]) in rel["text"], f"{where}: stated {rel['stated']!r} is not in its text"
        for op in rel["operands"]:
            assert str(op) in text, f"{where}: operand {op!r} is not in doc.txt"
        if rel["consistent"]:
            assert not rel["planted"], f"{where}: a planted slip must make the relation inconsistent"
        else:
            assert rel.get("severity") in SEVERITIES, f"{where}: an inconsistent relation needs 错误 or 提示"
        if rel["kind"] in RATE_KINDS | SUM_KINDS | {"diff", "yoy"}:
            got = recompute(rel["kind"], str(rel["stated"]), [str(o) for o in rel["operands"]])
            expected, _ = number(str(rel["expected"]))
            assert got == expected, f"{where}: operands give {got}, label says {rel['expected']}"
            stated, _ = number(str(rel["stated"]))
            if rel["kind"] in {"diff", "yoy"}:  # direction is carried by the wording (增长/下降)
                stated, got = abs(stated), abs(got)
            assert rel["consistent"] == (stated == got), f"{where}: consistent flag disagrees with {stated} vs {got}"


def cell_text(tables: list[list[list[Any]]], cell: dict[str, int]) -> str:
    rows = tables[cell["table"] - 1]
    return str(rows[cell["row"] - 1][cell["col"] - 1])


@pytest.mark.parametrize("doc", [d for d in DOCS if (d / "source.yaml").exists()],
                         ids=[d.name for d in DOCS if (d / "source.yaml").exists()])
def test_source_cells(doc: Path) -> None:
    """source.yaml (blocks for the .xlsx/.docx/.pdf renderings) holds each labelled cell's stated value."""
    blocks = yaml.safe_load((doc / "source.yaml").read_text(encoding="utf-8"))
    assert isinstance(blocks, list) and blocks
    tables: list[list[list[Any]]] = []
    for block in blocks:
        assert isinstance(block, dict) and len(block) == 1 and next(iter(block)) in {"paragraph", "table"}
        if "table" in block:
            rows = block["table"]["rows"]
            assert rows and all(isinstance(r, list) for r in rows)
            tables.append(rows)
    cells = [r for r in load(doc)["relations"] if "cell" in r]
    assert cells, f"{doc.name}: source.yaml but no relation names a cell"
    for rel in cells:
        got = cell_text(tables, rel["cell"])
        assert str(rel["stated"]) in got, f"{doc.name} {rel['id']}: cell {rel['cell']} holds {got!r}"
