"""Flattened table text rebuilt into rows where its header sequence identifies a known form.

Published reports often carry their 自评表 as text: the cells one per line, a row per line, every cell
on one line, cells separated by spaces or by "|", because the table was pasted into a web page or
extracted from a PDF. Empty cells vanish (or survive as a bare "|"), merged cells appear once and text
cells break at their spaces. This module finds the header sequence of a form in ``data/forms.yaml``
(e.g. 年初预算数 全年预算数 全年执行数 分值 执行率 得分, or 一级指标 … 分值 得分) and rebuilds the rows
that follow:

- rows are cut where the layout says so: in the 项目资金 block at its known row labels (年度资金总额,
  其中：财政拨款 …); among the indicators after each run of figures (every indicator row ends in its
  分值 and 得分, perhaps followed by a reason);
- the cells of a row are placed in the columns by :mod:`jixiao.audit.align` — by what they can be, and
  only where every placement that fits agrees;
- a header of two rows (年度指标值 over 指标值 | 度量单位) is merged; a block label before the header
  ("绩效指标（90分）") is kept as the table's stated total.

A row that cannot be rebuilt with confidence is left out and the table is marked ``incomplete`` (then
no sum is judged over it); why is said in ``Table.notes``. Everything here is linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from jixiao.audit.align import MONEY_COLUMNS, SCORE_COLUMNS, Placement, kind, place
from jixiao.audit.docmodel import DECLARED, INCOMPLETE, TOTAL_EITHER, UNSUMMED, Table, grid
from jixiao.audit.forms import Form, Vocabulary, clean_header, header_matches, row_label, vocabulary
from jixiao.audit.fundblocks import role_of
from jixiao.audit.headings import CHAPTER
from jixiao.audit.tables import cell_value_text
from jixiao.audit.tokens import Token, tokenize

_BLOCK = re.compile(r"^(?P<name>[^()（）]{0,20})[（(]\s*(?P<w>\d{1,3}(?:\.\d+)?)\s*分[)）]$")
_TOTAL_WORDS = ("总分", "合计", "总计", "总得分", "得分合计", "分值合计")
_STOP = ("评价结论", "存在问题", "改进措施", "注:", "注：", "说明:", "说明：", "填表人", "项目负责人", "财务负责人",
         "单位负责人", "联系电话", "年度总体目标", "总体目标", "年度绩效指标完成情况", "备注:", "备注：")
MAX_HEADER_JOIN = 3
_YEAR = re.compile(r"^(?:19|20)\d{2}年度?")


@dataclass
class _Header:
    start: int  # token index of the first header token
    end: int  # token index after the header
    roles: list[str]
    texts: list[str]
    form: Form
    declared: str = ""  # a block label just before the header: "绩效指标（90分）"
    declared_line: int = 0  # its line index


_LEVEL_WEIGHT = re.compile(r"^[（(]\s*\d{1,3}(?:\.\d+)?\s*分\s*[)）]$")  # a level cell stating only its 分值: "（20分）"
_RULE_NOTE = re.compile(r"[（(]\s*\d{1,3}\s*分\s*[*×xX]")  # a scoring rule in a header cell: "得分 (20分*执行率)"
MAX_HEADER_RUN = 24  # header words in one run: no form's header (two rows of it) has more


class HeaderWords:
    """The header word that starts at each token of a text: (role, text, tokens it joins), or None. Runs of header
    words are read from many starts — every token, and again inside each table to see where the next begins — so
    each token's lookup (joining up to MAX_HEADER_JOIN cells, cleaning, two dictionary reads) is made once and kept."""

    def __init__(self, tokens: list[Token], vocab: Vocabulary) -> None:
        self.tokens = tokens
        self.vocab = vocab
        self._at: dict[int, tuple[str, str, int] | None] = {}

    def at(self, k: int) -> tuple[str, str, int] | None:
        if k not in self._at:
            self._at[k] = self._lookup(k)
        return self._at[k]

    def _lookup(self, k: int) -> tuple[str, str, int] | None:
        tokens, roles = self.tokens, self.vocab.roles
        for size in range(min(MAX_HEADER_JOIN, len(tokens) - k), 0, -1):
            if any(_LEVEL_WEIGHT.match(t.text) for t in tokens[k + 1:k + size]):
                continue  # "得分 | (20分) | (10分)": the cells after a header word are level cells of the body
            text = "".join(t.text for t in tokens[k:k + size])
            key = clean_header(text)
            role = roles.get(key) or roles.get(_YEAR.sub("", key))  # "2020年度支出（万元）" → 支出
            if role is not None:
                return role, text, size
        return None


def _header_run(words: HeaderWords, i: int) -> tuple[list[str], list[str], int]:
    """The run of header words from token ``i``: (roles, texts, end)."""
    roles: list[str] = []
    texts: list[str] = []
    tokens = words.tokens
    n = len(tokens)
    k = i
    while k < n and len(roles) < MAX_HEADER_RUN:  # bounded: a run of header words from every token stays linear
        hit = words.at(k)
        if hit is None:
            break
        after = tokens[k + hit[2]] if k + hit[2] < n else None
        if roles and after is not None and after.kind in ("N", "P") and not (hit[0] == "score" and (
                "weight" in roles or _RULE_NOTE.search(hit[1]))):
            break  # "合计 4432": a row's label, not a column's ("分值 执行率 得分 65.66 …", "得分 (20分*执行率) 285.84 …":
            # the header's last word)
        roles.append(hit[0])
        texts.append(hit[1])
        k += hit[2]
    return roles, texts, k


