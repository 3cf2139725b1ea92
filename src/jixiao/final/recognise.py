"""Build the typed 决算 model from a source document: tables recognised by title and header.

A table is taken when a title line of the family stands above it (after the previous table). A grid with
no title of its own that follows a table on the next page, with the same width, continues it; header rows
it repeats are dropped. The unit comes from the table's 单位 line (元 or 万元); "本表无数据" notes mark a
table empty on purpose. Column meanings come from the header cells (:mod:`jixiao.final.catalog`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from jixiao.final.catalog import Catalog, TableKind, catalog, squash
from jixiao.final.model import Amount, FinalAccounts, FinalTable, Line, Source, plain_label
from jixiao.final.source import Grid, SourceDocument, TextLine
from jixiao.numbering import CN_COMMA

# The digits of an amount: thousands separated by commas or not, a decimal part; no sign, no unit (a pattern
# source, also the auditor's: its cells, figures in prose, money blocks)
AMOUNT_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# An amount written alone, with a sign (- or −) or none; also what the auditor takes for a number cell
# (jixiao.audit.align)
AMOUNT = re.compile(rf"^[-−]?(?:{AMOUNT_DIGITS})$")
_DECIMAL_AMOUNT = re.compile(r"^[-−]?[\d,]*\d\.\d+$")
_CODE = re.compile(r"^\d{3}(?:\s?\d{2}){0,2}$")
_CODE_NAME = re.compile(r"^(\d{3}(?:\s?\d{2}){0,2})\s*(\D.*)$")
_UNIT = re.compile(r"单位\s*[:：]\s*(万元|元)")
_TITLE_YEAR = re.compile(r"^(?P<name>.*?)\s*(?P<year>20\d{2})\s*年度?\s*(?:部门|单位)?决算")
_NUMBERED = re.compile(f"^{CN_COMMA}")
_NO_DATA = ("本表无数据", "本表为空", "故本表为空", "无数据")
# A cell that holds no figure: empty, a dash, a slash or dots (the auditor adds the word 无: jixiao.audit.align)
EMPTY = ("", "-", "—", "--", "——", "—-", "–", "－", "/", "／", "\\", "…", "……")
_TOTAL_WORDS = ("合计", "总计", "本年收入合计", "本年支出合计", "人员经费合计", "公用经费合计")

THREE_PUBLIC_WORDS: tuple[tuple[str, str], ...] = (
    ("公务用车购置及运行", "vehicle"),
    ("小计", "vehicle"),
    ("公务用车购置", "vehicle_purchase"),
    ("购置费", "vehicle_purchase"),
    ("运行维护", "vehicle_operation"),
    ("运行费", "vehicle_operation"),
    ("因公出国", "outbound"),
    ("公务接待", "reception"),
    ("会议费", "meeting"),
    ("培训费", "training"),
    ("机关运行经费", "operating"),
    ("合计", "total"),
)


def parse_amount(text: str) -> Decimal | None:
    s = text.replace(" ", "").replace("−", "-")
    if s in EMPTY:
        return None
    if not AMOUNT.match(s):
        return None
    try:
        return Decimal(s.replace(",", ""))
    except InvalidOperation:
        return None


@dataclass
class _Layout:
    """How a table's columns read: keys, sides and the header rows to recognise repeats."""

    keys: list[str | None]
    sides: list[str]
    groups: list[str]  # three_public: category of each column
    header: list[tuple[str, ...]]
    width: int
    filled: list[list[str]] = field(default_factory=list)  # header with horizontal merges filled


@dataclass
class _Open:
    table: FinalTable
    kind: TableKind
    layout: _Layout
    last_page: int | None


