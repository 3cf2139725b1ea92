"""Validates the labelled corpus (tests/audit/corpus/<id>/, format in tests/audit/corpus/README.md).

Every label file is checked for its shape, every relation for being anchored in its doc.txt, and every
relation of a kind whose arithmetic is unambiguous (or that carries its own `formula`) is recomputed with
Decimal and round half up: the hand-written `expected` must be what the operands give, and `consistent`
must agree with the comparison of `stated` against it. This checks our labels, not the auditor.
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
DOCS = sorted(p.name for p in CORPUS.iterdir() if (p / "labels.yaml").is_file()) if CORPUS.is_dir() else []

KINDS = {
    "rate", "share", "sum", "yoy", "diff", "score_sum", "score_le_max", "score_rule", "weight_sum", "grade",
    "unit", "table_rate", "table_sum", "count", "staffing", "formula", "other",
}  # fmt: skip
LEVELS = {"省", "市", "县", "乡镇"}
SEVERITIES = {"错误", "提示"}
COMPARES = {"eq", "le", "ge", "rounding"}
REQUIRED_DOC_KEYS = ("id", "source", "province", "level", "year", "genre", "layout", "complete", "relations")
REQUIRED_REL_KEYS = ("id", "kind", "text", "stated", "operands", "expected", "consistent", "planted")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NUMBER_RE = re.compile(r"[-−]?\d[\d,]*(?:\.\d+)?")

# The formula a kind implies when the relation gives none (operands are a, b, c, ... in order).
DEFAULT_FORMULA: dict[str, str] = {
    "sum": "+",
    "table_sum": "+",
    "score_sum": "+",
    "weight_sum": "+",
    "rate": "a / b * 100",
    "share": "a / b * 100",
    "table_rate": "a / b * 100",
    "diff": "a - b",
    "yoy": "(a - b) / b * 100",
    "count": "len",
}


def number(s: object) -> Decimal | None:
    """The first number written in `s` (thousands separators dropped), or None."""
    m = NUMBER_RE.search(str(s))
    if m is None:
        return None
    return Decimal(m.group(0).replace(",", "").replace("−", "-"))


def decimals(s: object) -> int:
    m = NUMBER_RE.search(str(s))
    assert m is not None
    whole = m.group(0)
    return len(whole.split(".", 1)[1]) if "." in whole else 0


def half_up(v: Decimal, places: int) -> Decimal:
    return v.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def evaluate(formula: str, values: list[Decimal]) -> Decimal:
    """Evaluate + - * / abs() over the operands named a, b, c, ... with Decimal arithmetic."""
    if formula == "+":
        return sum(values, Decimal(0))
    names = {chr(ord("a") + i): v for i, v in enumerate(values)}

    def ev(node: ast.AST) -> Decimal:
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.BinOp):
            ops: dict[type, Callable[[Decimal, Decimal], Decimal]] = {
                ast.Add: lambda x, y: x + y,
                ast.Sub: lambda x, y: x - y,
                ast.Mult: lambda x, y: x * y,
                ast.Div: lambda x, y: x / y,
            }
            return ops[type(node.op)](ev(node.left), ev(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            v = ev(node.operand)
            return -v if isinstance(node.op, ast.USub) else v
        if isinstance(node, ast.Name):
            return names[node.id]
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return Decimal(str(node.value))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "abs":
            return abs(ev(node.args[0]))
        raise ValueError(f"unsupported formula element {ast.dump(node)}")

    return ev(ast.parse(formula, mode="eval"))


def load(doc: str) -> tuple[dict[str, Any], str]:
    labels = yaml.safe_load((CORPUS / doc / "labels.yaml").read_text(encoding="utf-8"))
    text = (CORPUS / doc / "doc.txt").read_text(encoding="utf-8")
    return labels, text


def recomputable(rel: dict[str, Any]) -> str | None:
    """The formula to recompute the relation with, or None when its kind has no unambiguous arithmetic."""
    formula = rel.get("formula") or DEFAULT_FORMULA.get(rel["kind"])
    if formula is None or number(rel["expected"]) is None:
        return None
    return str(formula)


def compute(rel: dict[str, Any], formula: str, values: list[Decimal] | None = None) -> Decimal:
    if formula == "len":
        return Decimal(len(rel["operands"]))
    if values is None:
        parsed = [number(o) for o in rel["operands"]]
        assert all(v is not None for v in parsed), f"{rel['id']}: an operand is not a number: {rel['operands']}"
        values = [v for v in parsed if v is not None]
    return evaluate(formula, values)


def rounding_range(rel: dict[str, Any], formula: str) -> tuple[Decimal, Decimal]:
    """Smallest and largest result over the operands moved by half a unit of their last written digit."""
    parsed = [(number(o), decimals(o)) for o in rel["operands"]]
    spans = [(v - Decimal("0.5").scaleb(-d), v + Decimal("0.5").scaleb(-d)) for v, d in parsed if v is not None]
    assert len(spans) <= 12, f"{rel['id']}: too many operands for a rounding check"
    results = [compute(rel, formula, list(corner)) for corner in itertools.product(*spans)]
    return min(results), max(results)


@pytest.mark.parametrize("doc", DOCS)
def test_label_file_shape(doc: str) -> None:
    labels, _ = load(doc)
    missing = [k for k in REQUIRED_DOC_KEYS if k not in labels]
    assert not missing, f"{doc}: labels.yaml lacks {missing}"
    assert labels["id"] == doc and ID_RE.match(doc), f"{doc}: id must equal the folder name (ascii, dashes)"
    assert str(labels["source"]).startswith(("http://", "https://")), f"{doc}: source must be the address read"
    assert labels["level"] in LEVELS, f"{doc}: level {labels['level']!r} not in {LEVELS}"
    assert isinstance(labels["year"], int) and 2000 <= labels["year"] <= 2030
    assert isinstance(labels["complete"], bool)
    rels = labels["relations"]
    assert isinstance(rels, list) and rels, f"{doc}: no relations"
    ids = [r.get("id") for r in rels]
    assert len(ids) == len(set(ids)), f"{doc}: duplicate relation ids"
    for rel in rels:
        where = f"{doc} {rel.get('id')}"
        missing = [k for k in REQUIRED_REL_KEYS if k not in rel]
        assert not missing, f"{where}: lacks {missing}"
        assert rel["kind"] in KINDS, f"{where}: unknown kind {rel['kind']!r}"
        assert isinstance(rel["operands"], list), f"{where}: operands must be a list"
        assert isinstance(rel["consistent"], bool) and isinstance(rel["planted"], bool)
        if rel["consistent"]:
            assert "severity" not in rel, f"{where}: a consistent relation has no severity"
            assert not rel["planted"], f"{where}: a planted slip cannot be consistent"
        else:
            assert rel.get("severity") in SEVERITIES, f"{where}: an inconsistency needs severity 错误 or 提示"
        assert rel.get("compare", "eq") in COMPARES, f"{where}: compare must be one of {COMPARES}"
        assert rel.get("direction", "增") in ("增", "减"), f"{where}: direction is 增 or 减"


@pytest.mark.parametrize("doc", DOCS)
def test_relations_are_anchored_in_the_document(doc: str) -> None:
    labels, text = load(doc)
    for rel in labels["relations"]:
        where = f"{doc} {rel['id']}"
        n = text.count(rel["text"])
        assert n == 1, f"{where}: text {rel['text']!r} occurs {n} times in doc.txt (must be exactly once)"
        assert str(rel["stated"]) in text, f"{where}: stated {rel['stated']!r} not in doc.txt"
        for op in rel["operands"]:
            assert str(op) in text, f"{where}: operand {op!r} not in doc.txt"


@pytest.mark.parametrize("doc", DOCS)
def test_expected_is_the_recomputed_value_and_agrees_with_consistent(doc: str) -> None:
    labels, _ = load(doc)
    for rel in labels["relations"]:
        formula = recomputable(rel)
        if formula is None:
            continue
        where = f"{doc} {rel['id']}"
        expected = number(rel["expected"])
        assert expected is not None
        value = compute(rel, formula)
        assert half_up(value, decimals(rel["expected"])) == expected, (
            f"{where}: operands {rel['operands']} give {value} (by {formula}), expected says {rel['expected']}"
        )
        stated = number(rel["stated"])
        if stated is None:
            continue
        compare = rel.get("compare", "eq")
        if compare == "eq":
            agrees = abs(stated) == abs(expected)
        elif compare == "le":  # the parts listed may fall short of the total (主要包括, list cut off)
            agrees = value <= stated
        elif compare == "ge":  # the stated figure may not exceed the computed limit (实有 ≤ 编制)
            agrees = stated <= value
        else:  # reachable from the operands within their own rounding
            lo, hi = rounding_range(rel, formula)
            lo, hi = sorted((abs(lo), abs(hi))) if lo * hi > 0 else (Decimal(0), max(abs(lo), abs(hi)))
            half = Decimal("0.5").scaleb(-decimals(rel["stated"]))
            agrees = abs(stated) - half <= hi and abs(stated) + half > lo
        if "direction" in rel:
            agrees = agrees and (value >= 0 if rel["direction"] == "增" else value <= 0)
        assert agrees == rel["consistent"], (
            f"{where}: stated {rel['stated']} vs computed {value} ({compare}) but consistent={rel['consistent']}"
        )


def _cells(source: dict[str, Any] | list[Any]) -> tuple[list[str], list[list[list[Any]]]]:
    blocks = source if isinstance(source, list) else source.get("blocks", [])
    paragraphs: list[str] = []
    tables: list[list[list[Any]]] = []
    for block in blocks:
        assert isinstance(block, dict) and len(block) == 1, f"a block is one paragraph or one table: {block!r}"
        if "paragraph" in block:
            paragraphs.append(str(block["paragraph"]))
        else:
            table = block["table"]
            assert isinstance(table.get("rows"), list) and table["rows"], "a table needs rows"
            tables.append(table["rows"])
    return paragraphs, tables


@pytest.mark.parametrize("doc", [d for d in DOCS if (CORPUS / d / "source.yaml").is_file()])
def test_source_yaml_matches_the_text_and_the_cells(doc: str) -> None:
    labels, text = load(doc)
    source = yaml.safe_load((CORPUS / doc / "source.yaml").read_text(encoding="utf-8"))
    paragraphs, tables = _cells(source)
    assert tables, f"{doc}: source.yaml has no table"
    for p in paragraphs:
        assert p in text, f"{doc}: paragraph not in doc.txt: {p[:40]!r}"
    for rows in tables:
        for row in rows:
            for cell in row:
                if cell not in (None, ""):
                    assert str(cell) in text, f"{doc}: table cell {cell!r} not in doc.txt"
    for rel in labels["relations"]:
        if "cell" not in rel:
            continue
        c = rel["cell"]
        rows = tables[c["table"] - 1]
        value = rows[c["row"] - 1][c["col"] - 1]
        assert str(rel["stated"]) in str(value), f"{doc} {rel['id']}: cell {c} holds {value!r}, not {rel['stated']!r}"
