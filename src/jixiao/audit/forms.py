"""Table vocabulary from ``data/forms.yaml``: header words → column roles, total-row labels, known forms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

from jixiao.numbering import CIRCLED, CN_COMMA, DIGIT_DOT, PAREN_SHORT

# "（万元）", "(A)", "（B/A）", "(B/A×100%)", "（B/A）×100%", "(%)", "（分）", "（10分）", a stated rule "（20分*执行率）", "：" and spaces are not part
# of a header word.
_HEADER_NOISE = re.compile(r"[（(](?:[A-Za-z](?:[/÷×*+\-][A-Za-z])*(?:[×*][1１]00[%％])?|万?元|%|％|\d{0,3}分|个|人|单位[:：]?万?元|\d{1,3}分\s*[*×xX]\s*(?:预算|资金)?执行率)[)）]|[×*][1１]00[%％]|[\s:：*＊]")
_NUMBERING = re.compile(rf"^(?:{CN_COMMA}|{PAREN_SHORT}|{DIGIT_DOT}(?!\d)|{CIRCLED}|其中[:：]?|[-—–·•]+)")


@dataclass(frozen=True)
class Form:
    id: str
    name: str
    kind: str  # "money" | "scores"
    header: tuple[str, ...]
    min: int
    rows: tuple[str, ...] = ()
    total_row: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Vocabulary:
    roles: dict[str, str]  # header word -> role
    numeric: frozenset[str]
    total_rows: frozenset[str]
    column_sums: tuple[tuple[str, tuple[str, ...]], ...]
    forms: tuple[Form, ...]

    def role(self, header: str) -> str | None:
        """The role of a header cell's text, or None. Exact word after cleaning, else the longest word
        the text ends with ("2023年全年预算数" → budget_final)."""
        return _role_of(self, header) if len(header) <= 40 else None

    def peers(self, a: str, b: str) -> bool:
        """Do two row labels name different parts of one column sum ("基本支出" / "项目支出", "人员经费" /
        "公用经费", ``column_sums``)? Then neither is a part of the other."""
        ra, rb = self.roles.get(row_label(a)), self.roles.get(row_label(b))
        return ra is not None and rb is not None and ra != rb and any(
            ra in parts and rb in parts for _, parts in self.column_sums)

    def is_total_label(self, label: str) -> bool:
        key = row_label(label)
        return key in self.total_rows or bool(_TOTAL_LABEL.match(key))


# "总“三公”经费支出", "收入总计", "支出合计（预算口径内）", "市级小计", "区(县、市)小计"
_TOTAL_LABEL = re.compile(r"^(?:总[\u4e00-\u9fff“”\"]{0,12}(?:支出|收入|经费|金额)|[\u4e00-\u9fff]{0,8}(?:合计|总计)(?:[（(].{0,12}[)）])?"
                          r"|[\u4e00-\u9fff]{1,8}(?:[（(][\u4e00-\u9fff、，,]{1,12}[)）])?小计)$")


_AMOUNTS = frozenset({"budget_initial", "budget_final", "actual", "amount"})
# a header word with a ratio label naming two amount columns in words (as "(B/A)" names them by letter)
_WORD_RATIO = re.compile(r"^(?P<word>[^()（）]{1,12})[（(](?P<a>[^()（）/÷]{1,12})[/÷](?P<b>[^()（）/÷]{1,12})[)）]$")


@lru_cache(maxsize=4096)
def _role_of(vocab: Vocabulary, header: str) -> str | None:
    key = clean_header(header)
    if not key:
        return None
    hit = vocab.roles.get(key)
    if hit is None:
        for cut in range(1, min(7, len(key) - 1)):  # the longest word the text ends with, after ≤ 6 characters
            hit = vocab.roles.get(key[cut:])
            if hit is not None:
                break
    if hit is None and (m := _WORD_RATIO.match(key)) and {vocab.roles.get(m["a"]), vocab.roles.get(m["b"])} <= _AMOUNTS:
        hit = _role_of(vocab, m["word"])  # "执行率(全年执行数/全年预算数)": the ratio label names its columns in words
    if hit is None and key.endswith("合计") and _role_of(vocab, key[:-2]) in _AMOUNTS:
        hit = "total"  # "2017年预算数合计" over its 拨款 sources (a 三公 预算表): that amount's total column
    if hit == "change" and ("%" in header or "％" in header):
        return "change_rate"  # "增减（%）": the change in percent, not in money
    return hit


@lru_cache(maxsize=4096)  # flattened-table tokens repeat: each is cleaned once
def clean_header(text: str) -> str:
    return _HEADER_NOISE.sub("", text)


def row_label(text: str) -> str:
    """A row label without numbering, "其中：", spaces and a trailing colon: "（一）基本支出" → "基本支出"."""
    t = re.sub(r"\s+", "", text)
    for _ in range(2):
        m = _NUMBERING.match(t)
        if not m or m.end() == 0:
            break
        t = t[m.end():]
    return t.rstrip(":：")


@cache
def vocabulary() -> Vocabulary:
    text = resources.files("jixiao.audit").joinpath("data/forms.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    roles: dict[str, str] = {}
    for role, words in data["columns"].items():
        for w in words:
            roles.setdefault(clean_header(str(w)), str(role))
    forms = tuple(
        Form(id=f["id"], name=f["name"], kind=f["kind"], header=tuple(f["header"]), min=int(f["min"]),
             rows=tuple(row_label(str(r)) for r in f.get("rows", ())),
             total_row=tuple(row_label(str(r)) for r in f.get("total_row", ())))
        for f in data["forms"]
    )
    return Vocabulary(
        roles=roles,
        numeric=frozenset(data["numeric"]),
        total_rows=frozenset(row_label(str(r)) for r in data["total_rows"]),
        column_sums=tuple((str(g["whole"]), tuple(g["parts"])) for g in data["column_sums"]),
        forms=forms,
    )


def header_matches(form: Form, roles: list[str]) -> int:
    """How many of the form's header roles appear in ``roles`` in the form's order."""
    count, at = 0, 0
    for want in form.header:  # a form role missing from the header does not stop the others
        try:
            at = roles.index(want, at) + 1
        except ValueError:
            continue
        count += 1
    return count
