"""Keeps the hand labels of the real-layout corpus (tests/audit/corpus/*/labels.yaml) and of the held-out sets
(tests/audit/heldout/*/labels.yaml, tests/audit/heldout2/*/labels.yaml, tests/audit/heldout3/*/labels.yaml and
tests/audit/heldout4/*/labels.yaml, tests/audit/heldout5/*/labels.yaml, tests/audit/heldout6/*/labels.yaml,
tests/audit/heldout7/*/labels.yaml, tests/audit/heldout8/*/labels.yaml, tests/audit/heldout9/*/labels.yaml and
tests/audit/heldout10/*/labels.yaml, tests/audit/heldout11/*/labels.yaml, tests/audit/heldout12/*/labels.yaml and
tests/audit/heldout13/*/labels.yaml, same format,
never used to build the rules)
honest.

Every label file must have its keys, quote doc.txt exactly, and, for the kinds whose result follows from
the operands alone (rate, share, table_rate, sum, table_sum, score_sum, weight_sum, diff, yoy, count) or for
any relation that states its own `formula`, carry an `expected` that is the recomputation of its operands at
the stated precision (Decimal, round half up) and a `consistent` flag that agrees with stated vs expected
under the relation's `compare` mode and `direction`. Kinds that need a rule or a judgement (score_rule,
grade, ...) are checked for form only. Nothing here runs the auditor: these are the labels it is measured
against. Format: tests/audit/corpus/README.md.
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

CORPUS = Path(__file__).parent / "corpus"
HELDOUT = Path(__file__).parent / "heldout"
HELDOUT2 = Path(__file__).parent / "heldout2"
HELDOUT3 = Path(__file__).parent / "heldout3"
HELDOUT4 = Path(__file__).parent / "heldout4"
HELDOUT5 = Path(__file__).parent / "heldout5"
HELDOUT6 = Path(__file__).parent / "heldout6"
HELDOUT7 = Path(__file__).parent / "heldout7"
HELDOUT8 = Path(__file__).parent / "heldout8"
HELDOUT9 = Path(__file__).parent / "heldout9"
HELDOUT10 = Path(__file__).parent / "heldout10"
HELDOUT11 = Path(__file__).parent / "heldout11"
HELDOUT12 = Path(__file__).parent / "heldout12"
HELDOUT13 = Path(__file__).parent / "heldout13"
SETS = (
    CORPUS,
    HELDOUT,
    HELDOUT2,
    HELDOUT3,
    HELDOUT4,
    HELDOUT5,
    HELDOUT6,
    HELDOUT7,
    HELDOUT8,
    HELDOUT9,
    HELDOUT10,
    HELDOUT11,
    HELDOUT12,
    HELDOUT13,
)
DOCS = [d for folder in SETS for d in sorted(p.parent for p in folder.glob("*/labels.yaml"))]

DOC_KEYS = {"id", "source", "province", "level", "year", "genre", "layout", "complete", "relations"}
RELATION_KEYS = {"id", "kind", "text", "stated", "operands", "expected", "consistent", "planted"}
KINDS = {
    "rate", "share", "sum", "yoy", "diff", "score_sum", "score_le_max", "score_rule", "weight_sum",
    "grade", "unit", "table_rate", "table_sum", "count", "staffing", "formula", "other",
}  # fmt: skip
LEVELS = {"省", "市", "县", "乡镇"}
SEVERITIES = {"错误", "提示"}
COMPARES = {"eq", "le", "ge", "rounding"}
NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")

# The formula a kind implies when a relation gives none; operands are a, b, c, ... in order.
DEFAULT_FORMULA = {
    "rate": "a / b * 100",
    "share": "a / b * 100",
    "table_rate": "a / b * 100",
    "sum": "+",
    "table_sum": "+",
    "score_sum": "+",
    "weight_sum": "+",
    "diff": "a - b",
    "yoy": "(a - b) / b * 100",
    "count": "len",
}
SIGNED_KINDS = {"diff", "yoy"}  # the direction is in the wording (增长/下降): magnitudes are compared

_OPS: dict[type, Callable[[Decimal, Decimal], Decimal]] = {
    ast.Add: lambda x, y: x + y,
    ast.Sub: lambda x, y: x - y,
    ast.Mult: lambda x, y: x * y,
    ast.Div: lambda x, y: x / y,
}


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


def evaluate(formula: str, values: list[Decimal]) -> Decimal:
    """+ - * / and abs() over the operands named a, b, c, ... ("+" adds them all), in Decimal."""
    if formula == "+":
        return sum(values, Decimal(0))
    names = {chr(ord("a") + i): v for i, v in enumerate(values)}

    def ev(node: ast.AST) -> Decimal:
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](ev(node.left), ev(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -ev(node.operand)
        if isinstance(node, ast.Name) and node.id in names:
            return names[node.id]
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            return Decimal(str(node.value))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "abs":
            return abs(ev(node.args[0]))
        raise AssertionError(f"unsupported formula element in {formula!r}: {ast.dump(node)}")

    return ev(ast.parse(formula, mode="eval"))


def formula_of(rel: dict[str, Any]) -> str | None:
    """The formula the relation is recomputed with, or None for kinds checked for form only."""
    formula = rel.get("formula") or DEFAULT_FORMULA.get(rel["kind"])
    if formula is None or not NUMBER.search(str(rel["expected"])):
        return None
    return str(formula)


def compute(rel: dict[str, Any], formula: str, values: list[Decimal] | None = None) -> Decimal:
    if formula == "len":
        return Decimal(len(rel["operands"]))
    if values is None:
        values = [number(str(o))[0] for o in rel["operands"]]
    return evaluate(formula, values)


def rounding_span(rel: dict[str, Any], formula: str) -> tuple[Decimal, Decimal]:
    """Smallest and largest result with every operand moved by half a unit of its last written digit."""
    spans = []
    for op in rel["operands"]:
        v, d = number(str(op))
        h = Decimal("0.5").scaleb(-d)
        spans.append((v - h, v + h))
    assert len(spans) <= 12, f"{rel['id']}: too many operands for a rounding check"
    results = [compute(rel, formula, list(corner)) for corner in itertools.product(*spans)]
    return min(results), max(results)


def agrees(rel: dict[str, Any], formula: str, value: Decimal) -> bool:
    """Whether the stated figure agrees with the recomputed value under the relation's compare mode."""
    stated, decimals = number(str(rel["stated"]))
    compare = rel.get("compare", "eq")
    if compare == "le":  # listed parts may fall short of the total (主要包括, a list cut off by the excerpt)
        return value <= stated
    if compare == "ge":  # the stated figure may not exceed the computed limit (实有 ≤ 编制)
        return stated <= value
    signed = rel["kind"] in SIGNED_KINDS or "direction" in rel
    if "direction" in rel and (value > 0 if rel["direction"] == "减" else value < 0):
        return False
    if compare == "rounding":  # reachable from the operands within their own rounding
        lo, hi = rounding_span(rel, formula)
        if signed:
            lo, hi = (abs(lo), abs(hi)) if lo >= 0 else (abs(hi), abs(lo))
            stated = abs(stated)
        half = Decimal("0.5").scaleb(-decimals)
        return stated - half <= hi and stated + half > lo
    got = at(value, decimals)
    return abs(stated) == abs(got) if signed else stated == got