def _find_header(words: HeaderWords, i: int) -> _Header | None:
    tokens, vocab = words.tokens, words.vocab
    roles, texts, end = _header_run(words, i)
    if len(roles) < 2 or (len(roles) == 2 and roles[0] != "name"):
        return None
    levels = ("level1", "level2", "level3")
    p = roles.index("level1") if "level1" in roles[2:] and roles[0] not in levels else 0
    if p and len(roles) - p >= 3 and "level2" in roles[p:]:
        # a two-row header on one line: "年度指标值 | 实际完成值 | 分值 | 得分 | 一级指标 | 二级指标 | 三级指标 | 指标值 |
        # 度量单位" — the second row refines the first's left part (as when it comes on the next line)
        keep = [(r, t) for r, t in zip(roles[:p], texts[:p], strict=True) if r not in roles[p:]]
        roles, texts = roles[p:] + [r for r, _ in keep], texts[p:] + [t for _, t in keep]
    # A group header ("年度预算数（万元）" over 年初预算/调整后预算) repeats a role found later: drop it.
    while len(roles) > 3 and roles[0] in roles[1:] and roles[0] not in ("level1", "level2", "level3"):
        roles, texts = roles[1:], texts[1:]
    # A second header row right below refines the left part ("年度指标值" over 指标值 | 度量单位).
    k = end
    while k < len(tokens) and tokens[k].text == "":
        k += 1
    roles2, texts2, end2 = _header_run(words, k) if k < len(tokens) else ([], [], k)
    if len(roles2) >= 3 and roles2[0] in ("level1", "level2", "level3", "name") and roles[0] not in roles2[:1]:
        keep = [(r, t) for r, t in zip(roles, texts, strict=True) if r not in roles2]
        roles = roles2 + [r for r, _ in keep]
        texts = texts2 + [t for _, t in keep]
        end = end2
    best = max(vocab.forms, key=lambda f: (header_matches(f, roles), -len(f.header)))
    if header_matches(best, roles) < best.min or (best.kind == "ledger" and roles[0] != "name"):
        return None
    declared, declared_line = "", 0
    for back in range(i - 1, max(i - 3, -1), -1):
        t = tokens[back].text
        if t == "":
            continue
        if _BLOCK.match(t):
            declared, declared_line = t, tokens[back].line
        break
    return _Header(i, end, roles, texts, best, declared, declared_line)


def _in_order(values: list[Token], placed: tuple[str | None, ...]) -> list[Token | None]:
    """The token each placed column holds, taken in order (two equal figures on a row keep their own lines)."""
    out: list[Token | None] = []
    at = 0
    for v in placed:
        if not v:
            out.append(None)
            continue
        k = next((k for k in range(at, len(values)) if values[k].text == v), None)
        if k is None:
            out.append(None)
            continue
        out.append(values[k])
        at = k + 1
    return out


def _is_stop(text: str, heading: bool = True) -> bool:
    """Does this text end a table (a closing label, a heading, a paragraph)? ``heading=False``: a numbered text
    ("一、示范区建立") is a row's name here, not a heading."""
    text = text.replace(" ", "").replace("\u3000", "")  # "年度 总体 目标": a merged cell's broken lines
    return text.startswith(_STOP) or (heading and bool(CHAPTER.match(text))) or (len(text) >= 60 and "。" in text)


def _row_cell(tokens: list[Token], i: int) -> bool:
    """Is token ``i`` a cell of a "|" row that holds a figure after it (a row of the table, not a heading line)?"""
    tok = tokens[i]
    if tok.cell is None:
        return False
    for t in tokens[i + 1:i + 12]:
        if t.line != tok.line:
            return False
        if t.kind in ("N", "P") or _VALUE_CELL.match(t.text):
            return True
    return False


# a 指标值 / 完成值 cell: a figure with a comparison sign or a unit ("≧20000亩", "5000户", "≥90%", ">=4754人",
# "<=5300元/户", "583元/人*月")
_VALUE_CELL = re.compile(r"^(?:[≥≤><≧≦＞＜]=?|[=＝])?\s*\d[\d,]*(?:\.\d+)?\s*(?:%|％|[\u4e00-\u9fff]{1,3}(?:[/*·][\u4e00-\u9fff]{1,2}){0,2})?$")


@dataclass
class Rebuilt:
    table: Table | None
    lines: set[int]


_UNIT_NOTE = re.compile(r"^(?:金额)?单位[:：]\s*(?:万元|元|千元|亿元)$")


def _table(h: _Header, rows: list[list[str]], row_lines: list[list[int | None]], page: int | None,
           first_line: int, tokens: list[Token], notes: list[str],
           spans: dict[tuple[int, int], tuple[int, int]] | None = None) -> Table:
    # a unit note just before the header ("单位：万元") goes with the form's name into the caption
    unit = next((t.text for t in tokens[max(0, h.start - 4):h.start] if _UNIT_NOTE.match(t.text.replace(" ", ""))), "")
    caption = f"{h.form.name} {unit}" if unit else h.form.name
    return Table(number=0, rows=grid(rows, lines=row_lines, spans=spans), source="text", page=page, caption=caption,
                 line=first_line + tokens[h.start].line, rebuilt=True, form=h.form.id, notes=tuple(notes))


# ---------------------------------------------------------------- money forms


def is_form_row(text: str, form: Form) -> bool:
    """A row label of the form's block: one it lists, or in a funds block a source of funds named by its level of
    government and kind of fund ("其中:中央、省补助", "县级财政资金": data/funding.yaml), as the 自评表 of each
    province names its rows."""
    return row_label(text) in form.rows or (form.kind == "money" and role_of(text) == "source")


def _row_label_suffix(texts: list[Token], form: Form) -> int | None:
    """Index in ``texts`` where a known row label starts (the text before it ends the previous row)."""
    first = max(0, len(texts) - 6)
    for k in range(first, len(texts)):  # the longest suffix that is a row label
        if is_form_row("".join(t.text for t in texts[k:]), form):
            return k
    for k in range(len(texts) - 1, first - 1, -1):  # else the shortest that ends in one
        label = row_label("".join(t.text for t in texts[k:]))
        if any(label.endswith(r) and len(r) >= 3 for r in form.rows):
            return k
    return None


MAX_ROW_TEXTS = 24  # text cells before a row's figures in a 资金 block (labels with no figures, a wrapped label)


