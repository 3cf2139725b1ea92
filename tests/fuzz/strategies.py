"""Structured generators of hostile input for the fuzz suite (hypothesis strategies).

Random bytes rarely get past a parser's first check; these strategies build inputs
that are well-formed enough to reach the deep code: YAML with anchors and aliases,
department data with extreme numbers and text, formulas from the formula grammar,
report sentences from the auditor's vocabulary, and export rows with injection
payloads. The same vocabulary drives the atheris harnesses in ``fuzz/``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

# -- scalars ---------------------------------------------------------------------------------------

HOSTILE_TEXT = (
    "", " ", "\t", "\r\n", "\x00", "\u202e", "[/x]", "[bold red]", "[link=http://x]", "<script>alert(1)</script>",
    "=1+1", "+1", "-1+1", "@SUM(1)", "\t=1", "\r=1", "=HYPERLINK(\"http://x\",\"y\")", "=cmd|' /C calc'!A0",
    "{", "}", "{0}", "%s", "${HOME}", "../../etc/passwd", "万元", "％", "１２３", "一百万", "—", "*", "&a", "!!python/object",
)
NUMBER_TEXT = (
    "0", "-0", "1", "-1", "0.5", "1e3", "1E-3", "1.0e+400", "1e-999999", "9" * 40, "9" * 5000, "1_000", "0x1F", "0o17",
    ".inf", "-.inf", ".nan", "NaN", "Infinity", "1,234.5", "1.2.3", "00012", "1e", "--1", "+.5", "12%", "3万元",
)

texts = st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(max_size=40), st.text(alphabet="0123456789.,%+-=万元亿", max_size=30))
extreme_decimals = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, places=None),
    st.sampled_from([Decimal("1e400"), Decimal("-1e400"), Decimal("1e-400"), Decimal("9" * 40), Decimal("0.000001")]),
    st.decimals(min_value=-10**6, max_value=10**6, places=2),
)
extreme_ints = st.one_of(st.integers(), st.sampled_from([10**40, -(10**40), 2**63, 10**100]))
scalars = st.one_of(st.none(), st.booleans(), texts, extreme_ints, extreme_decimals)


# -- YAML documents with anchors and aliases --------------------------------------------------------

@st.composite
def yaml_documents(draw: st.DrawFn) -> str:
    """YAML text: nested mappings/lists, anchors on some nodes, aliases to earlier anchors, hostile scalars."""
    anchors: list[str] = []

    def scalar() -> str:
        choice = draw(st.integers(0, 3))
        if choice == 0:
            return draw(st.sampled_from(NUMBER_TEXT))
        if choice == 1 and anchors:
            return "*" + draw(st.sampled_from(anchors))
        text = draw(texts)
        return "'" + text.replace("'", "''").replace("\n", " ").replace("\r", " ") + "'"

    def node(depth: int) -> str:
        kind = draw(st.integers(0, 2 if depth < 6 else 0))
        anchor = ""
        if kind and draw(st.booleans()):
            name = f"a{len(anchors)}"
            anchor = f"&{name} "
        if kind == 0:
            return scalar()
        if kind == 1:
            items = [node(depth + 1) for _ in range(draw(st.integers(0, 4)))]
            text = anchor + "[" + ", ".join(items) + "]"
        else:
            keys = draw(st.lists(st.sampled_from(["profile", "budget", "initial", "name", "year", "x", "y", "k"]),
                                 max_size=4, unique=True))
            text = anchor + "{" + ", ".join(f"{k}: {node(depth + 1)}" for k in keys) + "}"
        if anchor:
            anchors.append(anchor[1:-1])
        return text

    top = {"framework": "national-2013", "profile": "{name: 测试局, year: 2023}"}
    body = "\n".join(f"{k}: {v}" for k, v in top.items())
    extra = [f"{k}: {node(1)}" for k in draw(st.lists(st.sampled_from(
        ["budget", "expenditure", "staffing", "three_public", "x", "notes"]), max_size=4, unique=True))]
    return body + "\n" + "\n".join(extra) + "\n"


# -- department data -------------------------------------------------------------------------------

MONEY_PATHS = ("budget.initial", "budget.final", "budget.adjustment", "budget.carried_over", "revenue.total",
               "expenditure.total", "expenditure.basic", "expenditure.personnel", "expenditure.public",
               "expenditure.project", "carryover.amount", "three_public.budget_total", "three_public.actual_total")
COUNT_PATHS = ("staffing.authorized", "staffing.actual", "recovered_funds.count")


@st.composite
def department_data(draw: st.DrawFn) -> dict[str, Any]:
    """Plain data shaped like a department-year, with hostile values in chosen fields."""
    data: dict[str, Any] = {"framework": "national-2013", "profile": {"name": draw(texts) or "测试局", "year": 2023}}
    for path in draw(st.lists(st.sampled_from(MONEY_PATHS + COUNT_PATHS), max_size=8, unique=True)):
        section, name = path.split(".")
        data.setdefault(section, {})[name] = draw(scalars)
    if draw(st.booleans()):
        data.setdefault("expenditure", {})["projects"] = [
            {"name": draw(texts) or "项目", "budget": draw(scalars), "actual": draw(scalars)}
            for _ in range(draw(st.integers(0, 3)))
        ]
    return data


# -- formulas --------------------------------------------------------------------------------------

FIELDS = ("budget.initial", "budget.final", "expenditure.total", "staffing.actual", "no.such.field", "__import__",
          "budget", "profile.name", "x")


@st.composite
def formulas(draw: st.DrawFn) -> str:
    def expr(depth: int) -> str:
        kind = draw(st.integers(0, 4 if depth < 5 else 1))
        if kind == 0:
            return draw(st.sampled_from((*NUMBER_TEXT[:13], "1e999", "10" * 30, "0")))
        if kind == 1:
            return draw(st.sampled_from(FIELDS))
        if kind == 2:
            op = draw(st.sampled_from(["+", "-", "*", "/", "**", "//", "%", "@", "and", "<"]))
            return f"({expr(depth + 1)} {op} {expr(depth + 1)})"
        if kind == 3:
            fn = draw(st.sampled_from(["min", "max", "abs", "eval", "open", "__import__"]))
            return f"{fn}({', '.join(expr(depth + 1) for _ in range(draw(st.integers(0, 3))))})"
        return draw(st.sampled_from(["-", "+", "not "])) + expr(depth + 1)

    return expr(0) if draw(st.booleans()) else draw(st.text(max_size=60))


# -- report text for the auditor -------------------------------------------------------------------

WORDS = ("预算执行率", "执行率", "年初预算", "全年预算数", "支出", "收入", "合计", "其中", "同比增长", "同比下降",
         "得分", "总分", "等级为", "优", "良", "满分", "扣", "分", "较上年", "增加", "减少", "占", "比例", "控制率",
         "“三公”经费", "人员经费", "公用经费", "项目支出", "基本支出", "元", "万元", "亿元", "%", "％", "，", "。",
         "；", "：", "（", "）", "=", "＝", "÷", "×", "/", "+", "-", "\t", " ", "\n", "第", "一、", "（一）", "1.")


@st.composite
def numbers_text(draw: st.DrawFn) -> str:
    return draw(st.one_of(
        st.decimals(min_value=0, max_value=10**7, places=2).map(lambda d: f"{d:f}"),
        st.integers(0, 10**9).map(str),
        st.sampled_from(NUMBER_TEXT),
        st.lists(st.integers(0, 999), min_size=2, max_size=6).map(lambda xs: ",".join(map(str, xs))),
    ))


@st.composite
def report_texts(draw: st.DrawFn) -> str:
    """Sentences built from the auditor's vocabulary and numbers, with hostile fragments mixed in."""
    parts = draw(st.lists(st.one_of(st.sampled_from(WORDS), numbers_text(), st.sampled_from(HOSTILE_TEXT)),
                          max_size=80))
    return "".join(parts)
