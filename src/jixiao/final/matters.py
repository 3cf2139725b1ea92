"""The 其他重要事项 of a 决算's 情况说明: 机关运行经费, 政府采购 and the counts of people and vehicles.

Three rules, each a pure function from :class:`~jixiao.final.model.FinalAccounts` to :class:`Check` records:

- ``final_operating_costs``: the 机关运行经费 the text states against the table that holds it — the
  “三公”、机关运行经费 table where the template has one (Yunnan, …), else the 公用经费合计 of the 基本支出
  table, which the template defines as the 机关运行经费 of 行政单位 and 参照公务员法管理的事业单位 (a 错误
  when the text says the unit is one, a 提示 naming the assumption when it does not say);
- ``final_procurement``: 政府采购支出总额 = 货物 + 工程 + 服务, and the shares 授予中小企业 of the 总额 and
  授予小微企业 of the 中小企业 amount;
- ``final_staffing``: 实有人数 = 在职 + 离休 + 退休, and 车辆 total = the kinds listed (一般公务用车、执法执勤
  用车、特种专业技术用车、其他用车 …).
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.final.checks import ERROR, HINT, Check
from jixiao.final.model import Amount, FinalAccounts
from jixiao.final.prose import rate_check, scoped_sentences

_NUM = r"(\d[\d,]*(?:\.\d+)?)"
_OPERATING = re.compile(r"机关运行经费(?:支出|决算数?)?(?:为|共计|合计)?\s*" + _NUM + r"\s*万元")
_PUBLIC_SERVANT_UNIT = re.compile(r"参照公务员法管理|参公|行政单位(?!和)|机关单位")
_PROCUREMENT_TOTAL = re.compile(r"政府采购(?:支出)?总额(?:为|共计)?\s*" + _NUM + r"\s*万元")
_PROCUREMENT_PART = re.compile(r"政府采购(?P<kind>货物|工程|服务)(?:类)?支出(?:为)?\s*" + _NUM + r"\s*万元")
_SME = re.compile(r"授予中小企业合同(?:金额|总额)(?:为|共计)?\s*" + _NUM + r"\s*万元[，,]?\s*占(?P<base>[^，,；;。%\d]{0,16}?)(?:的)?\s*"
                  + _NUM + r"\s*%")
_SMALL = re.compile(r"授予小微企业合同(?:金额|总额)(?:为|共计)?\s*" + _NUM + r"\s*万元[，,]?\s*占(?P<base>[^，,；;。%\d]{0,16}?)(?:的)?\s*"
                    + _NUM + r"\s*%")
_STAFF = re.compile(r"实有人数\s*(\d+)\s*人[，,]?\s*其中[：:]?(?P<list>[^。]*)")
_STAFF_PART = re.compile(r"(在职人员|在职|离休人员|离休|退休人员|退休)\s*(\d+)\s*人")
_VEHICLES = re.compile(r"(?:共有|拥有|现有|实有)?车辆(?:共)?\s*(\d+)\s*辆[，,]?\s*其中[：:]?(?P<list>[^。；;]*)")
_VEHICLE_PART = re.compile(r"([^，,、；;：:\d]{2,14}?用车)\s*(\d+)\s*辆")
_VEHICLE_KINDS = ("一般公务用车", "执法执勤用车", "特种专业技术用车", "其他用车")


def _dec(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _places(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def _quote(sentence: str, start: int, end: int) -> str:
    return sentence[max(0, start - 12): min(len(sentence), end + 12)]


def _same(rule: str, stated: str, table: Amount, quote: str, what: str, assumption: str = "") -> Check:
    places = _places(stated)
    expected = table.value.quantize(Decimal(1).scaleb(-places))
    diff = abs(expected - _dec(stated))
    ok = diff == 0
    unit = Decimal(1).scaleb(-places)
    severity = None if ok else (HINT if diff <= unit or assumption else ERROR)
    why = "" if ok else (f"情况说明{what} {stated}万元与{table.source.describe()}的 {table.text}{table.unit} 不一致"
                         + (f"（{assumption}）" if assumption else "") + ("；相差末位一个单位，可能是尾差调整" if diff <= unit else ""))
    return Check(rule, "same", stated, f"{expected:,.{places}f}", ok, severity, quote=quote, operands=(table.text,), explanation=why)


def operating_costs(fa: FinalAccounts) -> list[Check]:
    """机关运行经费 in the text against the table that states it (or the 公用经费 it is by definition)."""
    rule = "final_operating_costs"
    three = fa.table("three_public")
    in_table = three.lines[0].get("operating.actual") if three is not None and three.lines else None
    basic = fa.table("gpb_basic")
    public = basic.find("公用经费合计") if basic is not None else None
    public_amount = public.get("actual") if public is not None else None
    text = "".join(t for t, _ in fa.prose)
    servant = _PUBLIC_SERVANT_UNIT.search(text) is not None
    out: list[Check] = []
    for sentence, _heading in scoped_sentences(fa):
        for m in _OPERATING.finditer(sentence):
            if any(w in sentence[max(0, m.start() - 6): m.start()] for w in ("上年", "增加", "减少")):
                continue
            quote = _quote(sentence, m.start(), m.end())
            if in_table is not None:
                out.append(_same(rule, m.group(1), in_table, quote, "机关运行经费"))
            elif public_amount is not None:
                assumption = "" if servant else "按模板口径，机关运行经费为行政单位和参照公务员法管理事业单位的公用经费；本单位性质未写明，请核实"
                out.append(_same(rule, m.group(1), public_amount, quote, "机关运行经费（即基本支出中的公用经费）", assumption))
    return out


def procurement(fa: FinalAccounts) -> list[Check]:
    """政府采购支出总额 = 货物 + 工程 + 服务; 授予中小企业 / 小微企业 shares of their bases."""
    rule = "final_procurement"
    out: list[Check] = []
    for sentence, _heading in scoped_sentences(fa):
        head = _PROCUREMENT_TOTAL.search(sentence)
        if head is not None:
            parts = {m.group("kind"): m.group(2) for m in _PROCUREMENT_PART.finditer(sentence, head.end())}
            if len(parts) >= 2:
                stated = head.group(1)
                places = max([_places(stated)] + [_places(p) for p in parts.values()])
                total = sum((_dec(p) for p in parts.values()), Decimal(0))
                diff = abs(total - _dec(stated))
                unit = Decimal(1).scaleb(-places)
                complete = len(parts) == 3
                ok = diff == 0
                if ok or complete or total > _dec(stated):
                    severity = None if ok else (HINT if diff <= unit else ERROR)
                    listed = "、".join(f"{k}{v}万元" for k, v in parts.items())
                    why = "" if ok else (f"政府采购支出总额 {stated}万元，所列{listed}合计 {total:,.{places}f}万元，相差 {diff:,.{places}f}万元"
                                         + ("；差额为末位一个单位，可能是尾差调整" if severity == HINT else ""))
                    out.append(Check(rule, "sum", stated, f"{total:,.{places}f}", ok, severity,
                                     quote=_quote(sentence, head.start(), head.end()), operands=tuple(parts.values()),
                                     explanation=why))
        sme = _SME.search(sentence)
        total_text = head.group(1) if head is not None else _earlier_total(fa, sentence)
        if sme is not None and total_text is not None:
            c = rate_check(rule, "share", sme.group(3), _dec(sme.group(1)), _dec(total_text),
                           _quote(sentence, sme.start(), sme.end()), (sme.group(1), total_text), "授予中小企业合同金额占政府采购支出总额的比重")
            if c is not None:
                out.append(c)
        small = _SMALL.search(sentence)
        if small is not None and sme is not None and "中小企业" in small.group("base"):
            c = rate_check(rule, "share", small.group(3), _dec(small.group(1)), _dec(sme.group(1)),
                           _quote(sentence, small.start(), small.end()), (small.group(1), sme.group(1)), "授予小微企业合同金额占授予中小企业合同金额的比重")
            if c is not None:
                out.append(c)
    return out


def _earlier_total(fa: FinalAccounts, sentence: str) -> str | None:
    """The 政府采购支出总额 stated in a sentence before ``sentence`` (the shares may follow in their own)."""
    found: str | None = None
    for s, _heading in scoped_sentences(fa):
        if s == sentence:
            return found
        m = _PROCUREMENT_TOTAL.search(s)
        if m is not None:
            found = m.group(1)
    return None


def staffing(fa: FinalAccounts) -> list[Check]:
    """实有人数 = 在职 + 离休 + 退休; 车辆 total = the kinds listed after 其中."""
    rule = "final_staffing"
    out: list[Check] = []
    for sentence, _heading in scoped_sentences(fa):
        for m in _STAFF.finditer(sentence):
            parts = {p.group(1)[:2]: int(p.group(2)) for p in _STAFF_PART.finditer(m.group("list"))}
            if len(parts) < 2:
                continue
            stated = int(m.group(1))
            total = sum(parts.values())
            complete = {"在职", "离休", "退休"} <= set(parts)
            if total == stated or complete or total > stated:
                ok = total == stated
                listed = "、".join(f"{k}{v}人" for k, v in parts.items())
                out.append(Check(rule, "sum", str(stated), str(total), ok, None if ok else ERROR,
                                 quote=_quote(sentence, m.start(), m.start() + len(m.group(0).split("其中")[0]) + 1),
                                 operands=tuple(str(v) for v in parts.values()),
                                 explanation="" if ok else f"实有人数 {stated}人，其中所列{listed}合计 {total}人"))
        for m in _VEHICLES.finditer(sentence):
            parts = {p.group(1).removeprefix("其中").lstrip("：:"): int(p.group(2)) for p in _VEHICLE_PART.finditer(m.group("list"))}
            if len(parts) < 2:
                continue
            stated = int(m.group(1))
            total = sum(parts.values())
            complete = all(any(k in name for name in parts) for k in _VEHICLE_KINDS)
            if total == stated or complete or total > stated:
                ok = total == stated
                listed = "、".join(f"{k}{v}辆" for k, v in parts.items())
                out.append(Check(rule, "sum", str(stated), str(total), ok, None if ok else ERROR,
                                 quote=_quote(sentence, m.start(), m.start() + len(m.group(0).split("其中")[0]) + 1),
                                 operands=tuple(str(v) for v in parts.values()),
                                 explanation="" if ok else f"车辆合计 {stated}辆，其中所列{listed}合计 {total}辆"))
    return out


MATTER_RULES = {
    "final_operating_costs": operating_costs,
    "final_procurement": procurement,
    "final_staffing": staffing,
}

__all__ = ["MATTER_RULES", "operating_costs", "procurement", "staffing"]
