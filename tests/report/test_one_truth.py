"""One truth per figure: every number in the .docx, .md, 评分表 and 数据表 is the engine's value.

For every example and for 200 generated department-years, the report package is built and read
back; each number found in it is mapped to the engine value it stands for and compared, in the
formatting of its kind (万元 and % with two decimals half up, scores without trailing zeros):

- report paragraphs and table cells (.docx and .md): the content model records, for every number
  it prints, the key of the engine value (a figure of ``result.figures`` or a score of the
  result). The test checks the recorded text against the engine value it resolves *itself*, checks
  that the .docx and the .md print exactly the content model's text, and then removes every
  recorded number, every quoted text (checked against its source) and every name; a digit left
  over is a number no engine value accounts for, and fails the test;
- the 评分表: row by row against ``result.walk()`` (分值, 指标值, 得分), value and cell format;
- the 数据表: every row of 计算数据 carries its figure code; label, formula, value and format must
  be the engine's, and every derived figure with a value must be listed;
- the charts: every value drawn is the engine value of its key.
"""

from __future__ import annotations

import html
import re
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from jixiao.engine.evaluate import evaluate
from jixiao.engine.result import EvaluationResult
from jixiao.frameworks import bundled_ids, get_framework
from jixiao.frameworks.schema import Framework
from jixiao.model import DepartmentYear
from jixiao.model.load import load_department, parse_department
from jixiao.report.content import build_report
from jixiao.report.docx import render_docx
from jixiao.report.markdown import render_markdown
from jixiao.report.model import FigureRef, Heading, Para, Report, Table
from jixiao.report.numbers import Num, Quote
from jixiao.report.phrases import _sentence, clause
from jixiao.report.xlsx import data_workbook, scoring_workbook

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p.stem for p in (ROOT / "examples").glob("*.yaml"))
D = Decimal
TWO = D("0.01")


# --- the engine's value of a key, resolved here, independently of the writer -------------------

def engine(result: EvaluationResult, key: str) -> D:
    assert result.figures is not None
    kind, _, rest = key.partition(":")
    if kind == "abs":
        return abs(engine(result, rest))
    value: D | None
    if key == "result.total":
        value = result.total
    elif key == "result.max_total":
        value = result.max_total
    elif key == "year":
        value = D(result.year)
    elif kind == "score":
        value = result.find(rest).score
    elif kind == "weight":
        value = result.find(rest).weight
    elif kind == "lost":
        value = result.find(rest).lost
    elif kind == "metric":
        metric = result.find(rest).metric
        value = None if metric is None else metric.value
    elif kind == "missing_count":
        value = D(sum(1 for r in result.leaves() if r.status.value == "missing"))
    elif kind == "leaf_count":
        value = D(len(result.leaves()))
    elif kind == "top_count":
        value = D(len(result.indicators))
    else:
        value = result.figures[key].value
    assert value is not None, f"the report prints {key}, which has no value"
    return value


def half_up(v: D) -> D:
    return v.quantize(TWO, rounding=ROUND_HALF_UP)


def shown(style: str, v: D) -> str:
    """How a value of each kind is written (the project's presentation rules, restated)."""
    if style == "wan":
        return f"{half_up(v):f}万元"
    if style == "money":
        return f"{half_up(v):f}"
    if style == "pct":
        return f"{half_up(v):f}%"
    if style == "int":
        assert v == v.to_integral_value(), v
        return str(int(v))
    if style == "score":
        return f"{half_up(v).normalize():f}"
    raise AssertionError(style)


# --- the quoted texts, checked against their source --------------------------------------------

def _model_text(dy: DepartmentYear, path: str) -> Any:
    current: Any = dy
    for step in path.split("."):
        name, _, index = step.partition("[")
        current = getattr(current, name)
        if index:
            current = current[int(index.rstrip("]"))]
    return current