def _money(tokens: list[Token], h: _Header, page: int | None, first_line: int) -> tuple[Rebuilt, int]:
    cols = list(h.roles)
    rows: list[list[str]] = [["项目", *h.texts]]
    row_lines: list[list[int | None]] = [[first_line + tokens[h.start].line] * (len(cols) + 1)]
    used = {t.line for t in tokens[h.start:h.end]}
    notes: list[str] = []
    numeric = vocabulary().numeric

    def add_row(label: str, label_line: int, values: list[Token]) -> None:
        used.update(t.line for t in values)
        placed = place([t.text for t in values], list(cols), MONEY_COLUMNS)
        if _score_without_weight(placed.columns, cols):
            # a row that states its 得分 has its 分值: a placement that fills one more amount column by leaving
            # the 分值 empty ("387664.62 387664.62 10 100% 10" read as 执行数 10) misreads a dropped empty cell
            placed = place([t.text for t in values], list(cols), MONEY_COLUMNS, frozenset({"weight"}))
        cells = [""] * len(cols)
        cell_lines: list[int | None] = [None] * len(cols)
        unsure = [cols[j] for j, v in enumerate(placed.columns) if v is None and cols[j] in numeric]
        if not placed.fitted or unsure:
            notes.append(f"“{label}”一行的数字无法唯一对应到各列，未判断")
            notes.append(INCOMPLETE)
        for j, (v, tok) in enumerate(zip(placed.columns, _in_order(values, placed.columns), strict=True)):
            if v and cols[j] in numeric:
                cells[j] = v
                cell_lines[j] = first_line + tok.line if tok is not None else None
        rows.append([label, *cells])
        row_lines.append([first_line + label_line, *cell_lines])

    i, n = h.end, len(tokens)
    ahead = _labels_ahead(tokens, h)
    if ahead:
        # the figures come first, their rows' labels stood before the header ("年度资金总额 其中:当年财政拨款 …
        # 全年预算数 全年执行数 分值 执行率 得分 65.66 65.07 10 99% 9 65.66 65.07 — 99% —"): a run of exactly one
        # full row of cells per label is those rows, in order
        run_end = i
        while run_end < n and tokens[run_end].kind != "T":
            run_end += 1
        if run_end - i == len(ahead) * len(cols):
            for r, tok in enumerate(ahead):
                used.add(tok.line)
                add_row(tok.text, tok.line, tokens[i + r * len(cols):i + (r + 1) * len(cols)])
            i = run_end
    while i < n:
        texts: list[Token] = []
        start = i
        while i < n and ((tokens[i].kind == "T" and not _is_stop(tokens[i].text)) or tokens[i].text == ""):
            if tokens[i].kind == "T":
                texts.append(tokens[i])
                if len(texts) > MAX_ROW_TEXTS:
                    break  # prose after the block: not read to its end from every header found in it
            i += 1
        if not texts:
            break  # figures before any row label, or the end: not this table
        k = _row_label_suffix(texts, h.form) if len(texts) <= MAX_ROW_TEXTS else None
        if k is None:
            for t in _leading_labels(texts, h.form) if len(rows) > 1 else []:  # the block's last rows, empty
                rows.append([t.text, *[""] * len(cols)])
                row_lines.append([first_line + t.line, *[None] * len(cols)])
                used.add(t.line)
            i = start
            break
        for t in texts[:k]:  # row labels with no figures before this one ("上年结转资金", "其他资金"): empty rows
            if is_form_row(t.text, h.form) and len(rows) > 1:
                rows.append([t.text, *[""] * len(cols)])
                row_lines.append([first_line + t.line, *[None] * len(cols)])
                used.add(t.line)
        label = "".join(t.text for t in texts[k:])
        values: list[Token] = []
        while i < n and tokens[i].kind != "T":
            values.append(tokens[i])
            i += 1
        used.update(t.line for t in texts[k:])
        add_row(label, texts[k].line, values)
    if len(rows) < 2:
        return Rebuilt(None, used), i
    return Rebuilt(_table(h, rows, row_lines, page, first_line, tokens, notes), used), i


def _leading_labels(texts: list[Token], form: Form) -> list[Token]:
    """The form's row labels that open ``texts``, in order ("地方资金 | ||| 其他资金 | ||| 资金管理情况 …": the
    block's last rows, with no figures, before the text after the block)."""
    out: list[Token] = []
    for t in texts:
        if not is_form_row(t.text, form):
            break
        out.append(t)
    return out


MAX_LABELS_AHEAD = 8  # tokens looked at before a 资金 header for its rows' detached labels


def _labels_ahead(tokens: list[Token], h: _Header) -> list[Token]:
    """The form's row labels written just before the header (a sheet flattened column by column), in order,
    when the header is followed by figures; none when a figure stands between them and the header."""
    if h.end >= len(tokens) or tokens[h.end].kind == "T":
        return []
    out: list[Token] = []
    for tok in reversed(tokens[max(0, h.start - MAX_LABELS_AHEAD):h.start]):
        if tok.kind != "T":
            break
        if is_form_row(tok.text, h.form):
            out.insert(0, tok)
    return out


def _score_without_weight(placed: tuple[str | None, ...], cols: list[str]) -> bool:
    if "weight" not in cols or "score" not in cols:
        return False
    return placed[cols.index("weight")] == "" and bool(placed[cols.index("score")])


# ---------------------------------------------------------------- amount tables (决算, “三公”)

MAX_LABEL_TOKENS = 4
LEDGER_COLUMNS = frozenset({"budget_final", "actual", "amount", "last_year"})


