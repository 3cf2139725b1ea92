"""A gap stated in percentage points, judged one way for every rule that reads one.

"……增长25%，比地方一般公共预算支出增幅高7.7个百分点" (``points``: a rate against another rate the text states) and
"完成年度预算的31.7%、超序时进度6.7个百分点" (``schedule``: progress against the share of the year gone) state the
same relation: the rate minus a reference is the gap D, in the direction the words say. Each rule reads its
rate and reference its own way (:class:`Reading`) and says the finding in its own words (:class:`Wording`); the
tracing, the tolerance (half a unit of the last place of the rate and of the gap as written, plus the reference's
own slack) and the gap the figures make are this module's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao.audit import paragraphs
from jixiao.audit.context import Context, Para
from jixiao.audit.finding import AuditFinding
from jixiao.audit.numbers import Figure
from jixiao.audit.rules.base import Rule
from jixiao.audit.tolerance import fmt


@dataclass(frozen=True)
class Reading:
    """What a stated gap is measured between."""

    rate: Figure  # the rate the gap is of (the clause's own rate of change; the progress made)
    reference: Decimal  # what the rate is measured from (another stated rate, signed; the share of the year gone)
    slack: Decimal  # the reference's rounding
    up: bool  # the words say the rate stands above the reference
    places: int  # decimals the gap the figures make is shown with
    operands: tuple[Figure, ...]  # the figures the traced relation is computed from
    across: bool = False  # an operand stands in another paragraph: the relation is not the gap paragraph's alone


@dataclass(frozen=True)
class Wording:
    """How a rule says a gap that does not fit."""

    stated: str  # the stated gap as the finding quotes it
    above: str  # the words for the gap the figures make: above ("高", "超序时进度") or below the reference
    below: str
    figures: list[str]  # the figures as the finding quotes them: the reading's operands first, in their order
    explain: Callable[[str], str]  # the explanation, given the gap the figures make as shown


def stated_gaps(ctx: Context) -> Iterator[tuple[Para, Figure]]:
    """Every gap stated in percentage points that is not an estimate ("约"), with its paragraph."""
    for para in ctx.paras:
        for f in para.figures:
            if f.kind == "points" and not f.approx:
                yield para, f


def back_from(para: paragraphs.Para, pos: int, before: int) -> Iterator[tuple[paragraphs.Para, int]]:
    """Where to look for what a gap at ``pos`` names, nearest first: ``para`` up to ``pos``, then each of the
    ``before`` prose paragraphs before it, whole (a paragraph and the end of its text)."""
    home: paragraphs.Para | None = para
    end = pos
    for _ in range(before + 1):
        if home is None:
            return
        yield home, end
        home = home.prev
        end = len(home.text) if home is not None else 0


def half_place(f: Figure) -> Decimal:
    """Half a unit of the last place the figure is written to (a rate or a gap: written to the places it has)."""
    return Decimal("0.5").scaleb(-f.decimals)


def signed(f: Figure) -> Decimal:
    """A rate of change with its direction: a decrease ("下降3.2%") below zero."""
    return -f.value if f.change == "-" else f.value


def judge(ctx: Context, rule: Rule, severity: str, para: Para, gap: Figure, reading: Reading,
          wording: Wording) -> AuditFinding | None:
    """Trace the gap's relation; a finding when the rate minus the reference is not the gap the words state."""
    ctx.trace(rule.name, para, gap, *reading.operands, result_para=para if reading.across else None)
    diff = signed(reading.rate) - reading.reference
    said = gap.value if reading.up else -gap.value
    if abs(diff - said) <= half_place(reading.rate) + half_place(gap) + reading.slack:
        return None
    shown = f"{wording.above if diff >= 0 else wording.below}{fmt(abs(diff), reading.places)}个百分点"
    ops = reading.operands
    figures = [ctx.cite(text, ops[k], para) if k < len(ops) else text for k, text in enumerate(wording.figures)]
    return ctx.finding(rule.name, rule.title, severity, para, gap.start, wording.stated, shown, figures,
                       wording.explain(shown))


def gap_rule(name: str, title: str, description: str, severity: str,
             read: Callable[[Para, Figure], tuple[Reading, Wording] | None]) -> Rule:
    """A rule judging every stated gap that ``read`` can read."""

    def check(ctx: Context) -> list[AuditFinding]:
        out: list[AuditFinding] = []
        for para, gap in stated_gaps(ctx):
            got = read(para, gap)
            finding = judge(ctx, rule, severity, para, gap, *got) if got is not None else None
            if finding is not None:
                out.append(finding)
        return out

    rule = Rule(name, title, description, check)
    return rule
