"""Property-based fuzzing of every reader and writer with structured hostile input (hypothesis).

Each property is the contract of issue 11: a reader returns a value or its own located
error type (never another exception), the engine and the writers accept whatever the
readers accepted, and exports stay inert. The example counts keep the whole module
under about a minute; ``HYPOTHESIS_PROFILE=long`` runs ten times as many.
"""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.findings import Finding
from jixiao.safeio.inert import formula_like
from jixiao.yamlio import SourceError, loads_json, loads_yaml
from tests.fuzz.strategies import (
    HOSTILE_TEXT,
    department_data,
    formulas,
    report_texts,
    scalars,
    texts,
    yaml_documents,
)
from tests.helpers import EXAMPLES

# The suite run by `make test` is derandomized so that a red CI run is reproducible; `HYPOTHESIS_PROFILE=long`
# explores new random examples (and `make fuzz` runs atheris) to find new bugs.
settings.register_profile("ci", deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
settings.register_profile("long", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=1000,
                          derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def _fw() -> Any:
    from jixiao.frameworks import get_framework

    return get_framework("national-2013")


def _example() -> Any:
    from jixiao.model.load import load_department

    dy, _ = load_department(EXAMPLES / "wanzhou-2020.yaml")
    assert dy is not None
    return dy


# -- YAML / JSON ------------------------------------------------------------------------------------

@settings(max_examples=150)
@given(st.one_of(yaml_documents(), st.text(max_size=300)))
def test_yaml_loader_returns_data_or_a_located_error(text: str) -> None:
    from jixiao.model.load import department_from_data

    try:
        data, lines = loads_yaml(text)
    except SourceError as exc:
        assert exc.message and (exc.line is None or exc.line >= 1)
        return
    dy, findings = department_from_data(data, file="x.yaml", lines=lines)
    assert dy is not None or findings
    assert all(isinstance(f, Finding) and f.message for f in findings)


json_values = st.recursive(
    scalars.map(lambda v: str(v) if isinstance(v, Decimal) else v),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(texts, inner, max_size=4)),
    max_leaves=30,
)


@settings(max_examples=150)
@given(json_values, st.sampled_from(["", "9" * 5000, "1e400", "NaN", "-Infinity", "[" * 200, "1" * 40]))
def test_json_loader_returns_data_or_a_located_error(value: Any, raw: str) -> None:
    text = json.dumps({"profile": {"name": "x", "year": 2023}, "v": value}, ensure_ascii=False)
    if raw:
        text = text[:-1] + f', "raw": {raw}' + "}"
    try:
        loads_json(text)
    except SourceError as exc:
        assert exc.message


# -- the model and the engine -----------------------------------------------------------------------

@settings(max_examples=120)
@given(department_data())
def test_department_data_is_validated_evaluated_and_rendered(data: dict[str, Any]) -> None:
    from rich.console import Console

    from jixiao.cli.render import print_result
    from jixiao.engine.evaluate import evaluate
    from jixiao.model.load import department_from_data

    dy, findings = department_from_data(data, file="x.yaml")
    if dy is None:
        assert findings
        return
    result = evaluate(dy, _fw())
    console = Console(file=io.StringIO(), width=100, markup=False)
    print_result(console, result)  # extreme figures format; user text is never markup


@settings(max_examples=200)
@given(formulas())
def test_formula_language_parses_or_refuses_and_evaluates_safely(text: str) -> None:
    from jixiao.engine.figures import derive
    from jixiao.frameworks import formula as F
    from jixiao.textfmt import pct

    try:
        tree = F.parse(text)
    except F.FormulaError as exc:
        assert str(exc)
        return
    if F.unknown_paths(tree):
        return
    try:
        value = F.evaluate(tree, derive(_example()).value)
    except (F.MissingValue, F.ZeroDivisor):
        return
    assert value.is_finite()
    pct(value)  # presentation never fails on a value the language produced


@settings(max_examples=80)
@given(st.sampled_from(["weight: 100", "target: 90", "total: 100", "min: 90", "score_places: 2"]),
       st.one_of(st.sampled_from(["1.0e+400", "9" * 40, "-5", "'x'", "[1, 2]", "{a: *b}", "&a 1", "!!binary AA=="]),
                 st.text(max_size=20)), formulas())
def test_framework_loader_reports_every_bad_edit(anchor: str, replacement: str, formula: str) -> None:
    from jixiao.engine.evaluate import evaluate
    from jixiao.frameworks import load_framework_text
    from jixiao.frameworks.load import _data_dir

    base = (_data_dir() / "national-2013.yaml").read_text(encoding="utf-8")
    key = anchor.split(":")[0]
    text = base.replace(anchor, f"{key}: {replacement}", 1)
    text = text.replace("metric: budget_execution_rate", f"formula: {json.dumps(formula, ensure_ascii=False)}", 1)
    fw, findings = load_framework_text(text, file="fw.yaml")
    assert all(f.message for f in findings)
    if fw is not None and not any(f.severity.value == "error" for f in findings):
        evaluate(_example(), fw)


# -- the intake workbook ----------------------------------------------------------------------------

_cells = st.tuples(st.sampled_from(["基本信息", "收支情况", "项目支出", "人员编制", "“三公”经费", "绩效目标"]),
                   st.integers(1, 30), st.integers(1, 8))


@settings(max_examples=25)
@given(st.lists(st.tuples(_cells, scalars), min_size=1, max_size=6))
def test_workbook_reader_names_the_cell_of_every_problem(tmp_path_factory: pytest.TempPathFactory,
                                                         edits: list[tuple[tuple[str, int, int], Any]]) -> None:
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    from jixiao.intake.workbook import read_workbook

    wb = openpyxl.load_workbook(EXAMPLES / "wanzhou-2020.xlsx")
    for (sheet, row, col), value in edits:
        if isinstance(value, int) and abs(value) > 2**62:
            value = str(value)  # openpyxl cannot store it as a number; as text it must be refused by the reader
        if isinstance(value, Decimal):
            value = float(value) if value.is_finite() and abs(value) < Decimal("1e300") else str(value)
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)  # openpyxl cannot store control characters at all
        cell = wb[sheet].cell(row, col)
        if type(cell).__name__ == "MergedCell":
            continue
        cell.value = value
    path = tmp_path_factory.mktemp("wb") / "edited.xlsx"
    wb.save(path)
    dy, findings = read_workbook(path)
    assert dy is not None or findings
    for f in findings:
        assert f.message and f.location.file == str(path)


