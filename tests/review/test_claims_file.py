"""The claims file of ``jixiao review --claims`` reads its numbers in the one syntax (jixiao.convert)."""

from __future__ import annotations

import json
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.convert import NUMBER_SYNTAX, NUMBER_SYNTAX_ZH, number_like, number_text
from jixiao.findings import Location
from jixiao.review.claims_file import load_claims
from jixiao.safeio.numbers import number_problem

SYNTAX = f"{NUMBER_SYNTAX_ZH}，实际为"


def _write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def test_numbers_written_another_way_are_refused_with_file_line_and_field(tmp_path: Path) -> None:
    path = _write(tmp_path, "claims.yaml", (
        'total: "1e2"\n'
        "grade: 优\n"
        "scores:\n"
        '  - {name: 投入, score: " 1_000 ", max: "NaN"}\n'
        '  - {name: 产出, score: "1,23"}\n'
        '  - {name: 效果, score: ".5", max: "5."}\n'
        '  - {name: 满意度, score: "-2"}\n'
    ))
    claims, findings = load_claims(path)
    assert claims is None
    file = str(path)
    assert [(f.code, f.message, f.location) for f in findings] == [
        ("claims.invalid", f"{SYNTAX}「1e2」", Location(file=file, line=1, path="total")),
        ("claims.invalid", "应为数字，实际为「NaN」", Location(file=file, line=4, path="scores[0].max")),
        ("claims.invalid", f"{SYNTAX}「1,23」", Location(file=file, line=5, path="scores[1].score")),
        ("claims.invalid", f"{SYNTAX}「.5」", Location(file=file, line=6, path="scores[2].score")),
        ("claims.invalid", f"{SYNTAX}「5.」", Location(file=file, line=6, path="scores[2].max")),
        ("claims.invalid", "不能为负数，实际为「-2」", Location(file=file, line=7, path="scores[3].score")),
    ]


def test_numbers_in_the_syntax_are_read_exactly(tmp_path: Path) -> None:
    path = _write(tmp_path, "claims.yaml", (
        'total: "1,234.50"\n'
        "grade: 良\n"
        "scores:\n"
        '  - {name: 投入, score: " 1_000 ", max: "１２．５"}\n'
        "  - {name: 产出, score: 7.10, quote: 得7.1分, location: 第3页}\n"
    ))
    claims, findings = load_claims(path)
    assert findings == [] and claims is not None
    assert (claims.total, claims.grade) == (Decimal("1234.50"), "良")
    assert [(s.name, s.score, s.max_score, s.quote, s.location) for s in claims.scores] == [
        ("投入", Decimal("1000"), Decimal("12.5"), "", ""),
        ("产出", Decimal("7.10"), None, "得7.1分", "第3页"),
    ]


def test_a_claims_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = _write(tmp_path, "claims.yaml", "- 90\n- 80\n")
    claims, findings = load_claims(path)
    assert claims is None
    assert [(f.code, f.message, f.location.file) for f in findings] == [
        ("claims.invalid", "得分文件内容应为一组字段（total、grade、scores 等），而不是列表或单个值", str(path))]


_NUMBERISH = "0123456789+-.,_eE ０１２３，．NaInf"
_TEXTS = st.one_of(
    st.text(_NUMBERISH, max_size=14),
    st.from_regex(NUMBER_SYNTAX, fullmatch=True),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXTS)
def test_a_score_written_as_text_is_the_number_the_syntax_reads_or_a_located_refusal(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp), "claims.json", json.dumps({"scores": [{"name": "投入", "score": text}]}))
        claims, findings = load_claims(path)
    number = number_text(text)
    if number is not None and number >= 0 and number_problem(number) is None:
        assert findings == [] and claims is not None
        assert claims.scores[0].score == number and str(claims.scores[0].score) == str(number)
        return
    assert claims is None and len(findings) == 1
    (finding,) = findings
    assert (finding.code, finding.location.file, finding.location.path) == (
        "claims.invalid", str(path), "scores[0].score")
    if number is None:
        expected = NUMBER_SYNTAX_ZH if number_like(text) else "应为数字"
        assert finding.message == f"{expected}，实际为「{text}」"
    elif number < 0:
        assert finding.message == f"不能为负数，实际为「{text}」"
