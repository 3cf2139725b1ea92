"""The same labelled document as text, workbook, Word file with tables and PDF with ruled tables: the auditor
checks and finds in every format at least what it checks and finds in the text (but for the gaps listed in GAPS),
and raises no false 错误 there. The renderings are made here, in a temp dir, from each document's source.yaml (one LibreOffice run)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.audit.documents import read_document
from jixiao.audit.measure import DocResult, load_labels, measure_document
from tests.audit.corpus_render import CORPUS, render_all, sources

DOCS = [p.name for p in sources()]
FORMATS = ("xlsx", "docx", "pdf")
# Labels the text checks and a format does not, each for a reason the reader of that format still has. They were
# hidden while one traced relation could count as checked for several labels of the same value (session 13).
GAPS = {
    # the workbook traces no 得分-by-rule relation for the two rows scored 8 of 8 (the text and Word file do)
    ("anhui-chizhou-tangxi-cjbz-2022", "xlsx"): ["r18", "r19"],
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    return render_all(tmp_path_factory.mktemp("formats"))


def _measure(name: str, path: Path, fmt: str) -> DocResult:
    meta, labels = load_labels(CORPUS / name)
    return measure_document(read_document(path), labels, meta, fmt, use_lines=fmt == "txt")[0]


def _checked(name: str, r: DocResult) -> set[str]:
    return {lb.id for lb in load_labels(CORPUS / name)[1]} - set(r.unchecked)


def test_at_least_ten_documents_in_every_format(rendered: dict[str, dict[str, Path]]) -> None:
    assert len(DOCS) >= 10
    assert {name: sorted(files) for name, files in rendered.items()} == {name: sorted(FORMATS) for name in DOCS}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", DOCS)
def test_format_checks_what_the_text_checks(rendered: dict[str, dict[str, Path]], name: str, fmt: str) -> None:
    text = _measure(name, CORPUS / name / "doc.txt", "txt")
    other = _measure(name, rendered[name][fmt], fmt)
    assert sorted(_checked(name, text) - _checked(name, other)) == GAPS.get((name, fmt), [])
    assert sorted(set(other.missed) - set(text.missed)) == []
    assert other.false_errors_consistent + other.false_errors_unlabelled <= (
        text.false_errors_consistent + text.false_errors_unlabelled), other.false
