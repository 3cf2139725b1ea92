"""Flattened table text rebuilt into rows where its header sequence identifies a known form.

Published reports often carry their 自评表 as text: the cells one per line, a row per line, or every
cell on one line, because the table was pasted into a web page or extracted from a PDF. Empty cells
usually vanish and merged cells appear once. This module recognises the header sequence of a form in
``data/forms.yaml`` (e.g. 年初预算数 全年预算数 全年执行数 分值 执行率 得分) and rebuilds the rows that
follow it:

- ``money`` forms (the 项目资金 block): a row starts at a known row label (年度资金总额, 其中：财政拨款…);
  its figures are placed in the columns by their kind (a percentage only in a rate column, a 分值 or
  得分 only up to 100); a row is rebuilt only when exactly one placement fits, or all fitting
  placements give the same figures.
- ``scores`` forms (绩效指标, 评分表): every row ends in its 分值 and 得分; a run of figures is read from
  its end, a "（50分）" block label opens a first-level block, and 总分/合计 ends the table.

Where a row cannot be rebuilt with confidence the table is marked incomplete (``Table.notes`` says
why); the table rules then judge no sum over it, and rows that were not rebuilt are not judged at all.
Everything here is linear in the number of tokens.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from jixiao.audit.docmodel import Table, grid
from jixiao.audit.forms import Form, Vocabulary, clean_header, row_label, vocabulary
from jixiao.audit.numbers import normalize

_NUM = re.compile(r"[-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|[-−]?\d+(?:\.\d+)?$")
_PCT = re.compile(r"[-−]?\d+(?:\.\d+)?%$")
_DASH = frozenset({"", "-", "—", "——", "–", "/", "／", "无", "—-", "－", "\\"})
_BLOCK = re.compile(r"^(?P<name>[^()（）]{0,20})[（(](?P<w>\d{1,3}(?:\.\d+)?)分[)）]$")
_TOTAL_WORDS = ("总分", "合计", "总计", "总得分", "得分合计")
_STOP = ("评价结论", "存在问题", "改进措施", "注:", "注：", "说明:", "说明：", "填表人", "项目负责人", "财务负责人",
         "单位负责人", "联系电话", "年度总体目标", "绩效指标", "年度绩效指标", "总体目标")
_SPLIT = re.compile(r"[ \t\u3000]+")
MAX_HEADER_JOIN = 3
MAX_WEIGHT = Decimal(100)


@dataclass(frozen=True)
class Token:
    text: str
    line: int  # index into the page's lines

    @property
    def kind(self) -> str:
        """"N" bare number, "P" percentage, "D" empty or dash, "T" text."""
        t = self.text
        if t in _DASH:
            return "D"
        if _NUM.match(t):
            return "N"
        if _PCT.match(t):
            return "P"
        return "T"


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "").replace("−", "-").rstrip("%"))
    except InvalidOperation:
        return None


def tokenize(lines: list[str], skip: frozenset[int]) -> list[Token]:
    """Cells of every line: pipe-separated when the line has pipes (keeping empty cells), else
    whitespace-separated."""
    out: list[Token] = []
    for i, raw in enumerate(lines):
        if i in skip:
            continue
        s = raw.strip()
        if not s:
            continue
        if "|" in s:
            pieces = s.split("|")
            if pieces and not pieces[-1].strip():
                pieces = pieces[:-1]
            if len(pieces) > 1 and not pieces[0].strip() and s.startswith("|"):
                pieces = pieces[1:]
            out.extend(Token(normalize(p.strip()), i) for p in pieces)
        else:  # split before normalizing: "500 520 494" are three cells, not one number in groups
            out.extend(Token(normalize(t), i) for t in _SPLIT.split(s) if t)
    return out


@dataclass
class _Header:
    start: int  # token index of the first header token
    end: int  # token index after the header
    roles: list[str]
    texts: list[str]
    form: Form


def _header_at(tokens: list[Token], i: int, vocab: Vocabulary) -> tuple[list[str], list[str], int] | None:
    """The run of header words starting at token ``i``: (roles, texts, end)."""
    roles: list[str] = []
    texts: list[str] = []
    j = len(tokens)
    k = i
    while k < j:
        hit = None
        for n in range(min(MAX_HEADER_JOIN, j - k), 0, -1):
            text = "".join(t.text for t in tokens[k:k + n])
            role = vocab.roles.get(clean_header(text))
            if role is not None:
                hit = (role, text, n)
                break
        if hit is None:
            break
        roles.append(hit[0])
        texts.append(hit[1])
        k += hit[2]
    return (roles, texts, k) if len(roles) >= 3 else None


def _matches(form: Form, roles: list[str]) -> int:
    """How many of the form's header roles appear in ``roles`` in the form's order."""
    it = iter(roles)
    return sum(any(r == want for r in it) for want in form.header)


def _find_header(tokens: list[Token], i: int, vocab: Vocabulary) -> _Header | None:
    run = _header_at(tokens, i, vocab)
    if run is None:
        return None
    roles, texts, end = run
    # A group header ("年度预算数（万元）" over 年初预算/调整后预算) repeats a role found later: drop it.
    while len(roles) > 3 and roles[0] in roles[1:] and roles[0] not in ("level1", "level2", "level3"):
        roles, texts = roles[1:], texts[1:]
    best = max(vocab.forms, key=lambda f: (_matches(f, roles), -len(f.header)))
    if _matches(best, roles) < best.min:
        return None
    return _Header(i, end, roles, texts, best)


def _is_stop(text: str) -> bool:
    return text.startswith(_STOP)


# ---------------------------------------------------------------- money forms


_ACCEPT = {
    "rate": frozenset("PD"),
    "weight": frozenset("ND"),
    "score": frozenset("ND"),
    "share": frozenset("PD"),
    "change_rate": frozenset("PD"),
}


def _fits(role: str, tok: Token) -> bool:
    kind = tok.kind
    if kind not in _ACCEPT.get(role, frozenset("ND")):
        return False
    if role in ("weight", "score") and kind == "N":
        v = _number(tok.text)
        return v is not None and Decimal(0) <= v <= MAX_WEIGHT
    return True


def _place(values: list[Token], cols: list[str]) -> list[Token | None] | None:
    """Place ``values`` in order into ``cols``: the only placement that fits, or the common one when
    every fitting placement gives the same figures; None when that is not so."""
    n, m = len(values), len(cols)
    if n > m:
        return None
    results: list[list[Token | None]] = []
    for chosen in itertools.combinations(range(m), n):
        if all(_fits(cols[c], values[k]) for k, c in enumerate(chosen)):
            placed: list[Token | None] = [None] * m
            for k, c in enumerate(chosen):
                placed[c] = values[k]
            results.append(placed)
            if len(results) > 64:
                return None
    if not results:
        return None
    first = results[0]
    for other in results[1:]:
        for a, b in zip(first, other, strict=True):
            va = a if a is not None and a.kind != "D" else None
            vb = b if b is not None and b.kind != "D" else None
            if (va is None) != (vb is None) or (va is not None and vb is not None and va.text != vb.text):
                return None
    return first


def _row_label_suffix(texts: list[Token], form: Form) -> int | None:
    """Index in ``texts`` where a known row label starts (the text before it ends the previous row)."""
    for k in range(max(0, len(texts) - 6), len(texts)):
        label = row_label("".join(t.text for t in texts[k:]))
        if label in form.rows or any(label.endswith(r) and len(r) >= 3 for r in form.rows):
            return k
    return None


@dataclass
class Rebuilt:
    table: Table | None
    lines: set[int]


def _money(tokens: list[Token], h: _Header, lines: list[str], page: int | None, first_line: int) -> tuple[Rebuilt, int]:
    cols = [r for r in h.roles]
    numeric_idx = [k for k, r in enumerate(cols) if r in vocabulary().numeric]
    num_roles = [cols[k] for k in numeric_idx]
    rows: list[list[str]] = [["项目", *h.texts]]
    row_lines: list[list[int | None]] = [[tokens[h.start].line] * (len(cols) + 1)]
    used = {t.line for t in tokens[h.start:h.end]}
    notes: list[str] = []
    i = h.end
    n = len(tokens)
    while i < n:
        texts: list[Token] = []
        while i < n and tokens[i].kind == "T" and not _is_stop(tokens[i].text):
            texts.append(tokens[i])
            i += 1
        if not texts:
            break
        k = _row_label_suffix(texts, h.form)
        if k is None:
            i -= len(texts)
            break
        label = "".join(t.text for t in texts[k:])
        values: list[Token] = []
        while i < n and tokens[i].kind != "T":
            values.append(tokens[i])
            i += 1
        used.update(t.line for t in texts[k:])
        used.update(t.line for t in values)
        placed = _place(values, num_roles)
        cells = [""] * len(cols)
        cell_lines: list[int | None] = [None] * len(cols)
        if placed is None:
            notes.append(f"“{label}”一行的{len(values)}个数字无法唯一对应到各列，未判断")
        else:
            for pos, tok in zip(numeric_idx, placed, strict=True):
                if tok is not None:
                    cells[pos] = tok.text
                    cell_lines[pos] = first_line + tok.line
        rows.append([label, *cells])
        row_lines.append([first_line + texts[k].line, *cell_lines])
    if len(rows) < 2:
        return Rebuilt(None, used), i
    table = Table(number=0, rows=grid(rows, lines=row_lines), source="text", page=page, caption=h.form.name,
                  line=first_line + tokens[h.start].line, rebuilt=True, form=h.form.id, notes=tuple(notes))
    return Rebuilt(table, used), i


# ---------------------------------------------------------------- score forms


def _scores(tokens: list[Token], h: _Header, lines: list[str], page: int | None, first_line: int) -> tuple[Rebuilt, int]:
    cols = list(h.roles)
    if "weight" not in cols or "score" not in cols:
        return Rebuilt(None, {t.line for t in tokens[h.start:h.end]}), h.end
    w_at, s_at = cols.index("weight"), cols.index("score")
    # value columns between the names and the trailing prose: target, achieved, weight, score …
    value_cols = [k for k, r in enumerate(cols) if r in ("target", "achieved", "weight", "score", "rate")]
    l1 = cols.index("level1") if "level1" in cols else None
    name_col = next((k for k, r in enumerate(cols) if r in ("level3", "name")), 0)
    rows: list[list[str]] = [list(h.texts)]
    row_lines: list[list[int | None]] = [[first_line + tokens[h.start].line] * len(cols)]
    used = {t.line for t in tokens[h.start:h.end]}
    notes: list[str] = []
    block = ""
    texts: list[Token] = []
    i, n = h.end, len(tokens)
    complete = True
    total_seen = False
    while i < n:
        tok = tokens[i]
        if tok.kind == "T":
            if _is_stop(tok.text) or _find_header(tokens, i, vocabulary()) is not None:
                break
            m = _BLOCK.match(tok.text)
            if m and (not m.group("name") or _first_level(m.group("name"))):
                block = (m.group("name") + f"（{m.group('w')}分）") if m.group("name") else f"（{m.group('w')}分）"
                if texts and _first_level("".join(t.text for t in texts)) and not m.group("name"):
                    block = "".join(t.text for t in texts) + block
                    used.update(t.line for t in texts)
                    texts = []
                used.add(tok.line)
                i += 1
                continue
            texts.append(tok)
            i += 1
            continue
        run: list[Token] = []
        while i < n and tokens[i].kind != "T":
            run.append(tokens[i])
            i += 1
        used.update(t.line for t in run)
        used.update(t.line for t in texts)
        label = "".join(t.text for t in texts)
        is_total = row_label(label).endswith(_TOTAL_WORDS) if label else False
        cells = [""] * len(cols)
        lines_of: list[int | None] = [None] * len(cols)
        filled = [t for t in run if t.kind != "D"]
        if is_total:
            nums = [t for t in run if t.kind == "N"]
            if len(nums) >= 2:
                cells[w_at], cells[s_at] = nums[-2].text, nums[-1].text
                lines_of[w_at], lines_of[s_at] = first_line + nums[-2].line, first_line + nums[-1].line
            elif len(nums) == 1:
                notes.append("总分行只有一个数字，无法判断是分值还是得分")
                complete = False
            cells[name_col] = label
            rows.append(cells)
            row_lines.append(lines_of)
            total_seen = True
            texts = []
            break
        if not filled:  # a placeholder row ("指标2：" followed by dashes)
            texts = []
            continue
        if len(run) == len(value_cols):
            placed = dict(zip(value_cols, run, strict=True))
        elif len(filled) >= 2 and run[-1].kind == "N" and run[-2].kind == "N":
            placed = {w_at: run[-2], s_at: run[-1]}
            rest = [k for k in value_cols if k not in (w_at, s_at)]
            for k, t in zip(reversed(rest), reversed(run[:-2]), strict=False):
                placed[k] = t
        else:
            notes.append(f"“{label or '某行'}”一行的分值和得分无法确定，未判断")
            complete = False
            texts = []
            continue
        if not all(_fits(cols[k], t) for k, t in placed.items() if cols[k] in ("weight", "score")):
            notes.append(f"“{label or '某行'}”一行的分值或得分不是0～100之间的数，未判断")
            complete = False
            texts = []
            continue
        for k, t in placed.items():
            cells[k] = t.text
            lines_of[k] = first_line + t.line
        cells[name_col] = label
        if texts:
            lines_of[name_col] = first_line + texts[0].line
        if l1 is not None and block:
            cells[l1] = block
        rows.append(cells)
        row_lines.append(lines_of)
        texts = []
    used.update(t.line for t in texts)
    if len(rows) < 3:
        return Rebuilt(None, used), i
    if not total_seen:
        notes.append("表格未见总分行，可能被截断")
    table = Table(number=0, rows=grid(rows, lines=row_lines), source="text", page=page, caption=h.form.name,
                  line=first_line + tokens[h.start].line, rebuilt=True, form=h.form.id,
                  notes=tuple(notes) + (() if complete else ("incomplete",)))
    return Rebuilt(table, used), i


_FIRST_LEVEL_WORDS = ("产出", "效益", "效果", "满意度", "决策", "过程", "管理", "投入", "履职", "绩效", "项目", "部门",
                      "预算", "综合", "成本", "资金")


def _first_level(name: str) -> bool:
    return any(w in name for w in _FIRST_LEVEL_WORDS)


def find_flattened(lines: list[str], page: int | None, first_line: int, taken: frozenset[int]
                   ) -> list[tuple[set[int], Table | None]]:
    """Every recognised flattened table: the line indices it covers and the rebuilt table (None when
    nothing could be rebuilt). Linear in the number of tokens."""
    tokens = tokenize(lines, taken)
    vocab = vocabulary()
    out: list[tuple[set[int], Table | None]] = []
    i, n = 0, len(tokens)
    first_chars = {w[0] for w in vocab.roles}
    while i < n:
        t = tokens[i].text
        if not t or t[0] not in first_chars:
            i += 1
            continue
        h = _find_header(tokens, i, vocab)
        if h is None:
            i += 1
            continue
        parse = _money if h.form.kind == "money" else _scores
        rebuilt, nxt = parse(tokens, h, lines, page, first_line)
        out.append((rebuilt.lines, rebuilt.table))
        i = max(nxt, h.end)
    return out
