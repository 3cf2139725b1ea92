"""Labelled set built through the report writer: every example is evaluated and written as .docx
and .md by the package API, then audited. An unaltered generated report must give no finding,
and altering one figure that takes part in a relation the auditor checks (rates, shares, sums,
year-on-year changes, first-level scores against the total, written formulas) must give a new finding in its
paragraph."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from jixiao.audit import audit_path
from jixiao.audit.documents import read_document
from jixiao.audit.numbers import Figure
from jixiao.engine.evaluate import evaluate
from jixiao.frameworks import get_framework
from jixiao.model.load import load_department
from jixiao.report.package import REPORT_DOCX, REPORT_MD, write_package
from tests.audit.audit_labelled import altered, missed, mutations, one_digit

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples"
EXAMPLES = sorted(p.stem for p in EXAMPLES_DIR.glob("*.yaml"))
FILES = [(e, name) for e in EXAMPLES for name in (REPORT_DOCX, REPORT_MD)]
ALTERATIONS: dict[str, Callable[[Figure], str]] = {"scaled": altered, "digit": one_digit}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("roundtrip")
    for stem in EXAMPLES:
        dy, findings = load_department(EXAMPLES_DIR / f"{stem}.yaml")
        assert dy is not None, findings
        fw = get_framework(dy.framework or "national-2013")
        write_package(dy, evaluate(dy, fw), fw, out / stem, ("docx", "md"))
    return out


def test_all_seed_examples_are_in_the_set() -> None:
    assert EXAMPLES == ["guangzhou-2021", "nanchang-2017", "shaoguan-2022", "wanzhou-2020", "zhanjiang-2023"]


@pytest.mark.parametrize(("example", "name"), FILES)
def test_generated_report_gives_no_finding(generated: Path, example: str, name: str) -> None:
    report = audit_path(generated / example / name)
    assert report.error is None
    assert report.figures >= 100
    assert [(f.rule, f.location, f.stated, f.expected, f.quote) for f in report.findings] == []


@pytest.mark.parametrize("how", sorted(ALTERATIONS))
@pytest.mark.parametrize(("example", "name"), FILES)
def test_every_altered_figure_is_found(generated: Path, example: str, name: str, how: str) -> None:
    doc = read_document(generated / example / name)
    _, muts = mutations(doc, ALTERATIONS[how])
    assert len(muts) >= 15
    assert [(m.rule, m.figure.text(), m.new_raw, where) for m, where in missed(doc, ALTERATIONS[how])] == []


def test_relations_cover_every_checked_kind(generated: Path) -> None:
    kinds = set()
    for example, name in FILES:
        _, muts = mutations(read_document(generated / example / name))
        kinds |= {m.rule for m in muts}
    # written formulas appear only when the input data quotes one, so they are not required here;
    # table_text: the report restates its “三公” table in words
    assert kinds - {"formula"} == {"rate", "share", "sum", "yoy", "score_total", "table_text"}