def _ledger(words: HeaderWords, h: _Header, page: int | None, first_line: int) -> tuple[Rebuilt, int]:
    """项目 | 预算数 | 决算数 … : every row is a name followed by its figures; a run of more than a few text
    cells (prose) or a stop word ends the table."""
    tokens = words.tokens
    cols = list(h.roles)
    rows: list[list[str]] = [list(h.texts)]
    row_lines: list[list[int | None]] = [[first_line + tokens[h.start].line] * len(cols)]
    used = {t.line for t in tokens[h.start:h.end]}
    notes: list[str] = []
    # a two-line header flattened from a table written a row per line (not one cell per line)
    head_lines = [t.line for t in tokens[h.start:h.end] if t.kind == "T"]
    stacked = len(set(head_lines)) > 1 and len(set(head_lines)) < len(head_lines)
    i, n = h.end, len(tokens)
    while i < n:
        texts: list[Token] = []
        start = i
        while i < n and (tokens[i].kind == "T" or tokens[i].text == ""):
            if tokens[i].kind == "T":
                if _is_stop(tokens[i].text) or len(tokens[i].text) > 30 or (
                        tokens[i].text[:1] in _FIRST_CHARS and _find_header(words, i) is not None):
                    break
                texts.append(tokens[i])
            i += 1
            if len(texts) > MAX_LABEL_TOKENS:
                break
        if not texts or len(texts) > MAX_LABEL_TOKENS or (i < n and tokens[i].kind == "T"):
            i = start
            break
        values: list[Token] = []
        while i < n and tokens[i].kind != "T":
            values.append(tokens[i])
            i += 1
        label = "".join(t.text for t in texts)
        placed = place([t.text for t in values], cols[1:], LEDGER_COLUMNS)
        cells = [label] + [""] * (len(cols) - 1)
        lines_of: list[int | None] = [first_line + texts[0].line] + [None] * (len(cols) - 1)
        filled = [t for t in values if t.kind != "D"]
        # a header whose words run over several lines (a two-line header flattened) and a row with fewer
        # figures than it has figure columns: which columns are empty is a guess, not a reading
        guessed = stacked and 0 < len(filled) < len(cols) - 1 and len({t.line for t in values}) == 1
        if filled and (guessed or not placed.fitted or any(v is None for v in placed.columns)):
            notes.append(f"“{label}”一行的数字无法唯一对应到各列，未判断")
            notes.append(INCOMPLETE)
        else:
            for j, (v, tok) in enumerate(zip(placed.columns, _in_order(values, placed.columns), strict=True), start=1):
                if v:
                    cells[j] = v
                    lines_of[j] = first_line + tok.line if tok is not None else None
        used.update(t.line for t in texts)
        used.update(t.line for t in values)
        rows.append(cells)
        row_lines.append(lines_of)
    if len(rows) < 3:
        return Rebuilt(None, used if len(rows) > 1 else {t.line for t in tokens[h.start:h.end]}), max(i, h.end)
    return Rebuilt(_table(h, rows, row_lines, page, first_line, tokens, notes), used), i


# ---------------------------------------------------------------- score forms