def test_corpus_is_there() -> None:
    assert len(DOCS) >= 6
    assert len({load(d)["id"] for d in DOCS}) == len(DOCS)  # ids unique across the corpus and the held-out sets


# Each held-out set as built: documents, relations, documents rendered from a source.yaml (.xlsx, .docx, .pdf) at least
# (None: not asked of that set), and for the sets built for the core genre, the documents of 自评表/自评报告/评价报告 at
# least — two thirds of the set and every score kind labelled — rather than 决算 or 公示 pages.
MINIMA: dict[Path, tuple[int, int | None, int | None, int | None]] = {
    HELDOUT: (10, None, None, None),
    HELDOUT2: (10, None, None, None),
    HELDOUT3: (14, 120, None, None),
    HELDOUT4: (24, 150, None, None),
    HELDOUT5: (30, 165, None, None),
    HELDOUT6: (30, 120, 6, None),
    HELDOUT7: (30, 120, 8, None),
    HELDOUT8: (25, 100, 8, None),
    HELDOUT9: (42, 170, 13, 32),
    HELDOUT10: (56, 144, 15, 0),
    HELDOUT11: (40, 180, 11, 29),
    HELDOUT12: (33, 155, 10, 22),
    HELDOUT13: (40, 133, 6, 27),
}


