"""Line up what a report claims with what jixiao computes, and say why they differ.

``compare`` is pure: it takes an evaluation result (with its figures), the report's claims
and (optionally) the framework, and returns a ``Review``
whose rows carry a kind of difference and Chinese reasons:

- 规则适用不同: both sides scored the indicator and differ; jixiao's basis and
  deductions are shown beside the claimed score;
- 报告未给出数据: jixiao cannot score (part of) the indicator because the report
  does not give the figures; the engine's missing list is shown, with the range
  of scores jixiao could still reach;
- 报告自相矛盾: the report contradicts itself (parts do not add up to its total,
  a score above the weight, a grade outside its band, full marks while spending
  over budget).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from jixiao.claims import ClaimedScore, ReportClaims
from jixiao.engine.result import EvaluationResult, IndicatorResult, Status
from jixiao.frameworks.schema import Framework
from jixiao.review.names import normalize_name
from jixiao.textfmt import money, number, pct
from jixiao.textfmt import score as fs

ZERO = Decimal(0)
TOLERANCE = Decimal("0.005")


class DiffKind(StrEnum):
    SAME = "一致"
    RULE = "规则适用不同"
    MISSING_DATA = "报告未给出数据"
    INCONSISTENT = "报告自相矛盾"
    NOT_CLAIMED = "报告未给出该项得分"
    UNMATCHED = "未能对应"


@dataclass(frozen=True)
class ReviewRow:
    name: str
    claimed: Decimal | None
    jixiao: Decimal | None
    kind: DiffKind
    reasons: tuple[str, ...] = ()
    indicator_id: str | None = None
    level: int | None = None
    weight: Decimal | None = None
    jixiao_max: Decimal | None = None
    quote: str = ""

    @property
    def difference(self) -> Decimal | None:
        if self.claimed is None or self.jixiao is None:
            return None
        return self.jixiao - self.claimed


@dataclass(frozen=True)
class Review:
    department: str
    year: int
    framework_id: str
    framework_name: str
    total: ReviewRow
    claimed_grade: str | None
    jixiao_grade: str | None
    complete: bool
    rows: tuple[ReviewRow, ...] = ()
    unclaimed: tuple[ReviewRow, ...] = ()
    inconsistencies: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    def all_rows(self) -> tuple[ReviewRow, ...]:
        return (self.total, *self.rows, *self.unclaimed)

    def row(self, name: str) -> ReviewRow:
        """The claimed or unclaimed row for an indicator name (normalised)."""
        key = normalize_name(name)
        for r in (*self.rows, *self.unclaimed):
            if normalize_name(r.name) == key:
                return r
        raise KeyError(name)


def _reach(r: IndicatorResult) -> tuple[Decimal, Decimal]:
    """(score of the scored leaves, that plus the weight of the missing leaves)."""
    if not r.children:
        if r.score is not None and r.status is Status.SCORED:
            return r.score, r.score
        return ZERO, r.weight
    lo = hi = ZERO
    for c in r.children:
        a, b = _reach(c)
        lo += a
        hi += b
    return lo, hi


def _missing_text(leaf: IndicatorResult) -> str:
    return "；".join(m.removeprefix("缺少数据：") for m in leaf.missing)


def _missing_lines(r: IndicatorResult) -> list[str]:
    return [f"「{leaf.name}」（{fs(leaf.weight)}分）缺数据：{_missing_text(leaf)}"
            for leaf in r.leaves() if leaf.status is Status.MISSING]


def _deduction_lines(r: IndicatorResult) -> list[str]:
    out = []
    for leaf in r.leaves():
        if leaf.status is Status.SCORED and leaf.score is not None and leaf.score < leaf.weight:
            why = "；".join(leaf.deductions) or leaf.basis
            note = leaf.metric.note if leaf.metric is not None and leaf.metric.note else ""
            out.append(f"jixiao「{leaf.name}」得{fs(leaf.score)}分（满分{fs(leaf.weight)}）：{why}" + (f"（{note}）" if note else ""))
    return out


def _near(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) < TOLERANCE


def _judge(name: str, claimed: Decimal, node: IndicatorResult, quote: str) -> ReviewRow:
    lo, hi = _reach(node)
    score = lo if node.status is not Status.MISSING else None

    def row(kind: DiffKind, jx: Decimal | None, reasons: tuple[str, ...]) -> ReviewRow:
        return ReviewRow(name, claimed, jx, kind, reasons, node.id, node.level, node.weight, hi, quote)

    if claimed > node.weight:
        return row(DiffKind.INCONSISTENT, score, (f"报告得分{fs(claimed)}分超过该项分值{fs(node.weight)}分",))
    deductions = _deduction_lines(node)
    missing = _missing_lines(node)
    if node.status is Status.SCORED:
        if _near(claimed, lo):
            return row(DiffKind.SAME, lo, (f"报告与 jixiao 均为{fs(lo)}分",))
        if lo < claimed:
            head = f"报告{fs(claimed)}分，jixiao {fs(lo)}分，jixiao 多扣{fs(claimed - lo)}分"
            return row(DiffKind.RULE, lo, (head, *deductions))
        head = f"报告{fs(claimed)}分，jixiao {fs(lo)}分，报告多扣{fs(lo - claimed)}分"
        bases = [f"jixiao「{leaf.name}」：{leaf.basis}" for leaf in node.leaves() if leaf.basis]
        return row(DiffKind.RULE, lo, (head, *deductions, *bases))
    span = f"jixiao 已评部分得{fs(lo)}分，缺数据部分最多{fs(hi - lo)}分，可能得分{fs(lo)}～{fs(hi)}分"
    if claimed > hi + TOLERANCE:
        head = f"报告{fs(claimed)}分；即使缺数据的各项全部得满分，jixiao 最多{fs(hi)}分"
        return row(DiffKind.RULE, score, (head, *deductions, *missing))
    if claimed < lo - TOLERANCE:
        head = f"报告{fs(claimed)}分；jixiao 已评部分即得{fs(lo)}分，报告多扣至少{fs(lo - claimed)}分"
        return row(DiffKind.RULE, score, (head, *missing))
    agree = "；已评部分与报告一致" if _near(claimed, lo) else ""
    head = f"报告{fs(claimed)}分在 jixiao 可能得分范围内，因报告未给出数据无法确认：{span}{agree}"
    return row(DiffKind.MISSING_DATA, score, (head, *deductions, *missing))


def _match(claims: tuple[ClaimedScore, ...], result: EvaluationResult) -> list[tuple[ClaimedScore, IndicatorResult | None]]:
    nodes = result.walk()
    used: set[str] = set()
    out: list[tuple[ClaimedScore, IndicatorResult | None]] = []
    for c in claims:
        key = normalize_name(c.name)
        found = next((n for n in nodes if n.id not in used and normalize_name(n.name) == key), None)
        if found is not None:
            used.add(found.id)
        out.append((c, found))
    return out


def _over_budget(result: EvaluationResult) -> list[str]:
    """Spending above its budget, in the engine's figures (the same the report and the 评分表 print)."""
    f = result.figures
    assert f is not None
    out = []
    spent = f.value("expenditure.total")
    budget_key, label, rate_key = (("budget.final", "全年预算数", "budget.execution_rate") if f.value("budget.final") is not None
                                   else ("budget.initial", "年初预算", "budget.initial_execution_rate"))
    budget, rate = f.value(budget_key), f.value(rate_key)
    if spent is not None and budget is not None and rate is not None and spent > budget:
        out.append(f"支出决算{money(spent)}万元超过{label}{money(budget)}万元（为预算的{pct(rate)}）")
    for i, item in enumerate(f.dy.three_public.items):
        actual, planned = f.value(f"three_public.items[{i}].actual"), f.value(f"three_public.items[{i}].budget")
        if item.in_budget_scope and actual is not None and planned is not None and actual > planned:
            out.append(f"{item.kind.label}实际支出{money(actual)}万元超过预算{money(planned)}万元")
    return out