def recognise(src: SourceDocument) -> FinalAccounts:
    cat = catalog()
    fa = FinalAccounts(path=src.path)
    recent: list[TextLine] = []
    current: _Open | None = None
    seen_grid = False
    printed_titles: list[str] = []
    for item in src.items:
        if isinstance(item, TextLine):
            _text_line(fa, cat, item, current, seen_grid)
            recent.append(item)
            continue
        seen_grid = True
        title_line, kind = _title(cat, recent)
        unit = _unit(recent)
        if kind is not None and title_line is not None:
            key = _key_for(fa, kind.id, title_line.text)
            if key is None:
                fa.unrecognised.append(f"{item.where(0, 0)}：重复的「{title_line.text}」未读取")
                current = None
            else:
                printed_titles.append(title_line.text)
                current = _start(fa, cat, kind, title_line.text, unit or "万元", item, key)
                if unit is None:
                    current.table.notes.append("表上未写明单位，按万元读取")
        elif current is not None and _continues(current, item):
            _continue(current, item)
        else:
            if any(ch.strip() for row in item.rows for ch in row):
                fa.unrecognised.append(f"{item.where(0, 0)}：表格上方没有可识别的决算表标题")
            current = None
        recent = []
    fam = cat.family_of(printed_titles + fa.contents)
    fa.family, fa.family_name = fam.id, fam.name
    return fa


def _text_line(fa: FinalAccounts, cat: Catalog, line: TextLine, current: _Open | None, seen_grid: bool) -> None:
    text = line.text
    if fa.year is None:
        m = _TITLE_YEAR.match(text)
        if m and len(text) < 60:
            fa.year = int(m.group("year"))
            name = m.group("name").strip() or (fa.prose[-1][0] if fa.prose else "")
            if name and len(name) < 40:
                fa.unit_name = name.replace(" ", "")
    kind = cat.kind_of_title(text)
    if not seen_grid and kind is not None and _NUMBERED.match(text):
        fa.contents.append(text)
    if current is not None and (text.startswith(("注", "说明")) or any(w in text for w in _NO_DATA)):
        current.table.notes.append(text)
        if any(w in text for w in _NO_DATA) or ("没有" in text and "收入和支出" in text):
            current.table.no_data = True
        return
    if kind is not None or _UNIT.search(text.replace(" ", "")):
        return  # a table title or unit line is not 情况说明
    fa.prose.append((text, line.page))


def _title(cat: Catalog, recent: list[TextLine]) -> tuple[TextLine | None, TableKind | None]:
    for line in reversed(recent[-6:]):
        kind = cat.kind_of_title(line.text)
        if kind is not None and not _NUMBERED.match(line.text.replace(" ", "")):
            return line, kind
    for line in reversed(recent[-6:]):  # a numbered title ("表1 …", "一、…") directly above the table
        kind = cat.kind_of_title(line.text)
        if kind is not None:
            return line, kind
    return None, None


def _unit(recent: list[TextLine]) -> str | None:
    for line in reversed(recent[-6:]):
        m = _UNIT.search(line.text.replace(" ", ""))
        if m:
            return m.group(1)
    return None


# -- header -----------------------------------------------------------------------------------------

def _is_data_row(row: tuple[str, ...], shape: str) -> bool:
    cells = [c.replace("\n", "").strip() for c in row]
    if not any(cells):
        return True
    if any(_DECIMAL_AMOUNT.match(c.replace(" ", "")) for c in cells):
        return True
    if shape == "three_public":
        return False
    texts = [c for c in cells[2:] if c and parse_amount(c) is None and c not in EMPTY]
    if shape == "classified" and len(texts) >= 2:
        return False  # header words in the amount columns
    first = next(c for c in cells if c)
    if _CODE.match(first) or _CODE_NAME.match(first) or _NUMBERED.match(first):
        return True
    return first.replace(" ", "") in _TOTAL_WORDS


def _header_rows(rows: tuple[tuple[str, ...], ...], shape: str) -> int:
    n = 0
    for row in rows:
        if _is_data_row(row, shape):
            break
        n += 1
    return n


