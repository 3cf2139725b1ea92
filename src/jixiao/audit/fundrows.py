"""项目资金 rows of a flattened 自评表 sheet whose header words are scattered among its cells.

An .xls 项目支出绩效自评表 extracted as one line of text may lose the order of its header: the 得分 header printed after
the rows it heads, a ratio label broken at its spaces ("执行率(全年 执行数/全年 预算数)"), so no header sequence of the
funds form is found (:mod:`jixiao.audit.flattened`). The national template (财预〔2020〕10号, 项目支出绩效自评表) still
fixes the block: six columns 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, in this order (some regions'
forms leave out 年初预算数). A row of the block is read where it stands whole — a row label of the funds form
(``data/forms.yaml``), then exactly one cell per column the line names, then no further figure — in a line that

- names all six columns of the form, or the five without 年初预算数 (a header word may carry its broken ratio label:
  "执行率(全年"), and
- names at least the form's ``min`` of them before the first such row in the form's order (the header is the form's,
  not another form's with other columns).

Each cell must be of its column's kind: three amounts (a money unit allowed: "620.82万元"), a 分值 above 0 and at most
100 (or a dash, an empty cell), a percentage, a 得分 from 0 to 100 (or a dash). A cell for each column is the only
alignment; a row with one cell fewer (an empty amount dropped) is not read, as which amount is missing is not known.

The rows make a table marked incomplete (the other rows of the block are not read): its 执行率 and 得分 are judged
against the row's own cells, nothing is summed. Everything here is linear in the line.
"""

from __future__ import annotations

import re

from jixiao.audit.align import DASHES
from jixiao.audit.docmodel import INCOMPLETE, Table, grid
from jixiao.audit.forms import Form, clean_header, row_label, vocabulary
from jixiao.audit.tokens import SCORE, words
from jixiao.final.recognise import AMOUNT_DIGITS

_OPEN_LABEL = re.compile(r"[（(][^()（）]*$")  # a ratio label broken at its spaces: "执行率(全年"
_AMOUNT = re.compile(rf"^(?:{AMOUNT_DIGITS})(?:万元|元|亿元|千元)?$")
_WEIGHT = re.compile(r"^(?:[1-9]\d?(?:\.\d{1,2})?|100(?:\.0{1,2})?|0\.\d{1,2})$")
_RATE = re.compile(r"^\d{1,3}(?:\.\d{1,4})?\s?[%％]$")
_FIGURE = re.compile(r"^[-−]?\d")
FORM_ID = "funds"
_NEEDED = frozenset({"budget_final", "actual", "weight", "rate", "score"})  # a form without 年初预算数 has these five
MAX_LABEL = 3  # tokens: a row label broken at its spaces ("其中:当年财政 拨款")
NOTE = "自评表文字的表头散落在各格之间，仅按表头所列各列（年初预算数、全年预算数、全年执行数、分值、执行率、得分）格数齐全的项目资金行逐行读取，不合计"


def _form() -> Form | None:
    return next((f for f in vocabulary().forms if f.id == FORM_ID), None)


def _role(token: str) -> str | None:
    key = clean_header(_OPEN_LABEL.sub("", token))
    return vocabulary().roles.get(key) if key else None


def _fits(role: str, text: str) -> bool:
    if role in ("budget_initial", "budget_final", "actual"):
        return bool(_AMOUNT.match(text))
    if role == "weight":
        return text in DASHES or bool(_WEIGHT.match(text))
    if role == "rate":
        return bool(_RATE.match(text))
    if role == "score":
        return text in DASHES or bool(SCORE.match(text))
    return False


def _label_before(tokens: list[str], i: int, form: Form) -> str | None:
    """The funds row label whose words end right before token ``i`` (the longest of up to three tokens)."""
    for size in range(min(MAX_LABEL, i), 0, -1):
        words = tokens[i - size:i]
        if any(_FIGURE.match(w) for w in words):
            continue
        if row_label("".join(words)) in form.rows:
            return "".join(words)
    return None


def fund_rows_table(line: str, line_no: int, page: int | None) -> Table | None:
    """The 项目资金 rows read from one line of flattened 自评表 text whose header is scattered, or None."""
    form = _form()
    if form is None or "执行率" not in line or "分值" not in line:
        return None
    tokens = words(line)
    roles = [_role(t) for t in tokens]
    cols = [c for c in form.header if c in roles]  # the columns the line names, in the form's order
    if len(cols) < len(form.header) - 1 or not set(cols) >= _NEEDED:
        return None
    rows: list[list[str]] = []
    for i in range(1, len(tokens) - len(cols) + 1):
        cells = tokens[i:i + len(cols)]
        if not all(_fits(r, c) for r, c in zip(cols, cells, strict=True)):
            continue
        if i + len(cols) < len(tokens) and _FIGURE.match(tokens[i + len(cols)]):
            continue  # a figure after the last cell: the row holds more cells than the columns
        label = _label_before(tokens, i, form)
        if label is None:
            continue
        if not rows and not _header_in_order(roles[:i], cols, form.min):
            return None
        rows.append([label, *cells])
    if not rows:
        return None
    header = ["项目", *(_header_text(tokens, roles, c) for c in cols)]
    table_rows = [header, *rows]
    return Table(number=0, rows=grid(table_rows, lines=[[line_no] * len(header) for _ in table_rows]), source="text",
                 page=page, caption=form.name, line=line_no, rebuilt=True, form=form.id, notes=(NOTE, INCOMPLETE))


def _header_in_order(seen: list[str | None], cols: list[str], least: int) -> bool:
    """Do the header words before the first row name at least ``least`` of the form's columns, in the form's order?"""
    order = [r for r in seen if r in cols]
    firsts = list(dict.fromkeys(order))
    return len(firsts) >= least and firsts == sorted(firsts, key=cols.index)


def _header_text(tokens: list[str], roles: list[str | None], col: str) -> str:
    """The column's header word as written (without its broken ratio label)."""
    k = roles.index(col)
    return _OPEN_LABEL.sub("", tokens[k])