def _scores(words: HeaderWords, h: _Header, page: int | None, first_line: int) -> tuple[Rebuilt, int]:
    tokens = words.tokens
    cols = list(h.roles)
    used = {t.line for t in tokens[h.start:h.end]}
    if "weight" not in cols and "score" in cols and "level3" in cols:
        named = _named_weights(tokens, h, page, first_line)
        if named[0].table is not None or tokens[h.start].cell is None:
            return named
        # "|" rows of 一级/二级/三级指标 … 得分 with no 分值 anywhere: each row a line, ending in its 得分
    if "score" not in cols or ("weight" not in cols and tokens[h.start].cell is None):
        return Rebuilt(None, used), h.end
    w_at, s_at = (cols.index("weight") if "weight" in cols else None), cols.index("score")
    l1 = cols.index("level1") if "level1" in cols else None
    name_col = max((k for k, r in enumerate(cols) if r in ("level1", "level2", "level3", "name")), default=0)
    rows: list[list[str]] = [list(h.texts)]
    row_lines: list[list[int | None]] = [[first_line + tokens[h.start].line] * len(cols)]
    notes: list[str] = []
    if h.declared and w_at is not None:
        m = _BLOCK.match(h.declared)
        assert m is not None
        top = [""] * len(cols)
        top[name_col], top[w_at] = h.declared, m.group("w")
        rows.append(top)
        row_lines.append([first_line + h.declared_line] * len(cols))
        notes.append(DECLARED)
    block = ""
    l2 = cols.index("level2") if "level2" in cols else None
    block2, block2_id, nested, last_block = "", 0, False, -1  # the second-level block and whether levels nest
    block_line = block2_line = 0  # the lines of the block labels (token line indices)
    reason_at = cols.index("reason") if "reason" in cols and cols.index("reason") == s_at + 1 else None
    last_end: Token | None = None  # the last cell of the row read before
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    origin2: tuple[int, int] = (-1, 0)  # (block2_id, row index) of the row holding the block's own cell
    row: list[Token] = []  # the tokens of the row being read
    i, n = h.end, len(tokens)
    total_seen = False
    while i < n:
        tok = tokens[i]
        if tok.kind == "T":
            if _is_stop(tok.text, not _row_cell(tokens, i)) or (
                    tok.text[:1] in _FIRST_CHARS and _find_header(words, i) is not None):
                break
            at = _level_at(tokens, i, name_col)
            level = _level_cell(tok.text) if at is not None and at in (l1, l2) and at != name_col else None
            if level is not None and not _has_figures(row):
                # a level cell of a "|" row that states only its 分值: its column is known from where the row's
                # name sits (a row-spanned cell above it leaves its place empty, so short rows lack leading cells)
                if at == l1:
                    block, block2, block_line = f"{level[0]}（{level[1]}分）", "", tok.line
                else:
                    block2, nested, block2_line = f"{level[0]}（{level[1]}分）", True, tok.line
                    block2_id += 1
                last_block = i
                used.add(tok.line)
                i += 1
                continue
            m = _BLOCK.match(tok.text)
            after_block = last_block == _previous_filled(tokens, i) and l2 is not None and l2 != name_col and not row
            if m and (not m.group("name") or _first_level(m.group("name")) or after_block) and not _has_figures(row):
                name = m.group("name")
                if not name and row and _first_level("".join(t.text for t in row)):
                    name = "".join(t.text for t in row)
                    used.update(t.line for t in row)
                    row = []
                text = f"{name}（{m.group('w')}分）"
                if after_block:
                    block2, nested, block2_line = text, True, tok.line  # a second block label right after the first
                    block2_id += 1
                else:
                    k = i + 1
                    while k < n and tokens[k].text == "":
                        k += 1
                    paired = k < n and _BLOCK.match(tokens[k].text) is not None  # a first level opening its second
                    if nested and not paired:  # labels of two levels seen, and nothing says which level this one is
                        notes.append(f"“{tok.text}”属于哪一级指标无法确定，未判断")
                        notes.append(INCOMPLETE)
                    block, block2, block_line = text, "", tok.line
                last_block = i
                used.add(tok.line)
                i += 1
                continue
            row.append(tok)
            i += 1
            continue
        run: list[Token] = []
        while i < n and tokens[i].kind != "T":
            run.append(tokens[i])
            i += 1
        opening = _names(row)
        if reason_at is not None and last_end is not None and len(opening) > 1 and _next_cell(last_end, opening[0]) and (
                not rows[-1][reason_at]):
            # "… | 20 | 19 | 个别学员认为时间短 | 总分 | 100 |": the cell right after a row's 得分 on its line is its reason
            rows[-1][reason_at] = opening[0].text
            opening = opening[1:]
        names = _own_name(opening)
        label = "".join(t.text for t in names)
        is_total = row_label(label).endswith(_TOTAL_WORDS)
        if is_total and any(t.kind == "N" for t in run):
            # "个别学员认为时间短 | 总分 | 100 | 98.6": the row before left its reason cell glued to the total's label
            label = max((w for w in _TOTAL_WORDS if row_label(label).endswith(w)), key=len)
        if all(t.kind == "D" for t in run) and not _has_figures(row):
            part = _part_row(row, cols) if not is_total and (l2 is None or not block2) else None
            if part is not None:
                # "其中桃树种植面积 | 1.5亩 | 1.5亩 |": a part of the indicator above, with its 指标值 and 完成值 only
                part_cells = [""] * len(cols)
                part_lines: list[int | None] = [None] * len(cols)
                for j, tok in part.items():
                    part_cells[j], part_lines[j] = tok.text, first_line + tok.line
                if l1 is not None and block and l1 != name_col:
                    part_cells[l1], part_lines[l1] = block, first_line + block_line
                rows.append(part_cells)
                row_lines.append(part_lines)
            if row and not is_total:
                used.update(t.line for t in row)
                row = []  # a placeholder row ("指标2：……")
            continue
        reason = _reason_after(row, run, tokens, i, cols, name_col) if reason_at is not None and not is_total else None
        if (not is_total and reason is None and not _ends_row(run) and not _line_ends_row(row, run, tokens, i)
                and len(row) + len(run) < 40):
            row.extend(run)  # figures inside the row (指标值, 完成值): its 分值 and 得分 are still to come
            continue
        full = row + run
        row = []
        last_end = full[-1] if full and full[-1].kind == "N" else None  # its 得分, when the row ends in one
        used.update(t.line for t in full)
        cells = [""] * len(cols)
        lines_of: list[int | None] = [None] * len(cols)
        cells[name_col] = label
        lines_of[name_col] = first_line + names[0].line if names else None
        if is_total:
            nums = [t for t in run if t.kind == "N"]
            if w_at is None:  # a form with no 分值 column: the 总分 row's last figure is its 得分
                if nums:
                    cells[s_at], lines_of[s_at] = nums[-1].text, first_line + nums[-1].line
            elif len(nums) >= 2:
                (cells[w_at], cells[s_at]) = (nums[-2].text, nums[-1].text)
                (lines_of[w_at], lines_of[s_at]) = (first_line + nums[-2].line, first_line + nums[-1].line)
            elif len(nums) == 1:
                cells[w_at], lines_of[w_at] = nums[0].text, first_line + nums[0].line
                notes.append(TOTAL_EITHER)
            rows.append(cells)
            row_lines.append(lines_of)
            total_seen = True
            break
        placed = place([t.text for t in full], cols, SCORE_COLUMNS)
        if w_at is not None and placed.fitted and (placed.columns[w_at] is None or placed.columns[s_at] is None):
            placed = _by_position(placed, full, names, cols, name_col, w_at, s_at)
        weight, score = placed.columns[w_at] if w_at is not None else "", placed.columns[s_at]
        if not placed.fitted or weight is None or score is None or (not weight and score and w_at is not None):
            notes.append(f"“{label or '某行'}”一行的分值和得分无法确定，未判断")
            notes.append(INCOMPLETE)
            continue
        for j, (v, tok2) in enumerate(zip(placed.columns, _in_order(full, placed.columns), strict=True)):
            if j != name_col and v and (kind(v) != "T" or (cols[j] in ("target", "achieved") and _VALUE_CELL.match(v))):
                cells[j] = v
                lines_of[j] = first_line + tok2.line if tok2 is not None else None
        if l1 is not None and block and l1 != name_col:
            cells[l1] = block
            lines_of[l1] = first_line + block_line  # the block's 分值 is stated on the label's line
        if l2 is not None and block2 and l2 != name_col:
            cells[l2] = block2
            lines_of[l2] = first_line + block2_line
            if origin2[0] == block2_id:  # the block's later rows copy its merged cell
                spans[(len(rows), l2)] = (origin2[1], l2)
            else:
                origin2 = (block2_id, len(rows))
        if reason is not None and reason_at is not None:
            cells[reason_at], lines_of[reason_at] = reason.text, first_line + reason.line
            used.add(reason.line)
            i += 1
        rows.append(cells)
        row_lines.append(lines_of)
    if len(rows) < 3:
        return Rebuilt(None, used), i
    if not total_seen:
        notes.append("表格未见总分行，可能被截断")
    return Rebuilt(_table(h, rows, row_lines, page, first_line, tokens, notes, spans), used), i


_BARE_WEIGHT = re.compile(r"^[（(]\s*(?P<w>\d{1,3}(?:\.\d+)?)\s*分?\s*[)）]$")  # "(10)"
_INNER_WEIGHT = re.compile(r"^[（(](?P<name>[^()（）\d]{1,12}?)\s*(?P<w>\d{1,3}(?:\.\d+)?)\s*分[)）]$")  # "(特性指标70分)"


def _level_cell(text: str) -> tuple[str, str] | None:
    """(name, 分值) of a level cell that states its 分值: "产出指标(50分)", "(20分)", "(10)", "(特性指标70分)"."""
    for pattern in (_BLOCK, _BARE_WEIGHT, _INNER_WEIGHT):
        m = pattern.match(text)
        if m:
            return (m.groupdict().get("name") or "").strip(), m.group("w")
    return None


def _level_at(tokens: list[Token], i: int, name_col: int) -> int | None:
    """The column of a cell of a "|" row, counted from the row's name cell (the first text cell after it on
    its line, which sits in the form's name column): cells merged from the rows above are missing on the
    left, never in the middle. None when the line has no pipes or no name."""
    tok = tokens[i]
    if tok.cell is None:
        return None
    for t in tokens[i + 1:i + 12]:
        if t.line != tok.line or t.cell is None:
            return None
        if t.kind == "T" and _level_cell(t.text) is None:
            at = tok.cell + name_col - t.cell
            return at if 0 <= at < name_col else None
    return None