def _filled_header(rows: list[tuple[str, ...]]) -> list[list[str]]:
    """Header cells with horizontal merges filled from the left (inside the same upper group)."""
    out: list[list[str]] = []
    for i, row in enumerate(rows):
        cells = [c.replace("\n", "") for c in row]
        for j in range(1, len(cells)):
            if cells[j] or not cells[j - 1]:
                continue
            if i == len(rows) - 1 and len(rows) > 1:
                continue
            if i == 0 or out[i - 1][j] == out[i - 1][j - 1]:
                cells[j] = cells[j - 1]
        width = len(cells)
        for j in range(width):  # a caption spanning every amount column names no column
            text = cells[j]
            before = {squash(c) for c in cells[:j] if c}
            if (text and j + 2 < width and before <= {"项目"}
                    and all(cells[k] == text for k in range(j, width))):
                for k in range(j, width):
                    cells[k] = ""
                break
        out.append(cells)
    return out


def _layout(cat: Catalog, kind: TableKind, rows: tuple[tuple[str, ...], ...]) -> _Layout:
    n = _header_rows(rows, kind.shape)
    header = _filled_header(list(rows[:n]))
    width = max((len(r) for r in rows), default=0)
    keys: list[str | None] = []
    sides: list[str] = []
    groups: list[str] = []
    naming = [h for h in header if not any(squash(c) == "栏次" for c in h)]  # 栏次 1 2 3 … numbers columns only
    for j in range(width):
        cells = [h[j] if j < len(h) else "" for h in naming]
        keys.append(cat.column_key(cells))
        side = ""
        for c in cells:
            s = squash(c)
            if s in ("收入", "收入决算数") or s.startswith("收入"):
                side = "收入"
            elif s in ("支出", "支出决算数") or s.startswith("支出"):
                side = "支出"
        sides.append(side)
        group = ""
        for c in reversed(cells):
            s = squash(c)
            hit = next((g for w, g in THREE_PUBLIC_WORDS if w in s), "")
            if hit:
                group = hit
                break
        groups.append(group)
    return _Layout(keys, sides, groups, [tuple(r) for r in rows[:n]], width, header)


# -- rows -------------------------------------------------------------------------------------------

_NUMBERING_PREFIX = re.compile(r"^(?:表\s*\d+|公开\s*\d+\s*表|[一二三四五六七八九十]+、|\d+[.、])\s*")


def _key_for(fa: FinalAccounts, kind: str, title: str) -> str | None:
    """The key a table is kept under: its kind; a second table of the kind under another title (Sichuan prints
    国有资本经营预算财政拨款收入支出决算表 and 国有资本经营预算财政拨款支出决算表) under ``kind#2``, ``kind#3`` …;
    None for a table printed again under the same title."""
    def core(text: str) -> str:
        return squash(_NUMBERING_PREFIX.sub("", text.strip()))

    same_kind = [k for k, t in fa.tables.items() if t.kind == kind]
    if not same_kind:
        return kind
    if any(core(fa.tables[k].title) == core(title) for k in same_kind):
        return None
    return f"{kind}#{len(same_kind) + 1}"


def _start(fa: FinalAccounts, cat: Catalog, kind: TableKind, title: str, unit: str, grid: Grid, key: str) -> _Open:
    table = FinalTable(kind=kind.id, title=title, unit=unit, number=len(fa.tables) + 1)
    layout = _layout(cat, kind, grid.rows)
    table.columns = [k or "" for k in layout.keys]
    fa.tables[key] = table
    opened = _Open(table, kind, layout, grid.page)
    _read_rows(opened, grid, len(layout.header))
    return opened


def _continues(current: _Open, grid: Grid) -> bool:
    width = max((len(r) for r in grid.rows), default=0)
    if width != current.layout.width:
        return False
    if grid.page is None or current.last_page is None:
        return grid.sheet is None  # docx: a split table with no title between
    return grid.page == current.last_page + 1


def _continue(current: _Open, grid: Grid) -> None:
    skip = 0
    header = current.layout.header
    while skip < len(grid.rows) and skip < len(header) and _same(grid.rows[skip], header[skip]):
        skip += 1
    current.table.continued += 1
    current.last_page = grid.page
    _read_rows(current, grid, skip)