# -- the auditor ------------------------------------------------------------------------------------

@settings(max_examples=200)
@given(report_texts())
def test_auditor_rules_on_generated_reports(text: str) -> None:
    from jixiao.audit.api import audit_text

    report = audit_text(text)
    for f in report.findings:
        assert f.location and f.severity in ("错误", "提示")


@settings(max_examples=30)
@given(st.lists(report_texts(), min_size=1, max_size=5), st.lists(st.lists(st.one_of(texts, report_texts()),
       min_size=1, max_size=4), max_size=4), st.sampled_from([".docx", ".xlsx", ".txt"]))
def test_auditor_readers_on_generated_documents(tmp_path_factory: pytest.TempPathFactory, paragraphs: list[str],
                                                table: list[list[str]], suffix: str) -> None:
    from jixiao.audit.api import audit_path

    path = tmp_path_factory.mktemp("doc") / f"report{suffix}"
    clean = [p.replace("\x00", "") for p in paragraphs]
    if suffix == ".docx":
        import docx

        d = docx.Document()
        for p in clean:
            d.add_paragraph("".join(ch for ch in p if ch.isprintable() or ch in "\t\n"))
        if table:
            width = max(len(r) for r in table)
            t = d.add_table(rows=len(table), cols=width)
            for i, row in enumerate(table):
                for j, value in enumerate(row):
                    t.cell(i, j).text = "".join(ch for ch in value if ch.isprintable())
        d.save(str(path))
    elif suffix == ".xlsx":
        import openpyxl

        wb = openpyxl.Workbook()
        ws = wb.active
        assert ws is not None
        for row in [[p] for p in clean] + table:
            ws.append(["".join(ch for ch in v if ch.isprintable()) for v in row])
        wb.save(path)
    else:
        path.write_text("\n".join(paragraphs), encoding="utf-8")
    report = audit_path(path)
    assert report.error is None or report.error.strip()


