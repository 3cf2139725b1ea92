"""The labeller's tool: list the table relations of a 决算 test document and judge each by plain arithmetic.

Run by hand (``python tests/final/corpus/label_tables.py FOLDER``) when a document is written or changed;
it writes ``labels.yaml`` from ``meta.yaml`` (source, province, …, and the hand-written 情况说明 relations)
plus every 勾稽 relation of the tables in ``source.yaml``. It does not use jixiao: it is the spreadsheet a
reviewer would keep, so the auditor is measured against arithmetic done independently of its code.
Relations whose figures are all zero are not listed (a reviewer does not check 0.00 = 0.00 + 0.00).
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

KINDS = {  # printed title (without "表N ") -> role in the family
    "收入支出决算总表": "summary", "收入支出决算表": "summary", "收入决算表": "income", "收入决算总表": "income",
    "支出决算表": "expenditure", "支出决算总表": "expenditure", "财政拨款收入支出决算总表": "fiscal",
    "财政拨款收入支出决算表": "fiscal", "一般公共预算财政拨款支出决算表": "gpb", "一般公共预算财政拨款收入支出决算表": "gpb",
    "一般公共预算财政拨款基本支出决算表": "basic", "一般公共预算财政拨款项目支出决算表": "project",
    # Sichuan: 经济分类 detail tables beside the 功能分类 ones, and 基本支出决算明细表
    "财政拨款支出决算明细表": "fiscal_econ", "一般公共预算财政拨款支出决算明细表": "gpb_econ",
    "一般公共预算财政拨款基本支出决算明细表": "basic",
}
ROW_SUMS = {"income": ("本年收入合计", ("财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")),
            "expenditure": ("本年支出合计", ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")),
            "gpb": ("合计", ("基本支出", "项目支出")), "fiscal_econ": ("合计", ("基本支出", "项目支出")),
            "gpb_econ": ("合计", ("基本支出", "项目支出"))}
NUMS = "一二三四五六七八九十"


def dec(text: str) -> Decimal | None:
    t = text.replace(",", "").strip()
    if not t or not any(ch.isdigit() for ch in t) or (t.isdigit() and len(t) <= 2):
        return None
    try:
        return Decimal(t)
    except ArithmeticError:
        return None


def plain(label: str) -> str:
    i = label.find("、")
    if 0 < i <= 3 and all(c in NUMS for c in label[:i]):
        label = label[i + 1:]
    return label


class Labeller:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.blocks = yaml.safe_load((folder / "source.yaml").read_text("utf-8"))
        self.doc = (folder / "doc.txt").read_text("utf-8")
        self.out: list[dict[str, Any]] = []
        self.tables: dict[str, dict[str, Any]] = {}
        n = 0
        for b in self.blocks:
            if "table" in b:
                n += 1
                t = b["table"]
                title = t["title"].split(" ", 1)[1] if t["title"].startswith("表") and " " in t["title"] else t["title"]
                kind = KINDS.get(title.replace("“", "").replace("”", ""))
                if "三公" in title:
                    kind = "three"
                if kind:
                    unit = "元" if "元" in (t.get("unit_line") or "") and "万元" not in (t.get("unit_line") or "") else "万元"
                    self.tables[kind] = {"n": n, "title": t["title"], "rows": t["rows"], "header": int(t.get("header", 1)), "unit": unit,
                                         "unit_line": t.get("unit_line") or (f"单位：{t['unit']}" if t.get("unit") else "")}

    # -- helpers ------------------------------------------------------------------------------------
    @staticmethod
    def hdr(t: dict[str, Any]) -> list[str]:
        """The header row that names the columns (above a 栏次 numbering row, if there is one)."""
        rows: list[list[str]] = t["rows"]
        last = rows[t["header"] - 1]
        return rows[t["header"] - 2] if "栏次" in last and t["header"] >= 2 else last

    def line(self, kind: str, r: int) -> str:
        t = self.tables[kind]
        text = " | ".join(t["rows"][r]) + "\n"
        k = r
        while self.doc.count(text) != 1 and k > 0:  # rows printed alike in two tables: widen back to the title
            k -= 1
            text = " | ".join(t["rows"][k]) + "\n" + text
        if self.doc.count(text) != 1:
            text = t["title"] + "\n" + (t["unit_line"] + "\n" if t.get("unit_line") else "") + text
        assert self.doc.count(text) == 1, (kind, r, text)
        return text

    def judge(self, stated: Decimal, expected: Decimal, unit: str) -> tuple[bool, str | None]:
        diff = abs(stated - expected)
        if diff == 0:
            return True, None
        return False, ("提示" if unit == "万元" and diff <= Decimal("0.01") else "错误")

    def add(self, kind: str, r: int, c: int, operands: list[str], expected: Decimal, rel: str, note: str,
            other: dict[str, Any] | None = None) -> None:
        t = self.tables[kind]
        stated_text = t["rows"][r][c]
        stated = dec(stated_text)
        if stated is None:
            return
        values = [dec(o) or Decimal(0) for o in operands]
        if stated == 0 and all(v == 0 for v in values):
            return
        ok, severity = self.judge(stated, expected, t["unit"])
        header = self.hdr(t)
        item: dict[str, Any] = {
            "id": f"r{len(self.out) + 1}", "kind": rel, "text": self.line(kind, r), "stated": stated_text,
            "operands": operands, "expected": f"{expected:,.2f}", "consistent": ok,
        }
        if severity:
            item["severity"] = severity
        item["planted"] = False
        item.update({"table": t["title"], "row": self.row_label(kind, r, c), "column": header[c] if c < len(header) else "",
                     "cell": {"table": t["n"], "row": r + 1, "col": c + 1}, "note": note})
        if other:
            item["other"] = other
        self.out.append(item)

    def row_label(self, kind: str, r: int, c: int) -> str:
        row = self.tables[kind]["rows"][r]
        cells = [x for x in row[: c + 1] if x and dec(x) is None and not x.isdigit()]
        return plain(cells[-1]) if cells else ""

    # -- classified tables ---------------------------------------------------------------------------
    def coded(self, kind: str) -> list[tuple[int, str, list[str]]]:
        t = self.tables[kind]
        out = []
        for r in range(t["header"], len(t["rows"])):
            row = t["rows"][r]
            digits = "".join(x for x in row[:3] if x.isdigit())
            if digits and len(digits) in (3, 5, 7):
                out.append((r, digits, row))
        return out

    def amount_cols(self, kind: str) -> list[int]:
        t = self.tables[kind]
        header = self.hdr(t)
        return [j for j, h in enumerate(header) if h and h not in ("科目编码", "科目名称", "类", "款", "项", "栏次")
                and "编码" not in h and "名称" not in h]

    def total_row(self, kind: str) -> int | None:
        t = self.tables[kind]
        for r in range(t["header"], len(t["rows"])):
            if t["rows"][r][0] == "合计":
                return r
        return None

    def classified(self, kind: str) -> None:
        t = self.tables[kind]
        rows = self.coded(kind)
        cols = self.amount_cols(kind)
        tr = self.total_row(kind)
        for c in cols:
            if tr is not None:
                top = min((len(code) for _, code, _ in rows), default=3)  # 合计 adds the highest level present
                parts = [row[c] for _, code, row in rows if len(code) == top]
                self.add(kind, tr, c, parts, sum((dec(p) or Decimal(0) for p in parts), Decimal(0)), "table_sum", "合计 = 各类（或最高一级）之和")
            for plen, clen, name in ((3, 5, "类 = 其下各款之和"), (5, 7, "款 = 其下各项之和")):
                for r, code, _row in rows:
                    if len(code) != plen:
                        continue
                    parts = [row[c] for _, k, row in rows if len(k) == clen and k.startswith(code)]
                    if parts:
                        self.add(kind, r, c, parts, sum((dec(p) or Decimal(0) for p in parts), Decimal(0)), "table_sum", name)
        if kind in ROW_SUMS:
            head, names = ROW_SUMS[kind]
            header = self.hdr(t)
            hc = header.index(head)
            pcs = [header.index(n) for n in names if n in header]
            for r in ([tr] if tr is not None else []) + [r for r, _, _ in rows]:
                row = t["rows"][r]
                parts = [row[j] for j in pcs]
                self.add(kind, r, hc, parts, sum((dec(p) or Decimal(0) for p in parts), Decimal(0)), "table_sum", f"{head} = 同行各列之和")

    # -- two-sided tables ----------------------------------------------------------------------------
    def find(self, kind: str, label: str, side: int) -> tuple[int, int] | None:
        """(row, amount column) of a label on side 0 (收入) or 1 (支出)."""
        t = self.tables[kind]
        width = len(t["rows"][0])
        half = [j for j in range(width) if t["rows"][0][j] == ("收入", "支出")[side]]
        for r in range(t["header"], len(t["rows"])):
            row = t["rows"][r]
            if plain(row[half[0]]) == label:
                amount = [j for j in half if j > half[0] and dec(row[j]) is not None and self.hdr(t)[j] not in ("行次",)]
                return (r, amount[0]) if amount else None
        return None

    def value(self, kind: str, label: str, side: int, offset: int = 0) -> str:
        hit = self.find(kind, label, side)
        return self.tables[kind]["rows"][hit[0]][hit[1] + offset] if hit else ""

    def two_sided(self, kind: str) -> None:
        t = self.tables[kind]
        inc_names = (["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"] if kind == "fiscal" else
                     ["一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入", "上级补助收入",
                      "事业收入", "经营收入", "附属单位上缴收入", "其他收入"])
        hit = self.find(kind, "本年收入合计", 0)
        if hit:
            parts = [self.value(kind, n, 0) for n in inc_names]
            self.add(kind, hit[0], hit[1], parts, sum((dec(p) or Decimal(0) for p in parts), Decimal(0)), "table_sum", "本年收入合计 = 各项收入")
        hit = self.find(kind, "本年支出合计", 1)
        ncols = 4 if kind == "fiscal" else 1
        if hit:
            for k in range(ncols):
                parts = []
                for r in range(t["header"], hit[0]):
                    row = t["rows"][r]
                    names = [x for x in row if x.endswith("支出") and "、" in x]
                    if names:
                        j = row.index(names[-1])
                        cells = [x for jj, x in enumerate(row[j + 1:], start=j + 1) if self.hdr(t)[jj] != "行次"]
                        parts.append(cells[k] if k < len(cells) else "")
                c = hit[1] + k
                self.add(kind, hit[0], c, parts, sum((dec(p) or Decimal(0) for p in parts), Decimal(0)), "table_sum", "本年支出合计 = 各类支出")
        for side, head, extra in ((0, "本年收入合计", ("使用非财政拨款结余", "年初结转和结余", "年初财政拨款结转和结余")),
                                  (1, "本年支出合计", ("结余分配", "年末结转和结余", "年末财政拨款结转和结余"))):
            grand = self.find(kind, "总计", side)
            if not grand:
                continue
            for k in range(ncols if side else 1):
                parts = [self.value(kind, head, side, k)] + [v for v in (self.value(kind, e, side, k) for e in extra) if v]
                self.add(kind, grand[0], grand[1] + k, parts, sum((dec(p) or Decimal(0) for p in parts), Decimal(0)), "table_sum", "总计 = 本年合计 + 结转结余")
        gi, ge = self.find(kind, "总计", 0), self.find(kind, "总计", 1)
        if gi and ge:
            a = t["rows"][gi[0]][gi[1]]
            self.add(kind, ge[0], ge[1], [a], dec(a) or Decimal(0), "other", "收入总计 = 支出总计")
        if kind == "fiscal":
            for r in range(t["header"], len(t["rows"])):
                row = t["rows"][r]
                names = [x for x in row if (x.endswith("支出") and "、" in x) or x in ("本年支出合计", "总计")]
                j = len(row) - 1 - row[::-1].index(names[-1]) if names else -1  # the 支出 side's label (总计 is on both)
                if not names or j < len(row) // 2 - 1:
                    continue
                cells = [x for jj, x in enumerate(row[j + 1:], start=j + 1) if self.hdr(t)[jj] != "行次"]
                cj = [jj for jj in range(j + 1, len(row)) if self.hdr(t)[jj] != "行次"]
                if len(cells) == 4:
                    self.add(kind, r, cj[0], cells[1:], sum((dec(p) or Decimal(0) for p in cells[1:]), Decimal(0)), "table_sum", "合计 = 三类财政拨款")

    # -- 基本支出 and 三公 -------------------------------------------------------------------------------
    def basic(self) -> None:
        t = self.tables["basic"]
        groups = [(0, 1, 2), (3, 4, 5)]
        items: list[tuple[int, int, str, str]] = []
        for r in range(t["header"], len(t["rows"])):
            row = t["rows"][r]
            for a, _b, c in groups:
                if row[a].isdigit():
                    items.append((r, c, row[a], row[c]))
        for r, c, code, _v in items:
            if len(code) == 3:
                parts = [v for _, _, k, v in items if len(k) == 5 and k.startswith(code)]
                self.add("basic", r, c, parts, sum((dec(p) or Decimal(0) for p in parts), Decimal(0)), "table_sum", "经济分类类 = 其下各款")
        last = len(t["rows"]) - 1
        for label, classes, c in (("人员经费合计", ("301", "303"), 2), ("公用经费合计", ("302", "310"), 5)):
            parts = [v for _, _, k, v in items if k in classes]
            self.add("basic", last, c, parts, sum((dec(p) or Decimal(0) for p in parts), Decimal(0)), "table_sum", f"{label} = {'+'.join(classes)}")

    def three(self) -> None:
        t = self.tables["three"]
        rows = t["rows"]
        if rows[0][0] == "项目":  # one row per category
            def get(word: str, col: int) -> tuple[int, str]:
                for r, row in enumerate(rows):
                    if word in row[0]:
                        return r, row[col]
                return -1, ""
            for col in (1, 2):
                r, _ = get("合计", col)
                parts = [get(w, col)[1] for w in ("因公出国", "公务用车购置及运行维护费", "公务接待")]
                self.add("three", r, col, parts, sum((dec(p) or Decimal(0) for p in parts), Decimal(0)), "table_sum", "“三公”合计 = 三项")
                r, _ = get("公务用车购置及运行维护费", col)
                parts = [get(w, col)[1] for w in ("公务用车购置费", "公务用车运行维护费")]
                self.add("three", r, col, parts, sum((dec(p) or Decimal(0) for p in parts), Decimal(0)), "table_sum", "公务用车小计 = 购置 + 运行维护")
            for word in ("合计", "因公出国", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待"):
                r, budget = get(word, 1)
                self.budget_vs_actual("three", r, 2, budget)
            return
        data = len(rows) - 1
        # each column's role (预算数/决算数) is the header cell that says so, wherever it sits (top groups in the
        # national 公开表, bottom row in Shanghai's); its category is the lowest header cell that is neither a role
        # nor a 栏次 number
        heads = rows[: t["header"]]
        roles = [next((h[j] for h in heads if h[j] in ("预算数", "决算数")), "") for j in range(len(rows[0]))]
        cats = [next((h[j] for h in reversed(heads) if h[j] and h[j] not in ("预算数", "决算数") and not h[j].isdigit()), "")
                for j in range(len(rows[0]))]
        cats = [c.replace("公务用车运行费", "公务用车运行维护费") for c in cats]

        def column(cat: str, role: str) -> int:
            return next(j for j in range(len(roles)) if cats[j] == cat and roles[j] == role)
        for role in ("预算数", "决算数"):
            parts = [rows[data][column(c, role)] for c in ("因公出国（境）费", "小计", "公务接待费")]
            self.add("three", data, column("合计", role), parts, sum((dec(p) or Decimal(0) for p in parts), Decimal(0)), "table_sum", "“三公”合计 = 三项")
            parts = [rows[data][column(c, role)] for c in ("公务用车购置费", "公务用车运行维护费")]
            self.add("three", data, column("小计", role), parts, sum((dec(p) or Decimal(0) for p in parts), Decimal(0)), "table_sum", "公务用车小计 = 购置 + 运行维护")
        for cat in ("合计", "因公出国（境）费", "小计", "公务用车购置费", "公务用车运行维护费", "公务接待费"):
            self.budget_vs_actual("three", data, column(cat, "决算数"), rows[data][column(cat, "预算数")])

    def budget_vs_actual(self, kind: str, r: int, c: int, budget: str) -> None:
        t = self.tables[kind]
        actual = dec(t["rows"][r][c])
        b = dec(budget)
        if actual is None or b is None or actual == 0:
            return
        ok = actual <= b
        item = {"id": f"r{len(self.out) + 1}", "kind": "other", "text": self.line(kind, r), "stated": t["rows"][r][c],
                "operands": [budget], "expected": f"≤{budget}", "consistent": ok}
        if not ok:
            item["severity"] = "提示"
        item.update({"planted": False, "table": t["title"], "row": self.row_label(kind, r, c), "column": "决算数",
                     "cell": {"table": t["n"], "row": r + 1, "col": c + 1}, "compare": "le", "note": "决算数不超过预算数（超过时须说明原因）"})
        self.out.append(item)

    # -- across tables -------------------------------------------------------------------------------
    def same(self, kind: str, r: int, c: int, other_kind: str, orow: int, ocol: int, note: str) -> None:
        o = self.tables[other_kind]
        other = o["rows"][orow][ocol]
        ov = dec(other)
        if ov is None:
            return
        self.add(kind, r, c, [other], ov, "other", note,
                 other={"table": o["title"], "row": self.row_label(other_kind, orow, ocol), "stated": other})

    def cross(self) -> None:
        s, e, i, g = (self.tables.get(k) for k in ("summary", "expenditure", "income", "gpb"))
        if s and e:
            tr = self.total_row("expenditure")
            hit = self.find("summary", "本年支出合计", 1)
            if tr is not None and hit:
                self.same("expenditure", tr, self.amount_cols("expenditure")[0], "summary", hit[0], hit[1], "支出决算表合计 = 总表本年支出合计")
            for r, code, row in self.coded("expenditure"):
                if len(code) == 3:
                    name = next(x for x in row if x and not x.isdigit() and dec(x) is None)
                    h = self.find("summary", name, 1)
                    if h:
                        self.same("expenditure", r, self.amount_cols("expenditure")[0], "summary", h[0], h[1], f"{name}：支出决算表 = 总表")
        if s and i:
            tr = self.total_row("income")
            hit = self.find("summary", "本年收入合计", 0)
            if tr is not None and hit:
                self.same("income", tr, self.amount_cols("income")[0], "summary", hit[0], hit[1], "收入决算表合计 = 总表本年收入合计")
        f = self.tables.get("fiscal")
        if g and f:
            tr = self.total_row("gpb")
            hit = self.find("fiscal", "本年支出合计", 1)
            if tr is not None and hit:
                self.same("gpb", tr, self.amount_cols("gpb")[0], "fiscal", hit[0], hit[1] + 1, "一般公共预算表合计 = 财政拨款总表一般公共预算支出")
            for r, code, row in self.coded("gpb"):
                if len(code) == 3:
                    name = next(x for x in row if x and not x.isdigit() and dec(x) is None)
                    h = self.find("fiscal", name, 1)
                    if h:
                        self.same("gpb", r, self.amount_cols("gpb")[0], "fiscal", h[0], h[1] + 1, f"{name}：一般公共预算表 = 财政拨款总表")
        b = self.tables.get("basic")
        if g and b:
            tr = self.total_row("gpb")
            if tr is not None:
                last = b["rows"][-1]
                total = (dec(last[2]) or Decimal(0)) + (dec(last[5]) or Decimal(0))
                c = self.amount_cols("gpb")[1]
                self.add("gpb", tr, c, [last[2], last[5]], total, "other", "一般公共预算表基本支出 = 人员经费合计 + 公用经费合计")
        if g and e and i:
            tr_i = self.total_row("income")
            row_i = i["rows"][tr_i] if tr_i is not None else []
            hdr_i = self.hdr(i)
            all_fiscal = row_i and row_i[hdr_i.index("本年收入合计")] == row_i[hdr_i.index("财政拨款收入")]
            if all_fiscal:
                ge = {code: r for r, code, _ in self.coded("expenditure")}
                gcols, ecols = self.amount_cols("gpb"), self.amount_cols("expenditure")
                pairs = list(zip(gcols, ecols[:3], strict=True))
                for r, code, _row in self.coded("gpb"):
                    if code in ge:
                        for gc, ec in pairs:
                            self.same("gpb", r, gc, "expenditure", ge[code], ec, f"{code}：一般公共预算表 = 支出决算表")
                tg, te = self.total_row("gpb"), self.total_row("expenditure")
                if tg is not None and te is not None:
                    for gc, ec in pairs:
                        self.same("gpb", tg, gc, "expenditure", te, ec, "合计：一般公共预算表 = 支出决算表")

    def econ_cross(self) -> None:
        """Sichuan: the 经济分类 detail tables against the 功能分类 ones, each other and the 基本支出 table."""
        g, ge, fe, p, b, f = (self.tables.get(k) for k in ("gpb", "gpb_econ", "fiscal_econ", "project", "basic", "fiscal"))
        if g and ge:
            tg, te = self.total_row("gpb"), self.total_row("gpb_econ")
            if tg is not None and te is not None:
                for gc, ec in zip(self.amount_cols("gpb"), self.amount_cols("gpb_econ"), strict=True):
                    self.same("gpb_econ", te, ec, "gpb", tg, gc, "合计：一般公共预算支出明细表（经济分类）= 一般公共预算支出表（功能分类）")
        if fe and ge:
            codes = {code: r for r, code, _ in self.coded("gpb_econ")}
            tf, te = self.total_row("fiscal_econ"), self.total_row("gpb_econ")
            pairs = list(zip(self.amount_cols("fiscal_econ"), self.amount_cols("gpb_econ"), strict=True))
            if tf is not None and te is not None:
                for fc, ec in pairs:
                    self.same("fiscal_econ", tf, fc, "gpb_econ", te, ec, "合计：财政拨款支出明细表 = 一般公共预算支出明细表（无政府性基金、国有资本经营预算）")
            for r, code, _row in self.coded("fiscal_econ"):
                if len(code) == 3 and code in codes:
                    for fc, ec in pairs:
                        self.same("fiscal_econ", r, fc, "gpb_econ", codes[code], ec, f"{code}：财政拨款支出明细表 = 一般公共预算支出明细表")
        if fe and f:
            tf = self.total_row("fiscal_econ")
            hit = self.find("fiscal", "本年支出合计", 1)
            if tf is not None and hit:
                self.same("fiscal_econ", tf, self.amount_cols("fiscal_econ")[0], "fiscal", hit[0], hit[1], "财政拨款支出明细表合计 = 财政拨款总表本年支出合计")
        if ge and b:
            codes = {code: r for r, code, _ in self.coded("gpb_econ")}
            basic_col = self.amount_cols("gpb_econ")[1]
            for r in range(b["header"], len(b["rows"])):
                row = b["rows"][r]
                for a, c in ((0, 2), (3, 5)):
                    if len(row[a]) == 3 and row[a].isdigit() and row[a] in codes:
                        self.same("basic", r, c, "gpb_econ", codes[row[a]], basic_col, f"{row[a]}：基本支出明细表 = 一般公共预算支出明细表基本支出")
        if p and g:
            tp, tg = self.total_row("project"), self.total_row("gpb")
            proj_col = self.amount_cols("gpb")[2]
            if tp is not None and tg is not None:
                self.same("project", tp, self.amount_cols("project")[0], "gpb", tg, proj_col, "项目支出表合计 = 一般公共预算支出表项目支出")
            codes = {code: r for r, code, _ in self.coded("gpb")}
            for r, code, _row in self.coded("project"):
                if len(code) == 3 and code in codes:
                    self.same("project", r, self.amount_cols("project")[0], "gpb", codes[code], proj_col, f"{code}：项目支出表 = 一般公共预算支出表项目支出")

    def run(self) -> list[dict[str, Any]]:
        for kind in ("income", "expenditure", "gpb", "project", "fiscal_econ", "gpb_econ"):
            if kind in self.tables:
                self.classified(kind)
        for kind in ("summary", "fiscal"):
            if kind in self.tables:
                self.two_sided(kind)
        if "basic" in self.tables:
            self.basic()
        if "three" in self.tables:
            self.three()
        self.cross()
        self.econ_cross()
        return self.out


def main(folder: Path) -> None:
    meta = yaml.safe_load((folder / "meta.yaml").read_text("utf-8"))
    relations = Labeller(folder).run()
    planted = {(p["table"], p["row"], p.get("stated")) for p in meta.get("planted_cells", [])}
    planted_values = {p["stated"] for p in meta.get("planted_cells", [])}
    for item in relations:
        if (item["table"], item["row"], item["stated"]) in planted or (
                item.get("other") and (item["other"]["table"], item["other"]["row"], item["other"]["stated"]) in planted):
            item["planted"] = True
        elif not item["consistent"] and planted_values & set(item["operands"]):
            item["planted"] = True  # a relation the planted figure takes part in
    prose = meta.pop("prose", [])
    meta.pop("planted_cells", None)
    for k, item in enumerate(prose):
        item["id"] = f"p{k + 1}"
    meta["relations"] = relations + prose
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=200)
    (folder / "labels.yaml").write_text(text, "utf-8")
    print(folder.name, len(relations), "table relations,", len(prose), "prose relations,",
          sum(not r["consistent"] for r in meta["relations"]), "inconsistent")


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        main(Path(arg))