def _parts_vs_whole(matched: list[tuple[ClaimedScore, IndicatorResult | None]], claims: ReportClaims,
                    result: EvaluationResult) -> tuple[list[str], list[str]]:
    """Claimed parts against claimed wholes: contradictions, and what the parts leave unexplained."""
    by_id = {n.id: c.score for c, n in matched if n is not None}
    contradictions: list[str] = []
    notes: list[str] = []

    def check(whole_name: str, whole: Decimal, children: tuple[IndicatorResult, ...]) -> None:
        stated = [(ch, by_id[ch.id]) for ch in children if ch.id in by_id]
        if not stated:
            return
        total = sum((s for _, s in stated), ZERO)
        names = "＋".join(f"{ch.name}{fs(s)}" for ch, s in stated)
        if len(stated) == len(children):
            if not _near(total, whole):
                contradictions.append(f"报告各项得分之和 {names} = {fs(total)}分，与其所称「{whole_name}」{fs(whole)}分不一致")
        else:
            rest = [ch.name for ch in children if ch.id not in by_id]
            notes.append(f"报告只给出 {names} = {fs(total)}分，未给出{'、'.join(rest)}的得分；"
                         f"由「{whole_name}」{fs(whole)}分推得其余合计{fs(whole - total)}分（满分{fs(sum((ch.weight for ch in children if ch.id not in by_id), ZERO))}）")

    if claims.total is not None:
        check("总分", claims.total, result.indicators)
    for c, n in matched:
        if n is not None and n.children:
            check(n.name, c.score, n.children)
    return contradictions, notes