# -- exports ----------------------------------------------------------------------------------------

@settings(max_examples=40)
@given(st.lists(st.tuples(st.one_of(st.sampled_from(HOSTILE_TEXT), texts), st.sampled_from(HOSTILE_TEXT)),
                min_size=1, max_size=6))
def test_exports_are_inert(tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[str, str]]) -> None:
    import openpyxl

    from jixiao.audit import export
    from jixiao.audit.api import AuditReport
    from jixiao.audit.finding import AuditFinding

    clean = [("".join(ch for ch in a if ch.isprintable() or ch in "\t\r"), b) for a, b in rows]
    reports = [AuditReport(path=a or "r.txt", findings=[AuditFinding(
        rule="rate", title=b, severity="错误", location=a, quote=a + b, stated=b, expected=a, figures=(a, b),
        explanation=b)]) for a, b in clean]
    folder = tmp_path_factory.mktemp("export")
    for suffix in (".xlsx", ".csv", ".json", ".html"):
        export.write(reports, folder / f"out{suffix}")
    wb = openpyxl.load_workbook(folder / "out.xlsx")
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and formula_like(cell.value):
                    assert cell.quotePrefix, (ws.title, cell.coordinate, cell.value)
    with (folder / "out.csv").open(encoding="utf-8-sig", newline="") as fh:
        for line in csv.reader(fh):
            assert not any(formula_like(v) for v in line), line
    html = (folder / "out.html").read_text(encoding="utf-8")
    assert "<script>" not in html
    data = json.loads((folder / "out.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in data["reports"]] == [r.path for r in reports]
    with zipfile.ZipFile(folder / "out.xlsx") as z:
        assert not any("<f>" in z.read(n).decode("utf-8", "replace") for n in z.namelist() if "worksheets" in n)


def test_csv_prefix_keeps_plain_numbers() -> None:
    from jixiao.safeio.inert import csv_text

    assert [csv_text(v) for v in ("-3.50", "+12%", "1,234.5", "-", "=1+1", "@x", "\t=1", "-1+2")] == [
        "-3.50", "+12%", "1,234.5", "'-", "'=1+1", "'@x", "'\t=1", "'-1+2"]


def test_fuzz_module_uses_real_files(tmp_path: Path) -> None:
    """The workbook edits above start from the real example workbook, not a mock."""
    assert (EXAMPLES / "wanzhou-2020.xlsx").stat().st_size > 10_000


# -- inputs the coverage-guided fuzzer (make fuzz) found; kept as regression tests -------------------

def test_json_number_with_an_exponent_no_decimal_can_hold() -> None:
    """atheris, json target: ``4444…e6666…`` made ``Decimal()`` raise instead of a located refusal."""
    with pytest.raises(SourceError, match="指数过大"):
        loads_json('{"profile": {"name": "x", "year": 2023}, "budget": {"initial": 44e' + "6" * 30 + "}}")


def test_workbook_with_damaged_deflate_data(tmp_path: Path) -> None:
    """atheris, workbook target: a part whose deflate stream is damaged raised zlib.error from the guard."""
    from jixiao.intake.workbook import read_workbook

    data = bytearray((EXAMPLES / "wanzhou-2020.xlsx").read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("xl/worksheets/sheet4.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2: start + info.compress_size // 2 + 40] = b"\xff" * 40
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(data))
    dy, findings = read_workbook(path)
    assert dy is None and findings[0].location.file == str(path)
    assert "文件已损坏" in findings[0].message