def _previous_filled(tokens: list[Token], i: int) -> int:
    """Index of the last non-empty token before ``i`` (-1 when none)."""
    k = i - 1
    while k >= 0 and tokens[k].text == "":
        k -= 1
    return k


_NAMED = re.compile(r"(?P<name>[^()（）]{0,40}?(?:[（(][^()（）\d]{1,12}[)）][^()（）]{0,40}?){0,3})"
                    r"[（(]\s*(?P<w>\d{1,3}(?:\.\d+)?)\s*分\s*[)）]")


def _named_weights(tokens: list[Token], h: _Header, page: int | None, first_line: int) -> tuple[Rebuilt, int]:
    """一级指标 | 二级指标 | 三级指标 | 得分 with each 分值 written in its name ("相关性(5 分)"), flattened row by
    row: a row is the level names it opens (merged cells appear once, on their first row) and then its
    得分, so k names before a 得分 fill the last k level columns. Rows of named blocks are kept with their
    分值; names after the last 得分 (a cut table) are dropped."""
    levels = [h.roles.index(r) for r in ("level1", "level2", "level3") if r in h.roles]
    head = ["一级指标", "二级指标", "三级指标", "分值", "得分"][-(len(levels) + 2):]
    rows: list[list[str]] = [head]
    row_lines: list[list[int | None]] = [[first_line + tokens[h.start].line] * len(head)]
    used = {t.line for t in tokens[h.start:h.end]}
    pending: list[Token] = []
    notes = ["分值写在指标名称中，按行序还原"]
    trailing = len(h.roles) - 1 - max(k for k, r in enumerate(h.roles) if r == "score")  # columns after the 得分

    def emit(score: Token | None) -> bool:
        """The rows the pending names open, the last with this 得分 (None: blank); False when they are not
        a row of named 分值 (the layout ends there)."""
        text = "".join(t.text for t in pending)
        names: list[tuple[str, str]] = [(m.group(0), m.group("w")) for m in _NAMED.finditer(text)
                                         if m.group("name").strip()]
        rest = text[sum(len(n) for n, _ in names):]
        placeholder = bool(names) and score is None and bool(_PLAIN_NAME.match(rest))
        if placeholder:
            # "| 部门绩效情况(45分) | 履职成效(20分) | 部门特性指标 |": a last name without 分值 (a placeholder the unit
            # fills in) is a row of unknown 分值 — its block is not summed, the blocks above it are
            names.append((rest, ""))
        if not names or len(names) > len(levels) or "".join(n for n, _ in names) != text:
            return False
        if placeholder:
            notes.append(f"{UNSUMMED}{len(rows) + len(names) - 1}")  # the placeholder's parent (1-based row)
        first = len(levels) - len(names)
        for k, (name, weight) in enumerate(names):
            cells = [""] * len(head)
            cells[first + k] = name
            cells[len(levels)] = weight
            lines: list[int | None] = [first_line + pending[0].line] * len(head)
            if k == len(names) - 1 and score is not None:
                cells[len(levels) + 1] = score.text
                lines[len(levels) + 1] = first_line + score.line
            rows.append(cells)
            row_lines.append(lines)
        used.update(t.line for t in pending)
        if score is not None:
            used.add(score.line)
        pending.clear()
        return True

    i, n = h.end, len(tokens)
    while i < n:
        tok = tokens[i]
        # "| 部门决策(25分) | 目标任务(15分) | 相关性(5分) |": a row a line, its 得分 cell blank (a form not yet
        # scored); the next line opens the next row
        if pending and _pipe_row_ended(pending, tok) and not emit(None):
            break
        if tok.kind == "T":
            if _is_stop(tok.text) or (pending and len("".join(t.text for t in pending)) > 120):
                break
            pending.append(tok)
            i += 1
            continue
        if tok.kind == "D" and tok.cell is not None and (not pending or tok.line == pending[-1].line):
            # an empty cell of a "|" row ("| |" between rows), or the row's own blank 得分 ("| 满意度(4分) | |")
            if pending and not emit(None):
                break
            i += 1
            continue
        if tok.kind != "N" or not pending or not emit(tok):
            break
        i += 1
        # "| 决策依据(4分) | 4 | 符合法规(1分) 列入计划(3分) |": the cells after the 得分 on its "|" row are the
        # row's own columns (评分标准, 原因), not the names of the next row
        after = 0
        while (i < n and tok.cell is not None and tokens[i].line == tok.line and tokens[i].cell is not None
               and after < trailing):
            used.add(tokens[i].line)
            i += 1
            after += 1
    if len(rows) < 3:
        return Rebuilt(None, used), i
    if not any("总分" in r[0] or "合计" in r[0] for r in rows):
        notes.append("表格未见总分行，可能被截断")
    return Rebuilt(_table(h, rows, row_lines, page, first_line, tokens, notes), used), i


_PLAIN_NAME = re.compile(r"^[^()（）\d]{2,20}$")


def _pipe_row_ended(pending: list[Token], tok: Token) -> bool:
    """Do the pending names make a whole "|" row (all on one line) that ``tok``, on a later line, follows?"""
    last = pending[-1]
    return (last.cell is not None and tok.line != last.line and tok.kind != "N"  # a figure there is its 得分
            and all(t.line == last.line for t in pending))


def _has_figures(row: list[Token]) -> bool:
    return any(t.kind != "T" for t in row)


def _names(row: list[Token]) -> list[Token]:
    """The text tokens that open a row (its names), before its first figure."""
    out: list[Token] = []
    for t in row:
        if t.kind != "T":
            break
        out.append(t)
    return out


def _part_row(row: list[Token], cols: list[str]) -> dict[int, Token] | None:
    """The cells of a "其中" row that states only its 指标值 and 完成值 ("其中露天蔬菜 | 20亩 | 20亩 |"), by column, or
    None when the row is not one: a name starting with 其中, then exactly two figures with a unit or sign."""
    if "target" not in cols or "achieved" not in cols or len(row) != 3 or row[0].kind != "T":
        return None
    name, target, achieved = row
    if not row_label(name.text).startswith("其中") and not name.text.startswith("其中"):
        return None
    if not all(_VALUE_CELL.match(t.text) for t in (target, achieved)) or len({t.line for t in row}) != 1:
        return None
    name_col = max(k for k, r in enumerate(cols) if r in ("level1", "level2", "level3", "name"))
    return {name_col: name, cols.index("target"): target, cols.index("achieved"): achieved}