def quote_sources(q: Quote, dy: DepartmentYear, result: EvaluationResult, fw: Framework) -> set[str]:
    kind, _, rest = q.source.partition(":")
    if kind == "input":
        value = _model_text(dy, rest)
        text = f"{value.normalize():f}" if isinstance(value, D) else str(value)
        return {text, _sentence(text), clause(text)}  # as given, as a sentence, as a clause of ours
    if kind == "engine":
        what, _, node_id = rest.partition(":")
        r = result.find(node_id)
        assert r.metric is not None or what != "formula"
        texts = {
            "basis": [r.basis],
            "deductions": ["；".join(d for d in r.deductions if d != r.basis)],
            "missing": ["；".join(r.missing).rstrip("；")],
            "reasons": ["；".join(d for d in r.deductions if d) or r.basis, "；".join(r.deductions),
                        "；".join(r.missing)],
            "formula": [r.metric.formula if r.metric is not None else ""],
        }[what]
        return {t for text in texts for t in (text, _sentence(text))}
    if kind == "framework":
        if rest == "name":
            return {fw.name}
        if rest == "document":
            return {fw.document or ""}
        if rest.startswith("explanation:"):
            text = fw_indicator_explanation(result, rest.removeprefix("explanation:"))
            # without its not-applicable sentences (report.narrative.applicable_explanation)
            kept = "".join(s for s in re.split(r"(?<=[。；])", text) if "不适用" not in s).rstrip("；")
            return {text, _sentence(text), kept, _sentence(kept)}
        m = re.fullmatch(r"grades\[(\d+)\]\.(min|max)", rest)
        assert m, q.source
        band = fw.grades[int(m.group(1))]
        return {shown("score", band.min if m.group(2) == "min" else band.max)}
    if kind == "context":  # the finance bureau and notice: the department's, or its own framework's
        p = dy.profile
        if rest == "bureau":
            return {x for x in (p.finance_bureau, fw.issuer, f"{p.region}财政部门", "财政部门") if x}
        return {x for x in (p.notice, fw.document) if x}
    if kind == "data":
        return {q.text}  # improvement measures: the project's own text (data/measures.yaml)
    raise AssertionError(q.source)


def fw_indicator_explanation(result: EvaluationResult, node_id: str) -> str:
    return result.find(node_id).explanation or ""


# --- reading the outputs back -----------------------------------------------------------------

def docx_blocks(data: bytes) -> list[str | list[list[str]]]:
    """Paragraphs (text) and tables (cell texts) of a .docx in body order."""
    doc = Document(BytesIO(data))
    out: list[str | list[list[str]]] = []
    body = doc.element.body
    tables = iter(doc.tables)
    paragraphs = iter(doc.paragraphs)
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(next(paragraphs).text)
        elif tag == "tbl":
            # a long header may be set on two lines (a typographic break, not text)
            out.append([[c.text.replace("\n", "") for c in row.cells] for row in next(tables).rows])
    return out


def md_literal(text: str) -> str:
    """Markdown text back to what it shows: backslash escapes and HTML entities undone."""
    return html.unescape(re.sub(r"\\(.)", r"\1", text))