def compare(result: EvaluationResult, claims: ReportClaims, *, framework: Framework | None = None) -> Review:
    """Compare jixiao's evaluation with a report's claimed scores, indicator by indicator."""
    matched = _match(claims.scores, result)
    rows: list[ReviewRow] = []
    covered: set[str] = set()
    for c, node in matched:
        if node is None:
            rows.append(ReviewRow(c.name, c.score, None, DiffKind.UNMATCHED,
                                  (f"报告中的「{c.name}」在框架「{result.framework_name}」中找不到同名指标",), quote=c.quote))
            continue
        covered.update(r.id for r in node.walk())
        rows.append(_judge(c.name, c.score, node, c.quote))

    inconsistencies, notes = _parts_vs_whole(matched, claims, result)
    inconsistencies += [f"「{r.name}」{r.reasons[0]}" for r in rows if r.kind is DiffKind.INCONSISTENT]
    full_claimed = claims.total is not None and _near(claims.total, result.max_total)
    if full_claimed:
        inconsistencies += [f"报告总分为满分{fs(claims.total)}分，但{fact}" for fact in _over_budget(result)]
    if claims.grade is not None and claims.total is not None and framework is not None:
        band = framework.grade_for(claims.total)
        if band is not None and band != claims.grade:
            inconsistencies.append(f"报告总分{fs(claims.total)}分按等级标准应为「{band}」，报告却写「{claims.grade}」")

    unclaimed: list[ReviewRow] = []
    for leaf in result.leaves():
        if leaf.id in covered:
            continue
        lo, hi = _reach(leaf)
        meta = (leaf.id, leaf.level, leaf.weight, hi)
        if leaf.status is Status.MISSING:
            why = (f"报告未给出评分所需数据：{_missing_text(leaf)}",)
            unclaimed.append(ReviewRow(leaf.name, None, None, DiffKind.MISSING_DATA, why, *meta))
        elif leaf.score is not None and leaf.score < leaf.weight:
            lines = tuple(_deduction_lines(leaf))
            if full_claimed:
                head = f"报告总分为满分，即本项应得满分{fs(leaf.weight)}分；jixiao {fs(leaf.score)}分"
                unclaimed.append(ReviewRow(leaf.name, leaf.weight, leaf.score, DiffKind.RULE, (head, *lines), *meta))
            else:
                unclaimed.append(ReviewRow(leaf.name, None, leaf.score, DiffKind.NOT_CLAIMED, lines, *meta))

    lo = result.total
    hi = lo + sum((leaf.weight for leaf in result.leaves() if leaf.status is Status.MISSING), ZERO)
    total = _total_row(claims, result, lo, hi, inconsistencies)
    return Review(
        department=result.department,
        year=result.year,
        framework_id=result.framework_id,
        framework_name=result.framework_name,
        total=total,
        claimed_grade=claims.grade,
        jixiao_grade=result.grade,
        complete=result.complete,
        rows=tuple(rows),
        unclaimed=tuple(unclaimed),
        inconsistencies=tuple(inconsistencies),
        notes=tuple(notes),
    )


def _total_row(claims: ReportClaims, result: EvaluationResult, lo: Decimal, hi: Decimal,
               inconsistencies: list[str]) -> ReviewRow:
    name = "总分"
    jx = lo if result.complete or lo > 0 else None

    def row(claimed: Decimal | None, kind: DiffKind, reasons: tuple[str, ...]) -> ReviewRow:
        return ReviewRow(name, claimed, jx, kind, reasons, None, None, result.max_total, hi, claims.total_quote)

    if claims.total is None:
        return row(None, DiffKind.NOT_CLAIMED, ("报告未给出总分",))
    c = claims.total
    grade = ""
    if result.grade is not None and claims.grade is not None and result.grade != claims.grade:
        grade = f"；等级：报告「{claims.grade}」，jixiao「{result.grade}」"
    if result.complete:
        if _near(c, lo):
            kind = DiffKind.SAME if not grade else DiffKind.RULE
            return row(c, kind, (f"报告与 jixiao 总分均为{fs(lo)}分{grade}",))
        return row(c, DiffKind.RULE, (f"报告{fs(c)}分，jixiao {fs(lo)}分，相差{fs(lo - c)}分{grade}",))
    missing = hi - lo
    span = f"jixiao 已评各项合计{fs(lo)}分，缺数据各项共{fs(missing)}分，总分可能为{fs(lo)}～{fs(hi)}分"
    if c > hi + TOLERANCE:
        over = (f"报告{fs(c)}分；即使缺数据的各项全部得满分，jixiao 总分最多{fs(hi)}分，比报告少{fs(c - hi)}分", span)
        return row(c, DiffKind.RULE, over)
    if c < lo - TOLERANCE:
        return row(c, DiffKind.RULE, (f"报告{fs(c)}分，低于 jixiao 已评部分{fs(lo)}分", span))
    reasons: tuple[str, ...] = (f"报告{fs(c)}分在 jixiao 可能总分范围内，因报告未给出数据无法确认", span)
    if inconsistencies:
        reasons += (f"另有报告自相矛盾之处{number(Decimal(len(inconsistencies)))}处，见下",)
    return row(c, DiffKind.MISSING_DATA, reasons)