def _next_cell(a: Token, b: Token) -> bool:
    """Is ``b`` the "|" cell right after ``a`` on its line?"""
    return a.cell is not None and b.cell is not None and a.line == b.line and b.cell == a.cell + 1


def _own_name(names: list[Token]) -> list[Token]:
    """The row's own name among the texts that open it: in a "|" row, its last text cell before its 指标值 and
    完成值 (the cells before it on its line are the level cells it opens: "产出指标 | 数量指标 | 一、示范区建立 |
    ≧20000亩 | 20000亩"); else all of them."""
    if not names or names[-1].cell is None:
        return names
    k = len(names)
    while k > 1 and _VALUE_CELL.match(names[k - 1].text) and names[k - 2].line == names[k - 1].line:
        k -= 1
    if k > 1 and names[k - 2].line == names[k - 1].line:
        return names[k - 1:k]
    return names[:k]


def _ends_row(run: list[Token]) -> bool:
    """Does this run of figures end an indicator row? Yes when it ends in two numbers (分值, 得分), or —
    in a layout that keeps empty cells — in a number followed by empty cells (得分 not filled in)."""
    core = list(run)
    while core and core[-1].kind == "D":
        core.pop()
    if len(core) >= 2 and core[-1].kind == "N" and core[-2].kind == "N":
        return True
    return len(core) < len(run) and bool(core) and core[-1].kind == "N"


def _reason_after(row: list[Token], run: list[Token], tokens: list[Token], i: int, cols: list[str],
                  name_col: int) -> Token | None:
    """The 未完成原因 cell of a row written one cell a line with its empty cells kept ("5 |" / "特困供养对象按动态管理进出 |"
    / "|"): the text right after the row's 得分, when every column from the row's name to its 得分 is filled (the row
    is whole) and an empty cell follows that text on the next line. None otherwise (the text opens the next row)."""
    full = row + run
    after = full[len(_names(row)):]
    if not _names(row) or len(after) != cols.index("score") - name_col or any(t.kind == "D" for t in after) or (
            after[-1].kind != "N") or i + 1 >= len(tokens):
        return None
    text, empty = tokens[i], tokens[i + 1]
    if text.kind != "T" or empty.text != "" or None in (text.cell, empty.cell, after[-1].cell):
        return None
    return text if after[-1].line < text.line < empty.line else None


def _by_position(placed: Placement, full: list[Token], names: list[Token], cols: list[str], name_col: int,
                 w_at: int, s_at: int) -> Placement:
    """A "|" row whose only figure is the cell right after its name, with the 分值 column right after the name
    column: that figure is the 分值 and the 得分 is blank (a form not yet scored). Kinds alone cannot tell a
    lone figure's column; its place in the row can."""
    figures = [t for t in full if t.kind not in ("T", "D")]
    if len(figures) != 1 or not names or w_at != name_col + 1 or s_at <= w_at:
        return placed
    f, name = figures[0], names[-1]
    if f.kind != "N" or f.cell is None or name.cell is None or f.line != name.line or f.cell != name.cell + 1:
        return placed
    columns = [c if k not in (w_at, s_at) else "" for k, c in enumerate(placed.columns)]
    columns[w_at] = f.text
    return replace(placed, columns=tuple(columns))


def _line_ends_row(row: list[Token], run: list[Token], tokens: list[Token], i: int) -> bool:
    """In a layout of "|" rows, one row a line: a row whose 得分 is blank ends with its line ("| 社会效益 | 20 |"
    and the next row on the next line). Only where the row's name and its figures share that line."""
    last = run[-1]
    if last.cell is None or last.kind != "N" or i >= len(tokens) or tokens[i].line == last.line or tokens[i].kind == "N":
        return False
    names = _names(row)
    return bool(names) and names[-1].line == last.line and last.cell >= 1


_FIRST_LEVEL_WORDS = ("产出", "效益", "效果", "满意度", "决策", "过程", "管理", "投入", "履职", "绩效", "项目", "部门",
                      "预算", "综合", "成本", "资金")
_FIRST_CHARS = frozenset(w[0] for w in vocabulary().roles)


def _first_level(name: str) -> bool:
    name = re.sub(r"\s+", "", name)  # "产 出 指 标": a merged cell's characters one per line, joined with spaces
    return any(w in name for w in _FIRST_LEVEL_WORDS)


