"""``chainage``: a road section's length against its stake numbers (桩号).

A road project's report gives the section as two stake numbers and its length: "起点桩号K274+903，终点桩号K278+403，
全长3.5公里" / "K12+300至K15+800段，长3.5公里". A stake K<a>+<b> is a + b/1000 km from the road's origin, so the
length is the difference of the two stakes. A difference beyond the length's rounding (half a unit of its last
place) is a 提示: a chain break (断链) makes the length differ from the stakes' difference, and the text may not say so.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.audit.context import Context, Para
from jixiao.audit.finding import HINT, AuditFinding
from jixiao.audit.numbers import Figure
from jixiao.audit.rules.base import Rule


def _stake(n: int) -> str:
    """A stake number K<a>+<b>, its groups named km<n> and m<n>."""
    return rf"[kK]\s{{0,2}}(?P<km{n}>\d{{1,4}})\s{{0,2}}\+\s{{0,2}}(?P<m{n}>\d{{1,3}}(?:\.\d{{1,3}})?)"


# two stakes, labelled 起点/终点 or joined by 至/～/—; then, in the same clause group, the length
_SECTION = re.compile(
    r"(?:起点(?:桩号)?(?:为|是)?[:：]?\s{0,2}" + _stake(1) + r"[^。；;\d]{0,12}?终点(?:桩号)?(?:为|是)?[:：]?\s{0,2}"
    + _stake(2) + r"|" + _stake(3) + r"\s{0,2}(?:至|到|～|~|—|－|-)\s{0,2}" + _stake(4) + r")"
)
_LENGTH = re.compile(r"[^。；;\d]{0,12}?(?:全长|总长|长度|长|里程)(?:为|是|共|计)?[:：]?\s{0,2}(?P<len>\d{1,4}(?:\.\d{1,3})?)\s{0,2}"
                     r"(?P<unit>公里|千米|km|KM|米|m)(?![²2a-zA-Z])")
_METRES = {"公里": Decimal(1000), "千米": Decimal(1000), "km": Decimal(1000), "KM": Decimal(1000), "米": Decimal(1), "m": Decimal(1)}


def _figure(para: Para, text: str, start: int, unit: str = "") -> Figure:
    decimals = len(text.partition(".")[2])
    return Figure(Decimal(text), unit, text, start, start + len(text), decimals, "", para.depth_at(start))


def check(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for para in ctx.paras:
        text = para.text
        if "+" not in text:
            continue
        for m in _SECTION.finditer(text):
            k = 1 if m.group("km1") is not None else 3
            length = _LENGTH.match(text, m.end())
            if length is None or text[length.end("len"):length.start("unit")].strip() != "" or "约" in text[m.end():length.start("len")]:
                continue
            a_km, a_m, b_km, b_m = (_figure(para, m.group(g), m.start(g)) for g in (f"km{k}", f"m{k}", f"km{k + 1}", f"m{k + 1}"))
            stated = _figure(para, length.group("len"), length.start("len"), length.group("unit"))
            ctx.trace(RULE.name, para, stated, a_km, a_m, b_km, b_m)
            per = _METRES[length.group("unit")]
            metres = abs((b_km.value * 1000 + b_m.value) - (a_km.value * 1000 + a_m.value))
            half = Decimal("0.5").scaleb(-stated.decimals) * per
            if abs(metres - stated.value * per) <= half:
                continue
            expected = f"{(metres / per).normalize():f}{stated.unit}"  # (exact: a stake is to the metre or finer)
            out.append(ctx.finding(
                RULE.name, RULE.title, HINT, para, stated.start, stated.text(), expected,
                [f"起点 K{a_km.raw}+{a_m.raw}", f"终点 K{b_km.raw}+{b_m.raw}"],
                f"按起点K{a_km.raw}+{a_m.raw}、终点K{b_km.raw}+{b_m.raw}计算，路段长应为{expected}，报告称{stated.text()}"
                "（如有断链，里程与桩号之差可能不同，请核实）。",
            ))
    return out


RULE = Rule("chainage", "桩号与里程不符", "路段起点、终点桩号（K a+b）之差与所称全长不符（提示：断链可使二者不同）。", check)
