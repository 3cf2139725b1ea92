"""``schedule``: progress against the share of the year gone (序时进度).

"一季度……完成年度预算的31.7%、超序时进度6.7个百分点": the share of the year's budget done (the nearest rate of
progress before the gap in its sentence: 完成/执行…的P%) minus the share of the year gone (一季度 25 %, 上半年 50 %,
前三季度 75 %, 1—N月 / 截至N月底 N÷12) is the gap, in the direction the words say (超/快于/高于 above; 低于/慢于/
落后 below). The period is the nearest one named before the gap: in its sentence, else its paragraph, else the
paragraphs before it (a headline "……一季度实现开门红"). With no period named, nothing is judged.

A difference is a 提示: the share of the year gone may be counted by days, or the progress be of another budget.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.audit.finding import HINT
from jixiao.audit.numbers import Figure
from jixiao.audit.paragraphs import Para
from jixiao.audit.rules.gaps import Reading, Wording, back_from, gap_rule
from jixiao.audit.tolerance import fmt

_GAP = re.compile(r"(?:(?P<dir>超过|超出|超|快于|高于|领先|低于|慢于|落后于|落后|滞后于|滞后)序时进度"
                  r"|比序时进度(?P<dir2>快|高|慢|低|超)(?:出|了)?)(?:约)?$")
_ABOVE = ("超过", "超出", "超", "快于", "高于", "领先", "快", "高")
_PROGRESS = re.compile(r"(?:完成|执行|实现|支出|收入)[^，,。；;]{0,12}?(?:预算|计划|任务|目标)[^，,。；;]{0,4}?(?:的)?$|进度(?:为|是|达)?$")
_PERIOD = re.compile(r"(?P<q1>第?一季度|首季)|(?P<h1>上半年|前两个?季度)|(?P<q3>前三季度)"
                     r"|(?:1|一)\s*[-－—~～至到]\s*(?P<m>\d{1,2})\s*月|前(?P<first>\d{1,2})个?月"
                     r"|截[至止](?:\d{4}年)?(?P<end>\d{1,2})月(?:底|末)")
_BACK = 5  # paragraphs before the gap's in which its period is looked for


def _year_share(m: re.Match[str]) -> Decimal | None:
    if m.group("q1"):
        return Decimal(25)
    if m.group("h1"):
        return Decimal(50)
    if m.group("q3"):
        return Decimal(75)
    months = next((int(m.group(g)) for g in ("m", "first", "end") if m.group(g)), 0)
    return Decimal(months) * 100 / 12 if 1 <= months <= 12 else None


def _period(para: Para, pos: int) -> tuple[str, Decimal] | None:
    """The nearest period named before ``pos``: this sentence, this paragraph, then the paragraphs before."""
    for home, end in back_from(para, pos, _BACK):
        found = list(_PERIOD.finditer(home.text, 0, end))
        if found:
            share = _year_share(found[-1])
            return (found[-1].group(), share) if share is not None else None
    return None


def _progress(para: Para, gap: Figure) -> Figure | None:
    s = para.sentences[para.sentence_of(gap.start)][0]
    rates = [f for f in para.figures_between(s, gap.start) if f.kind == "percent" and not f.change and not f.approx]
    return rates[-1] if rates and _PROGRESS.search(rates[-1].label) else None


def _read(para: Para, gap: Figure) -> tuple[Reading, Wording] | None:
    m = _GAP.search(gap.label)
    done = _progress(para, gap) if m is not None else None
    period = _period(para, gap.start) if done is not None else None
    if m is None or done is None or period is None:
        return None
    name, share = period
    # a share of the year such as 33.33 % may be written 33.3 %
    slack = Decimal(0) if share == share.quantize(Decimal("0.1")) else Decimal("0.05")
    words = gap.label[m.start():]
    reading = Reading(done, share, slack, (m.group("dir") or m.group("dir2")) in _ABOVE,
                      max(done.decimals, gap.decimals), (done,))
    return reading, Wording(
        f"{words}{gap.raw}{gap.unit}", "超序时进度", "低于序时进度",
        [f"进度 {done.label}{done.raw}%", f"序时进度 {name} {fmt(share, 2)}%"],
        lambda shown: f"报告称{done.label}{done.raw}%，{words}{gap.raw}个百分点；按{name}的序时进度"
                      f"{fmt(share, 2)}%（按月计）计应为{shown}。序时进度若按天数等其他口径计算，请核实。",
    )


RULE = gap_rule("schedule", "与序时进度之差不符",
                "“完成年度预算的P%，超序时进度D个百分点”中D与P减去所述期间的序时进度（一季度25%、上半年50%、1—N月N÷12）"
                "之差不符（提示：按月计序时进度）。", HINT, _read)