def md_blocks(text: str) -> list[str | list[list[str]]]:
    out: list[str | list[list[str]]] = []
    table: list[list[str]] | None = None
    for line in text.splitlines():
        if line.startswith("|"):
            if set(line) <= set("|-: "):
                continue
            cells = [c.strip(" ") for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            cells = [md_literal(c[2:-2] if c.startswith("**") and c.endswith("**") and len(c) > 4 else c) for c in cells]
            if table is None:
                table = []
                out.append(table)
            table.append(cells)
            continue
        table = None
        if not line.strip():
            continue
        line = re.sub(r"^#+ ", "", line)
        line = re.sub(r"^\*\*(.*?)\*\*", r"\1", line)
        out.append(md_literal(line))
    return out


STRUCTURAL = [
    re.compile(r"^\d+\."),  # outline 1.
    re.compile(r"^（\d+）"),  # outline （1）
    re.compile(r"[表图]\d+ "),  # 表1 / 图1 captions
]


def leftover_digits(text: str, marks: tuple[Num | Quote, ...], names: list[str]) -> str:
    """The text with every recorded number, quote and name taken out; what remains must hold no digit."""
    for pattern in STRUCTURAL:
        text = pattern.sub("\x00", text)
    # quotes first (they may hold digits of their own), then numbers, each matched as a whole number
    for m in sorted(marks, key=lambda m: (isinstance(m, Num), -len(m.text))):
        if isinstance(m, Num):
            found = re.search(r"(?<![\d.])" + re.escape(m.text) + r"(?!\d|\.\d)", text)
            at = -1 if found is None else found.start()
        else:
            at = text.find(m.text)
        assert at >= 0, f"recorded {m!r} is not in the printed text {text!r}"
        text = text[:at] + "\x00" + text[at + len(m.text):]
    for name in names:
        text = text.replace(name, "\x00")
    return "".join(ch for ch in text if ch.isdigit())


def names_of(dy: DepartmentYear, result: EvaluationResult, fw: Framework) -> list[str]:
    names = [r.name for r in result.walk()] + [dy.profile.name, fw.name, fw.issuer or ""]
    names += dy.profile.internal_units + dy.profile.subordinate_units
    names += [i.kind.label for i in dy.three_public.items] + [s.name for s in dy.surveys]
    names += [t.category + (f"/{t.subcategory}" if t.subcategory else "") for t in dy.targets]
    return sorted({n for n in names if n}, key=len, reverse=True)


# --- the checks ----------------------------------------------------------------------------------

def check_report(dy: DepartmentYear, result: EvaluationResult, fw: Framework, report: Report,
                 docx: bytes, md: str) -> int:
    names = names_of(dy, result, fw)
    checked = 0
    expected: list[str | list[list[str]]] = [*report.title, ""]
    for block in report.blocks:
        for m in getattr(block, "marks", ()):
            if isinstance(m, Num):
                assert m.text == shown(m.style, engine(result, m.key)), m
                checked += 1
            else:
                assert m.text in quote_sources(m, dy, result, fw), m
        if isinstance(block, Heading):
            expected.append(block.text)
            assert leftover_digits(block.text, block.marks, names) == "", block.text
        elif isinstance(block, Para):
            expected.append(block.lead + block.text)
            assert leftover_digits(block.lead + block.text, block.marks, names) == "", block.lead + block.text
        elif isinstance(block, Table):
            expected += [block.caption] + ([block.unit] if block.unit else [])
            rows = [list(r) for r in (*block.header, *block.rows)]
            expected.append(rows)
            # the 序号 column of a table numbers its rows: structure, not a figure
            serial = block.header[0][0] == "序号"
            cells = "".join("\n" + "\t".join(r[1:] if serial else r) for r in block.rows)
            assert leftover_digits(cells, block.marks, names) == "", block.caption
        elif isinstance(block, FigureRef):
            expected += ["", block.caption]
    # the .docx prints the content model's text, block for block
    got = [b for b in docx_blocks(docx) if b != ""]
    want = [b for b in expected if b != ""]
    want_text = [b for b in want if isinstance(b, str)]
    got_text = [b for b in got if isinstance(b, str)]
    assert got_text[: len(want_text)] == want_text
    assert [b for b in got if isinstance(b, list)] == [b for b in want if isinstance(b, list)]
    # the .md prints it too (title lines aside)
    md_got = md_blocks(md)
    md_tables = [b for b in md_got if isinstance(b, list)]
    assert md_tables == [b for b in want if isinstance(b, list)]
    md_text = [b for b in md_got if isinstance(b, str)]
    for para in (b for b in report.blocks if isinstance(b, Para | Heading)):
        line = (para.lead + para.text) if isinstance(para, Para) else para.text
        assert line in md_text, line
    # the charts draw the engine's values
    for chart in report.charts:
        drawn: list[D | None] = []
        if chart.kind == "pies":
            for _, _, values, shares in chart.groups:  # keys: the two values, then their two shares
                drawn += [*values, *shares]
        else:
            drawn = [v for _, values in chart.series for v in values]
        assert len(chart.keys) == len(drawn), chart.key
        for k, v in zip(chart.keys, drawn, strict=True):
            if v is None:  # no bar: the engine has no value either
                assert (k.startswith("score:") and result.find(k[6:]).score is None) or \
                    (result.figures is not None and result.figures.value(k) is None)
            else:
                assert v == engine(result, k), (chart.key, k)
    return checked


def excel_shown(value: Any, fmt: str) -> str:
    v = D(str(value))
    if fmt == "0.00%":
        return f"{half_up(v * 100):f}%"
    if fmt in ("#,##0.00", "0.00"):
        return f"{half_up(v):f}"
    return f"{v.normalize():f}"


def close(cell: Any, value: D) -> bool:
    return abs(D(str(cell)) - value) <= abs(value) * D("1e-12") + D("1e-12")


def _data_rows(ws: Any, first_header: str) -> list[Any]:
    """The non-empty rows below a sheet's header row (the row whose first cell is ``first_header``)."""
    rows = list(ws.iter_rows())
    start = next(i for i, row in enumerate(rows) if row[0].value == first_header) + 1
    return [row for row in rows[start:] if any(c.value is not None for c in row)]


def check_workbooks(result: EvaluationResult, scoring: bytes, data: bytes) -> int:
    assert result.figures is not None
    checked = 0
    ws = load_workbook(BytesIO(scoring))["评分表"]
    rows = [row for row in _data_rows(ws, "一级指标") if row[0].value not in ("合计", "评价等级")]
    nodes = result.walk()
    assert len(rows) == len(nodes)
    for row, r in zip(rows, nodes, strict=True):
        assert row[min(r.level, 3) - 1].value == r.name
        assert close(row[3].value, r.weight)
        assert excel_shown(row[3].value, row[3].number_format) == f"{half_up(r.weight):f}"
        if r.score is None:
            assert row[5].value is None
        else:
            assert close(row[5].value, r.score), r.id
            assert excel_shown(row[5].value, row[5].number_format) == f"{half_up(r.score):f}"
        if not r.children and r.metric is not None and r.metric.value is not None:
            expected = r.metric.value / 100 if r.metric.unit == "%" else r.metric.value
            assert close(row[4].value, expected), r.id
            if r.metric.unit == "%":
                assert excel_shown(row[4].value, row[4].number_format) == shown("pct", r.metric.value)
            checked += 1
        checked += 2
    total = next(row for row in _data_rows(ws, "一级指标") if row[0].value == "合计")
    assert close(total[5].value, result.total) and close(total[3].value, result.max_total)

    wb = load_workbook(BytesIO(data))
    listed = {}
    for row in _data_rows(wb["计算数据"], "项目"):
        label, formula, _, value, unit, key = (c.value for c in row)
        fig = result.figures[key]
        assert (label, formula, unit) == (fig.label, fig.formula, fig.unit), key
        assert fig.value is not None
        assert close(value, fig.value / 100 if fig.unit == "%" else fig.value), key
        fmt = row[3].number_format
        if fig.unit == "%":
            assert excel_shown(value, fmt) == shown("pct", fig.value)
        elif fig.unit == "万元":
            assert excel_shown(value, fmt) == shown("money", fig.value)
        listed[key] = fig
        checked += 1
    assert set(listed) == {f.key for f in result.figures.derived() if f.derived and f.value is not None}
    leaves = [r for r in result.leaves() if r.metric is not None]
    sheet = [tuple(c.value for c in row) for row in _data_rows(wb["指标计算"], "指标")]
    assert len(sheet) == len(leaves)
    for values, r in zip(sheet, leaves, strict=True):
        assert r.metric is not None
        assert values[0] == r.name and values[1] == r.metric.formula
        if r.metric.value is not None:
            assert close(values[3], r.metric.value / 100 if r.metric.unit == "%" else r.metric.value)
            checked += 1
    return checked


def build_and_check(dy: DepartmentYear, fw: Framework) -> int:
    result = evaluate(dy, fw)
    report = build_report(dy, result, fw)
    docx = render_docx(report, {})
    md = render_markdown(report)
    n = check_report(dy, result, fw, report, docx, md)
    return n + check_workbooks(result, scoring_workbook(result, report.doc_date),
                               data_workbook(dy, result, report.doc_date))


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_number_of_an_example_is_the_engines(name: str) -> None:
    dy, findings = load_department(ROOT / "examples" / f"{name}.yaml")
    assert dy is not None, findings
    assert build_and_check(dy, get_framework(dy.framework or "national-2013")) > 100


def test_shaoguan_states_one_control_rate() -> None:
    """The issue that started this: 44.44% in the 收支 section and 44.22% in the 评分表."""
    dy, _ = load_department(ROOT / "examples" / "shaoguan-2022.yaml")
    assert dy is not None
    fw = get_framework("guangdong-shaoguan-2022")
    result = evaluate(dy, fw)
    report = build_report(dy, result, fw)
    text = report.text()
    assert "44.22%" in text and "44.44%" not in text
    assert "“三公”经费预算数4.50万元，实际支出1.99万元，“三公”经费控制率44.22%" in text
    row = next(r for r in result.walk() if r.name == "“三公”经费控制率")
    assert row.metric is not None and shown("pct", row.metric.value or D(0)) == "44.22%"


# --- generated department-years --------------------------------------------------------------------

money = st.one_of(st.none(), st.decimals(min_value=0, max_value=D(50000), places=2))
small = st.one_of(st.none(), st.decimals(min_value=0, max_value=D(200), places=2))
people = st.one_of(st.none(), st.integers(min_value=0, max_value=300))
rate = st.one_of(st.none(), st.decimals(min_value=0, max_value=100, places=2))
names = st.sampled_from(["外事业务", "信息化建设", "对外交流", "涉外培训", "友城交往", "护照办证"])
# the department's own words, some with figures of their own (quoted, never taken for ours)
reasons = st.one_of(st.none(), st.sampled_from(["人员增加2人，工资标准调整。", "一是新增项目；二是压减开支", "受疫情影响",
                                                 "随机抽取服务对象 20 人"]))


@st.composite
def department_years(draw: st.DrawFn) -> dict[str, Any]:
    kinds = draw(st.lists(st.sampled_from(["outbound", "vehicle", "reception", "foreign_reception",
                                           "vehicle_operation"]), unique=True, max_size=4))
    projects = draw(st.lists(names, unique=True, max_size=3))
    tasks = draw(st.lists(st.sampled_from(["任务甲", "任务乙", "任务丙", "任务丁"]), unique=True, max_size=3))
    data: dict[str, Any] = {
        "profile": {"name": "测试局", "year": draw(st.integers(2015, 2030)),
                    "internal_units": draw(st.lists(st.sampled_from(["综合科", "财务科", "业务科"]), unique=True))},
        "staffing": {"authorized": draw(people), "actual": draw(people), "retired": draw(people)},
        "budget": {"initial": draw(money), "adjustment": draw(st.one_of(st.none(), st.decimals(
            min_value=D(-100), max_value=D(3000), places=2))), "carried_over": draw(small), "final": draw(money),
            "adjustment_reason": draw(reasons), "execution_reason": draw(reasons)},
        "revenue": {"total": draw(money), "fiscal_appropriation": draw(money), "other": draw(small)},
        "expenditure": {"total": draw(money), "basic": draw(money), "personnel": draw(money), "public": draw(small),
                        "project": draw(money),
                        "projects": [{"name": p, "budget": draw(small), "actual": draw(small),
                                      "key": draw(st.booleans())} for p in projects]},
        "carryover": {"amount": draw(small)},
        "three_public": {"items": [{"kind": k, "budget": draw(small), "actual": draw(small),
                                    "last_year_actual": draw(small),
                                    "in_budget_scope": k != "foreign_reception"} for k in kinds],
                         "budget_total": draw(small), "actual_total": draw(small),
                         "last_year_actual_total": draw(small), "change_reason": draw(reasons),
                         "budget_reason": draw(reasons)},
        "public_funds": {"budget": draw(small), "actual": draw(small)},
        "procurement": {"budget": draw(small), "actual": draw(small), "sme": draw(small), "goods": draw(small)},
        "assets": {"total": draw(money), "fixed_assets": [
            {"name": n, "count": draw(people), "amount": draw(small), "in_use": draw(small)}
            for n in draw(st.lists(st.sampled_from(["房屋", "通用设备", "家具"]), unique=True, max_size=3))]},
        "prior": {"revenue_total": draw(money), "expenditure_total": draw(money), "basic": draw(money),
                  "assets_total": draw(money), "carryover": draw(small),
                  "revenue_reason": draw(reasons), "basic_reason": draw(reasons), "carryover_reason": draw(reasons)},
        "key_tasks": [{"name": t, "completion": draw(rate), "on_time": draw(st.one_of(st.none(), st.booleans())),
                       "done": draw(reasons), "note": draw(reasons)} for t in tasks],
        "evaluation": {"team": draw(reasons), "method": draw(reasons)},
        "survey": {"sample": draw(reasons)},
        "surveys": [{"name": g, "responses": draw(people), "rate": draw(rate)}
                    for g in draw(st.lists(st.sampled_from(["服务对象", "社会公众"]), unique=True))],
        "payments": [{"label": "上半年", "planned_rate": draw(rate), "paid": draw(small)}],
        "recovered_funds": {"count": draw(people)},
        "official_card": {"rate": draw(rate)},
    }
    return data


FRAMEWORKS = bundled_ids()


@settings(max_examples=200, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(department_years(), st.sampled_from(FRAMEWORKS))
def test_every_number_of_a_generated_department_year_is_the_engines(data: dict[str, Any], fw_id: str) -> None:
    dy = parse_department(data)
    build_and_check(dy, get_framework(fw_id))
