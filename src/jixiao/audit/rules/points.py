"""``points``: a gap between two growth rates stated in percentage points, against the two rates.

"民生类支出173.9亿元，同比增长25%，比地方一般公共预算支出增幅高7.7个百分点": the clause's own rate (the last
rate of change before the gap, 25 %) minus the rate the text states for the amount the comparison names (the
nearest earlier amount labelled with that name, this paragraph or the two before, and the first rate of change
of its clause, 17.3 %) is the gap, in the direction the words say (高/快 above, 低/慢 below). The other rate may be
stated in a bracket after its name ("增长20.6%)，增幅比全省平均水平(17.9%)高2.7个百分点"). A gap from a rate the text
does not state ("比全省平均水平高4.8个百分点") is not judged.
"""

from __future__ import annotations

import re

from jixiao.audit.finding import ERROR
from jixiao.audit.numbers import Figure
from jixiao.audit.paragraphs import Para, eligible, prior
from jixiao.audit.rules.gaps import Reading, Wording, back_from, gap_rule, half_place, signed

_GAP = re.compile(r"(?:比|较)(?P<name>[^，,。；;：:]{2,24}?)(?:的)?(?:增幅|增速|增长率|增长幅度)(?P<dir>高|低|快|慢)(?:出|了)?$")
# "增幅比全省平均水平(17.9%)高2.7个百分点": the other rate stated in a bracket after its name
_GAP_STATED = re.compile(r"(?:增幅|增速|增长率)?(?:比|较)(?P<name>[^，,。；;：:（(]{2,24}?)(?:的?(?:增幅|增速|增长率))?"
                         r"[（(](?P<rate>\d+(?:\.\d+)?)%[)）](?P<dir>高|低|快|慢)(?:出|了)?$")
_PLACE = re.compile(r"^(?:\d{1,2}[-—～~至]\d{1,2}月[份]?|\d{4}年度?|全年|今年)?[，,]?(?:全国|全省|全市|全州|全盟|全区|全县)?")
_UP = ("高", "快")


def _named_rate(para: Para, pos: int, name: str) -> tuple[Figure, Para] | None:
    """The rate of change stated for the nearest earlier amount whose label names ``name``."""
    name = _PLACE.sub("", name).strip("“”\" ")
    if len(name) < 4:
        return None
    for home, end in back_from(para, pos, 2):
        for f in reversed(home.figures_between(0, end)):
            if f.kind != "money" or not eligible(f) or prior(f):
                continue
            label = _PLACE.sub("", f.label.strip()).rstrip("为是达共计")
            if label != name:
                continue
            text = home.text
            e = home.sentences[home.sentence_of(f.start)][1]
            stop = min((k for k in (text.find("；", f.end, e), text.find(";", f.end, e)) if k >= 0), default=e)
            after = [x for x in home.figures_between(f.end, stop) if x.depth == f.depth]
            nxt = next((x for x in after if x.kind == "money" and eligible(x)), None)
            rate = next((x for x in after if x.kind == "percent" and x.change
                         and (nxt is None or x.start < nxt.start)), None)
            return (rate, home) if rate is not None else None
    return None


def _read(para: Para, gap: Figure) -> tuple[Reading, Wording] | None:
    m = _GAP.search(gap.label) or _GAP_STATED.search(gap.label)
    if m is None:
        return None
    s = para.sentences[para.sentence_of(gap.start)][0]
    label_start = gap.start - len(gap.label)
    if m.re is _GAP_STATED:  # the other rate is the bracket's; the own rate may stand in a bracket before
        at = label_start + m.start("rate")
        stated = next((f for f in para.figures_between(at, at + 1) if f.kind == "percent"), None)
        found: tuple[Figure, Para] | None = (stated, para) if stated is not None else None
        own = [f for f in para.figures_between(s, label_start + m.start()) if f.kind == "percent" and f.change
               and not f.approx and f.depth >= gap.depth]
    else:
        found = _named_rate(para, label_start + m.start("name"), m.group("name"))
        own = [f for f in para.figures_between(s, gap.start) if f.kind == "percent" and f.change
               and not f.approx and f.depth == gap.depth]
    if not own or found is None:
        return None
    mine, (theirs, home) = own[-1], found
    name, said = m.group("name"), m.group("dir")
    reading = Reading(mine, signed(theirs), half_place(theirs), said in _UP, max(mine.decimals, theirs.decimals),
                      (mine, theirs), home is not para)
    return reading, Wording(
        f"{gap.raw}{gap.unit}", "高", "低",
        [f"本项 {mine.label}{mine.raw}%", f"{name} {theirs.label}{theirs.raw}%"],
        lambda shown: f"报告称{mine.label}{mine.raw}%，比{name}增幅（{theirs.raw}%）{said}{gap.raw}个百分点；"
                      f"按两者相减应{shown}。",
    )


RULE = gap_rule("points", "增幅之差与所述百分点不符",
                "“增长A%，比X增幅高D个百分点”中D与本项增幅A、文中所述X的增幅之差不符。", ERROR, _read)