def find_flattened(lines: list[str], page: int | None, first_line: int, taken: frozenset[int],
                   rows: list[str] | None = None, groups: dict[int, list[int]] | None = None
                   ) -> list[tuple[set[int], Table | None]]:
    """Every recognised flattened table: the line indices it covers and the rebuilt table (None when
    nothing could be rebuilt). Linear in the number of tokens. ``rows`` and ``groups``: the lines with the pipe
    rows broken over several lines joined (:func:`jixiao.audit.readers.lines.join_broken_rows`), which the
    readers of pipe rows read; the others read the lines as written."""
    piped = rows if rows is not None else lines
    joined = groups or {}

    def whole(region: set[int]) -> set[int]:  # a joined row's region holds every line it was made of
        return region.union(*(joined[k] for k in region if k in joined))

    from jixiao.audit.glued import glued_continuation, glued_header, glued_tables, join_pages, page_chunks, row_lines

    out: list[tuple[set[int], Table | None]] = []
    skip = set(taken)
    from jixiao.audit.pipegrid import pipe_grid_tables

    for region, grid_table in pipe_grid_tables(lines, page, first_line, frozenset(skip)):  # 评分表 "|" rows in place
        out.append((region, grid_table))
        skip.update(region)
    for k, raw in enumerate(lines):  # a line holding a whole table with its separators lost
        if k in skip:
            continue
        chunks = page_chunks(lines, k, skip) if glued_header(raw.strip()) else []  # "2、…": the next pages, read on
        below = [] if chunks else row_lines(lines, k, skip)  # a header line alone, then a glued row a line
        text, breaks = join_pages(lines, k, chunks or below, first_line, " " if below else "")
        found = glued_tables(text, first_line + k, page, breaks)
        if not found and not glued_header(raw.strip()):
            continue
        chunks = chunks or (below if found else [])
        # the glued form's text (read or not) and the lines that carry it on are table text: prose rules would
        # bind its run-together figures at random ("…下降1%126…" as a change of 1 %)
        more = set()
        j = k + 1
        while j < len(lines) and j not in taken and glued_continuation(lines[j]):
            more.add(j)
            j += 1
        if more - set(chunks):  # the table goes on past the text read (a page break): its last row and blocks are cut
            found = [replace(t, notes=(*t.notes, "表格文字在下一行继续（换页处），其后各行未读，不判断合计", "incomplete"))
                     for t in found]
        out.extend(({k}, t) for t in found)
        region = more | set(chunks) if found else {k, *more}
        out.append((region, None))
        skip.update({k, *more, *chunks})
    from jixiao.audit.gluedlist import glued_list_tables

    for k, raw in enumerate(lines):  # a 分配表 of names and amounts glued on a line: the line stays prose too
        if k not in skip:
            out.extend((set(), t) for t in glued_list_tables(raw.strip(), first_line + k, page))
    from jixiao.audit.codedcols import coded_tables

    for region, coded in coded_tables(lines, page, first_line, frozenset(skip)):  # columns coded (A)…, 行次 rows
        out.append((region, coded))
        skip.update(region)
    from jixiao.audit.readorder import read_order_cells, read_order_table

    for k, raw in enumerate(lines):  # a 收支总表 sheet read as one line in reading order
        if k not in skip and (table := read_order_table(raw.strip(), first_line + k, page)) is not None:
            out.append(({k}, table))
            skip.add(k)
    for region, table in read_order_cells(lines, first_line, page, frozenset(skip)):  # … one cell per line
        out.append((region, table))
        skip.update(region)
    from jixiao.audit.goalblocks import goal_block_tables

    for region, table in goal_block_tables(piped, page, first_line, frozenset(skip)):  # 得分 per 二级指标, no 分值
        out.append((whole(region), table))
        skip.update(whole(region))
    from jixiao.audit.pipescores import pipe_score_tables

    for region, table in pipe_score_tables(piped, page, first_line, frozenset(skip)):  # 评分表 rows, merged cells gone
        out.append((whole(region), table))
        skip.update(whole(region))
    from jixiao.audit.packed import packed_tables

    for region, table in packed_tables(piped, page, first_line, frozenset(skip)):  # pipe rows, empties moved
        out.append((whole(region), table))
        skip.update(whole(region))
    from jixiao.audit.cellgrid import cell_grid_tables

    for region, table in cell_grid_tables(lines, page, first_line, frozenset(skip)):  # a cell, "|", … empties kept
        out.append((region, table))
        skip.update(region)
    from jixiao.audit.cellforms import cell_score_tables

    for region, table in cell_score_tables(lines, page, first_line, frozenset(skip)):  # a 评分表 cell, "|", …
        out.append((region, table))
        skip.update(region)
    from jixiao.audit.celllines import cell_line_tables

    for region, table in cell_line_tables(lines, page, first_line, frozenset(skip)):  # a cell, "|", a cell …
        out.append((region, table))
        skip.update(region)
    from jixiao.audit.serialrows import serial_tables

    for region, table in serial_tables(lines, page, first_line, frozenset(skip)):  # 序号 |, a cell |, … rows by number
        out.append((region, table))
        skip.update(region)
    from jixiao.audit.paracells import paragraph_tables

    for region, table in paragraph_tables(lines, page, first_line, frozenset(skip)):  # a cell a paragraph
        out.append((region, table))
        skip.update(region)
    from jixiao.audit.paragrid import paragraph_grids

    for region, table in paragraph_grids(lines, page, first_line, frozenset(skip)):  # a name and k figures a row
        out.append((region, table))
        skip.update(region)
    from jixiao.audit.valuerow import value_row_tables

    for region, table in value_row_tables(lines, page, first_line, frozenset(skip)):  # header cells, then one row
        out.append((region, table))
        skip.update(region)
    from jixiao.audit.grouphead import group_header_tables

    for region, table in group_header_tables(piped, page, first_line, frozenset(skip)):  # 金额 | 比例 under groups
        out.append((whole(region), table))
        skip.update(whole(region))
    vocab = vocabulary()
    from jixiao.audit.stacked import join_stacked_headers

    tokens = tokenize(join_stacked_headers(lines, frozenset(skip), vocab), frozenset(skip))  # "年度 实际" / "指标值 完成值"
    words = HeaderWords(tokens, vocab)
    i, n = 0, len(tokens)
    while i < n:
        t = tokens[i].text
        if not t or t[0] not in _FIRST_CHARS:
            i += 1
            continue
        h = _find_header(words, i)
        if h is None:
            i += 1
            continue
        if h.form.kind == "money":
            rebuilt, nxt = _money(tokens, h, page, first_line)
        elif h.form.kind == "ledger":
            rebuilt, nxt = _ledger(words, h, page, first_line)
        else:
            rebuilt, nxt = _scores(words, h, page, first_line)
        out.append((rebuilt.lines, rebuilt.table))
        i = max(nxt, h.end)
    from jixiao.audit.scorerows import score_rows_table

    scored = {k for region, t in out if t is not None and t.form in ("indicators", "scoring") for k in region}
    for k, raw in enumerate(lines):  # a sheet on one line whose header words are scattered: its whole rows alone
        if k not in taken and k not in scored and (table := score_rows_table(raw, first_line + k, page)) is not None:
            out.append(({k}, table))
    from jixiao.audit.fundrows import fund_rows_table

    funds = [(region, t) for region, t in out if t is not None and t.form in ("funds", "transfer_funds")]
    funded = {k for region, t in funds if _holds_figures(t) for k in region}
    for k, raw in enumerate(lines):  # … and its 项目资金 rows, a cell per column (a funds header that read no figure gives way)
        if k not in taken and k not in funded and (table := fund_rows_table(raw, first_line + k, page)) is not None:
            out = [(region, t) for region, t in out if not (k in region and any(t is e for _r, e in funds))]
            out.append(({k}, table))
    return out


def _holds_figures(table: Table) -> bool:
    """Does a rebuilt table hold a figure in a body row (a header that read no row holds none)?"""
    return any(cell_value_text(c.text) is not None for row in table.rows[1:] for c in row[1:])