def _same(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return [squash(x) for x in a] == [squash(x) for x in b]


def _read_rows(current: _Open, grid: Grid, start: int) -> None:
    table, layout, kind = current.table, current.layout, current.kind
    if grid.page is not None and grid.page not in table.pages:
        table.pages.append(grid.page)
    for i in range(start, len(grid.rows)):
        row = grid.rows[i]
        if kind.shape == "two_sided":
            table.lines.extend(_two_sided(table, layout, grid, i, row))
        elif kind.shape == "economic":
            table.lines.extend(_economic(table, layout, grid, i, row))
        elif kind.shape == "three_public":
            line = _three_public(table, layout, grid, i, row)
            if line is not None and table.lines and not any(layout.groups):  # one row per category: one line
                table.lines[0] = Line(label=table.lines[0].label, values={**table.lines[0].values, **line.values},
                                      row=table.lines[0].row)
            elif line is not None:
                table.lines.append(line)
        else:
            line = _classified(table, layout, grid, i, row)
            if line is not None:
                table.lines.append(line)


def _amount(table: FinalTable, grid: Grid, i: int, j: int, text: str, row_label: str, column: str) -> Amount | None:
    value = parse_amount(text)
    if value is None:
        return None
    if table.unit == "元":
        value = value / Decimal(10000)
    source = Source(table=table.title, row=row_label, column=column, cell=grid.where(i, j), page=grid.page_of(i))
    return Amount(value=value, text=text.replace(" ", ""), unit=table.unit, source=source)


def _column_name(layout: _Layout, j: int) -> str:
    cells = [h[j] for h in layout.header if j < len(h) and h[j]]
    names = []
    for c in cells:
        c = c.replace("\n", "")
        if c not in names:
            names.append(c)
    return "／".join(names[-2:]) if names else f"第{j + 1}列"


def _cell(row: tuple[str, ...], j: int) -> str:
    return row[j].replace("\n", "").strip() if j < len(row) else ""


def _two_sided(table: FinalTable, layout: _Layout, grid: Grid, i: int, row: tuple[str, ...]) -> list[Line]:
    out: list[Line] = []
    for side in ("收入", "支出"):
        cols = [j for j in range(layout.width) if layout.sides[j] == side]
        if not cols:
            continue
        label_cols = [j for j in cols if layout.keys[j] == "label"] or cols[:1]
        label = next((_cell(row, j) for j in label_cols if _cell(row, j)), "")
        if not label or parse_amount(label) is not None:
            continue
        values: dict[str, Amount] = {}
        for j in cols:
            key = layout.keys[j]
            if j in label_cols or key in (None, "row_no", "label"):
                continue
            a = _amount(table, grid, i, j, _cell(row, j), label, _column_name(layout, j))
            if a is not None:
                values.setdefault(key, a)
        out.append(Line(label=label, values=values, side=side, row=i))
    return out


def _split_code(row: tuple[str, ...], layout: _Layout) -> tuple[str, str]:
    code_cols = [j for j in range(layout.width) if layout.keys[j] == "code"]
    name_cols = [j for j in range(layout.width) if layout.keys[j] in ("name", "label")]
    code_text = " ".join(_cell(row, j) for j in code_cols if _cell(row, j))
    name = next((_cell(row, j) for j in name_cols if _cell(row, j) and _cell(row, j) != code_text), "")
    code = ""
    m = _CODE_NAME.match(code_text)
    if _CODE.match(code_text.replace(" ", "")[:7]) and code_text.replace(" ", "").isdigit():
        code = code_text.replace(" ", "")
    elif m:
        code, name = m.group(1).replace(" ", ""), name or m.group(2)
    elif code_text and not name:
        name = code_text
    if not code and name:
        m = _CODE_NAME.match(name)
        if m:
            code, name = m.group(1).replace(" ", ""), m.group(2)
    return code, name.replace(" ", "") if len(name) > 1 else name


def _classified(table: FinalTable, layout: _Layout, grid: Grid, i: int, row: tuple[str, ...]) -> Line | None:
    code, name = _split_code(row, layout)
    if not code and not name:
        first = next((_cell(row, j) for j in range(layout.width) if _cell(row, j)), "")
        if first.replace(" ", "") not in _TOTAL_WORDS:
            return None
        name = first.replace(" ", "")
    if name in ("…", "……") or (not code and parse_amount(name) is not None):
        return None
    values: dict[str, Amount] = {}
    label = f"{code} {name}".strip()
    for j in range(layout.width):
        key = layout.keys[j]
        if key in (None, "code", "name", "label", "row_no"):
            continue
        a = _amount(table, grid, i, j, _cell(row, j), label, _column_name(layout, j))
        if a is not None:
            values.setdefault(key, a)
    return Line(label=name, values=values, code=code, row=i)


def _economic(table: FinalTable, layout: _Layout, grid: Grid, i: int, row: tuple[str, ...]) -> list[Line]:
    starts = [j for j in range(layout.width) if layout.keys[j] == "code"]
    if not starts:
        starts = [0]
    out: list[Line] = []
    for n, s in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else layout.width
        cells = [(_cell(row, j), j) for j in range(s, end)]
        texts = [t for t, _ in cells if t]
        if not texts:
            continue
        code = ""
        name = ""
        amount: Amount | None = None
        for t, j in cells:
            key = layout.keys[j]
            if not t:
                continue
            if key == "code" and t.replace(" ", "").isdigit():
                code = t.replace(" ", "")
            elif key in ("code", "name", "label") and parse_amount(t) is None:
                name = name or t
            elif amount is None and parse_amount(t) is not None and key not in ("code",):
                amount = _amount(table, grid, i, j, t, f"{code} {name}".strip(), _column_name(layout, j))
        if not name and not code:
            continue
        if name.replace(" ", "") in ("合计",) and not code:
            name = "合计"
        out.append(Line(label=name.replace(" ", ""), values={"actual": amount} if amount else {}, code=code, row=i))
    return out


def _three_public(table: FinalTable, layout: _Layout, grid: Grid, i: int, row: tuple[str, ...]) -> Line | None:
    cells = [_cell(row, j) for j in range(layout.width)]
    if not any(cells):
        return None
    first = next(c for c in cells if c)
    values: dict[str, Amount] = {}
    if parse_amount(first) is None and not any(layout.groups):  # one row per category
        group = next((g for w, g in THREE_PUBLIC_WORDS if w in squash(first)), "")
        if not group:
            return None
        for j in range(layout.width):
            key = layout.keys[j]
            if key in ("budget", "actual") and parse_amount(cells[j]) is not None:
                a = _amount(table, grid, i, j, cells[j], first, _column_name(layout, j))
                if a is not None:
                    values[f"{group}.{key}"] = a
        return Line(label="财政拨款“三公”经费", values=values, row=i)
    for j in range(layout.width):
        key, group = layout.keys[j], layout.groups[j]
        header_text = "".join(h[j] for h in (layout.filled or layout.header) if j < len(h))
        # 预算数/决算数 may sit above the categories (national 公开表) or below them (Shanghai): the column's own
        # words decide; the column key (bottom cell first, so "合计" there) only when they say neither
        said = squash(header_text)
        if "预算" in said and "决算" not in said:
            role = "budget"
        elif "决算" in said and "预算" not in said:
            role = "actual"
        else:
            role = "budget" if key == "budget" else "actual" if key in ("actual", "total") else ""
        if "上年" in header_text or "上年度" in header_text:
            role = "last_" + (role or "actual")
        if not group or not role:
            continue
        a = _amount(table, grid, i, j, cells[j], "“三公”经费", _column_name(layout, j))
        if a is not None:
            values.setdefault(f"{group}.{role}", a)
    return Line(label="财政拨款“三公”经费", values=values, row=i) if values else None


def label_key(text: str) -> str:
    return plain_label(text)