@pytest.mark.parametrize("folder", MINIMA, ids=[f.name for f in MINIMA])
def test_heldout_set_is_there(folder: Path) -> None:
    documents, relations, rendered, core = MINIMA[folder]
    held = [d for d in DOCS if d.parent == folder]
    assert len(held) >= documents
    if relations is not None:
        assert sum(len(load(d)["relations"]) for d in held) >= relations
    if rendered is not None:
        assert sum((d / "source.yaml").exists() for d in held) >= rendered
    if core is not None:
        genre = [d for d in held if re.search("自评|评价", str(load(d)["genre"]))]
        assert len(genre) >= core and 3 * len(genre) >= 2 * len(held)
        score_kinds = {r["kind"] for d in held for r in load(d)["relations"]}
        assert {"score_rule", "score_sum", "weight_sum", "score_le_max"} <= score_kinds


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
        assert rel.get("compare", "eq") in COMPARES, f"{where}: compare must be one of {sorted(COMPARES)}"
        assert rel.get("direction", "增") in {"增", "减"}, f"{where}: direction is 增 or 减"
        assert text.count(rel["text"]) == 1, f"{where}: text occurs {text.count(rel['text'])} times in doc.txt"
        assert str(rel["stated"]) in rel["text"], f"{where}: stated {rel['stated']!r} is not in its text"
        for op in rel["operands"]:
            assert str(op) in text, f"{where}: operand {op!r} is not in doc.txt"
        if rel["consistent"]:
            assert not rel["planted"], f"{where}: a planted slip must make the relation inconsistent"
            assert "severity" not in rel, f"{where}: a consistent relation has no severity"
        else:
            assert rel.get("severity") in SEVERITIES, f"{where}: an inconsistent relation needs 错误 or 提示"
        formula = formula_of(rel)
        if formula is None:
            continue
        value = compute(rel, formula)
        expected, decimals = number(str(rel["expected"]))
        assert at(value, decimals) == expected, (
            f"{where}: operands give {value} by {formula!r}, label says {rel['expected']}"
        )
        if NUMBER.search(str(rel["stated"])):
            ok = agrees(rel, formula, value)
            assert rel["consistent"] == ok, (
                f"{where}: consistent={rel['consistent']} but stated {rel['stated']} vs {value}"
            )


def cell_text(tables: list[list[list[Any]]], cell: dict[str, int]) -> str:
    rows = tables[cell["table"] - 1]
    return str(rows[cell["row"] - 1][cell["col"] - 1])


@pytest.mark.parametrize("doc", [d for d in DOCS if (d / "source.yaml").exists()],
                         ids=[d.name for d in DOCS if (d / "source.yaml").exists()])  # fmt: skip
def test_source_cells(doc: Path) -> None:
    """source.yaml (blocks for the .xlsx/.docx/.pdf renderings) matches doc.txt and holds each labelled cell."""
    blocks = yaml.safe_load((doc / "source.yaml").read_text(encoding="utf-8"))
    text = (doc / "doc.txt").read_text(encoding="utf-8")
    assert isinstance(blocks, list) and blocks
    tables: list[list[list[Any]]] = []
    for block in blocks:
        assert isinstance(block, dict) and len(block) == 1 and next(iter(block)) in {"paragraph", "table"}
        if "table" in block:
            rows = block["table"]["rows"]
            assert rows and all(isinstance(r, list) for r in rows)
            tables.append(rows)
            for row in rows:
                for cell in row:
                    assert str(cell).strip() in text, f"{doc.name}: table cell {cell!r} is not in doc.txt"
        else:
            assert str(block["paragraph"]) in text, f"{doc.name}: paragraph not in doc.txt: {block['paragraph'][:30]!r}"
    cells = [r for r in load(doc)["relations"] if "cell" in r]
    assert cells, f"{doc.name}: source.yaml but no relation names a cell"
    for rel in cells:
        got = cell_text(tables, rel["cell"])
        assert str(rel["stated"]) in got, f"{doc.name} {rel['id']}: cell {rel['cell']} holds {got!r}"
