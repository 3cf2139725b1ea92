"""The scoring-rule kinds a framework file may use, each a frozen dataclass.

Every rule knows how to describe itself in Chinese (the 评分标准 column), how
to check its own parameters against the indicator's weight, and how to turn an
indicator value (or department data it reads directly) into a score with
deduction sentences. Scores always lie in [floor, weight]. How a file's mapping
becomes a rule (types, bounds, the ``kind`` tag) is :mod:`jixiao.frameworks.read`.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Sequence
from dataclasses import field
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Literal

from jixiao.frozen import frozen
from jixiao.textfmt import number, pct, q2
from jixiao.textfmt import score as fs

if TYPE_CHECKING:  # rules read the department only when applied; loading a framework needs no model
    from jixiao.model import DepartmentYear, SurveyGroup

ZERO = Decimal(0)
HUNDRED = Decimal(100)


# Outcome and Context are made for every leaf of every department-year: frozen, with each field written
# once into the instance dict (the generated ``__init__`` pays an ``object.__setattr__`` per field).


@frozen(init=False)
class Outcome:
    """What a rule returns for one leaf indicator."""

    score: Decimal | None
    deductions: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    basis: str = ""  # one sentence: how the score was reached
    details: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # what the user should know about the data used (printed as warnings)

    def __init__(self, score: Decimal | None, deductions: tuple[str, ...] = (), missing: tuple[str, ...] = (),
                 basis: str = "", details: dict[str, str] | None = None, notes: tuple[str, ...] = ()) -> None:
        self.__dict__.update(score=score, deductions=deductions, missing=missing, basis=basis,
                             details={} if details is None else details, notes=notes)


def _no_figure(key: str) -> Decimal | None:
    return None


@frozen(init=False)
class Context:
    """Everything a rule may look at for one leaf."""

    indicator_id: str
    indicator_name: str
    weight: Decimal
    department: DepartmentYear
    value: Decimal | None = None
    unit: str = ""
    # the engine's figures by key (jixiao.engine.figures): a rule reads derived values from here,
    # never computes them a second time
    figure: Callable[[str], Decimal | None] = field(default=_no_figure, repr=False)

    def __init__(self, *, indicator_id: str, indicator_name: str, weight: Decimal, department: DepartmentYear,
                 value: Decimal | None = None, unit: str = "",
                 figure: Callable[[str], Decimal | None] = _no_figure) -> None:
        self.__dict__.update(indicator_id=indicator_id, indicator_name=indicator_name, weight=weight,
                             department=department, value=value, unit=unit, figure=figure)


def show(value: Decimal, unit: str) -> str:
    if unit == "%":
        return pct(value)
    return f"{number(q2(value))}{unit}"


def gap_unit(unit: str) -> str:
    return "个百分点" if unit == "%" else unit


def clamp(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    return max(low, min(high, value))


class _Rule:
    __slots__ = ()
    needs_value: ClassVar[bool] = True

    def problems(self, weight: Decimal) -> list[str]:
        """Parameter problems, as Chinese sentences; empty when well formed."""
        return []

    def describe(self, weight: Decimal, unit: str) -> str:
        raise NotImplementedError

    def apply(self, ctx: Context) -> Outcome:
        raise NotImplementedError


_OPS: dict[str, tuple[str, Callable[[Decimal, Decimal], bool]]] = {
    ">=": ("≥", operator.ge),
    "<=": ("≤", operator.le),
    ">": (">", operator.gt),
    "<": ("<", operator.lt),
    "==": ("=", operator.eq),
}


@frozen(kw_only=True)
class Threshold(_Rule):
    """达到要求得满分（或 pass_score），否则得 fail_score。"""

    kind: Literal["threshold"]
    op: Literal[">=", "<=", ">", "<", "=="]
    target: Decimal
    pass_score: Decimal | None = None
    fail_score: Decimal = ZERO

    def problems(self, weight: Decimal) -> list[str]:
        out = []
        if self.pass_score is not None and not ZERO <= self.pass_score <= weight:
            out.append(f"pass_score {self.pass_score} 应在 0 与分值 {weight} 之间")
        if not ZERO <= self.fail_score <= weight:
            out.append(f"fail_score {self.fail_score} 应在 0 与分值 {weight} 之间")
        return out

    def describe(self, weight: Decimal, unit: str) -> str:
        sign = _OPS[self.op][0]
        ok = self.pass_score if self.pass_score is not None else weight
        return f"{sign}{show(self.target, unit)}得{fs(ok)}分，否则得{fs(self.fail_score)}分"

    def apply(self, ctx: Context) -> Outcome:
        assert ctx.value is not None
        sign, test = _OPS[self.op]
        ok = self.pass_score if self.pass_score is not None else ctx.weight
        shown = show(ctx.value, ctx.unit)
        if test(ctx.value, self.target):
            return Outcome(ok, basis=f"{ctx.indicator_name}为{shown}，满足{sign}{show(self.target, ctx.unit)}，得{fs(ok)}分")
        lost = ctx.weight - self.fail_score
        sentence = (
            f"{ctx.indicator_name}为{shown}，未满足{sign}{show(self.target, ctx.unit)}的要求，扣{fs(lost)}分"
        )
        return Outcome(self.fail_score, (sentence,), basis=sentence)


Steps = Literal["continuous", "started", "completed"]
"""How a linear rule counts steps: the exact fraction, every step begun, or only whole steps."""


@frozen(kw_only=True)
class Linear(_Rule):
    """每超过（或低于）基准一个步长扣固定分值，扣完为止。"""

    kind: Literal["linear"]
    baseline: Decimal
    direction: Literal["above", "below"]
    step: Decimal  # > 0
    deduct: Decimal  # > 0
    steps: Steps = "continuous"
    floor: Decimal = ZERO

    def problems(self, weight: Decimal) -> list[str]:
        if not ZERO <= self.floor <= weight:
            return [f"floor {self.floor} 应在 0 与分值 {weight} 之间"]
        return []

    def describe(self, weight: Decimal, unit: str) -> str:
        word = "超过" if self.direction == "above" else "低于"
        ok = "≤" if self.direction == "above" else "≥"
        step = f"{number(self.step)}{gap_unit(unit)}" if unit == "%" else show(self.step, unit)
        return (
            f"{ok}{show(self.baseline, unit)}得满分；每{word}{step}扣{fs(self.deduct)}分，"
            f"扣完为止{'（最低' + fs(self.floor) + '分）' if self.floor else ''}"
        )

    def apply(self, ctx: Context) -> Outcome:
        assert ctx.value is not None
        gap = ctx.value - self.baseline if self.direction == "above" else self.baseline - ctx.value
        shown = show(ctx.value, ctx.unit)
        if gap <= 0:
            return Outcome(ctx.weight, basis=f"{ctx.indicator_name}为{shown}，未{'超过' if self.direction == 'above' else '低于'}{show(self.baseline, ctx.unit)}，得满分{fs(ctx.weight)}分")
        n = gap / self.step
        if self.steps == "started":
            n = Decimal(math.ceil(n))
        elif self.steps == "completed":
            n = Decimal(math.floor(n))
        lost = min(n * self.deduct, ctx.weight - self.floor)
        score = ctx.weight - lost
        word = "超过" if self.direction == "above" else "低于"
        sentence = (
            f"{ctx.indicator_name}为{shown}，{word}{show(self.baseline, ctx.unit)}"
            f"{number(q2(gap))}{gap_unit(ctx.unit)}，每{word}{number(self.step)}{gap_unit(ctx.unit)}"
            f"扣{fs(self.deduct)}分，扣{fs(lost)}分"
        )
        return Outcome(score, (sentence,) if lost > 0 else (), basis=sentence)


@frozen(kw_only=True)
class Band:
    """One band of ``Bands``: the score of the values between ``min`` and ``max``."""

    min: Decimal | None = None
    max: Decimal | None = None
    min_inclusive: bool = True
    max_inclusive: bool = False
    score: Decimal

    def contains(self, v: Decimal) -> bool:
        if self.min is not None and (v < self.min or (v == self.min and not self.min_inclusive)):
            return False
        return not (self.max is not None and (v > self.max or (v == self.max and not self.max_inclusive)))

    def text(self, unit: str) -> str:
        lo = "(-∞" if self.min is None else ("[" if self.min_inclusive else "(") + show(self.min, unit)
        hi = "+∞)" if self.max is None else show(self.max, unit) + ("]" if self.max_inclusive else ")")
        if self.min is not None and self.max is not None and self.min == self.max:
            return f"={show(self.min, unit)}"
        return f"{lo}，{hi}"


@frozen(kw_only=True)
class Bands(_Rule):
    """分档：指标值落在哪个区间得该区间的分值，按顺序取第一个匹配的区间。"""

    kind: Literal["bands"]
    bands: Sequence[Band]  # at least one

    def problems(self, weight: Decimal) -> list[str]:
        return [
            f"第 {i + 1} 档分值 {b.score} 应在 0 与分值 {weight} 之间"
            for i, b in enumerate(self.bands)
            if not ZERO <= b.score <= weight
        ]

    def describe(self, weight: Decimal, unit: str) -> str:
        return "；".join(f"{b.text(unit)}得{fs(b.score)}分" for b in self.bands)

    def apply(self, ctx: Context) -> Outcome:
        assert ctx.value is not None
        shown = show(ctx.value, ctx.unit)
        for b in self.bands:
            if b.contains(ctx.value):
                lost = ctx.weight - b.score
                sentence = f"{ctx.indicator_name}为{shown}，在区间{b.text(ctx.unit)}内，得{fs(b.score)}分"
                if lost > 0:
                    sentence += f"，扣{fs(lost)}分"
                return Outcome(b.score, (sentence,) if lost > 0 else (), basis=sentence)
        sentence = f"{ctx.indicator_name}为{shown}，不在评分标准的任何区间内，得0分"
        return Outcome(ZERO, (sentence,), basis=sentence)


@frozen(kw_only=True)
class Proportional(_Rule):
    """按完成比例得分：正向 分值×实际/目标，反向 分值×目标/实际，满分为止。"""

    kind: Literal["proportional"]
    target: Decimal = HUNDRED  # > 0
    orientation: Literal["positive", "negative"] = "positive"
    zero_below: Decimal | None = None

    def describe(self, weight: Decimal, unit: str) -> str:
        if self.orientation == "positive":
            text = f"≥{show(self.target, unit)}得满分，否则得分 = 分值 × 实际值 ÷ {show(self.target, unit)}"
        else:
            text = f"≤{show(self.target, unit)}得满分，否则得分 = 分值 × {show(self.target, unit)} ÷ 实际值"
        if self.zero_below is not None:
            text += f"；低于{show(self.zero_below, unit)}不得分"
        return text

    def apply(self, ctx: Context) -> Outcome:
        assert ctx.value is not None
        v, w, t = ctx.value, ctx.weight, self.target
        shown = show(v, ctx.unit)
        if self.zero_below is not None and v < self.zero_below:
            sentence = f"{ctx.indicator_name}为{shown}，低于{show(self.zero_below, ctx.unit)}，不得分，扣{fs(w)}分"
            return Outcome(ZERO, (sentence,), basis=sentence)
        if self.orientation == "positive":
            ratio = v / t
        elif v <= 0:
            ratio = HUNDRED
        else:
            ratio = t / v
        if ratio >= 1:
            return Outcome(w, basis=f"{ctx.indicator_name}为{shown}，达到目标{show(t, ctx.unit)}，得满分{fs(w)}分")
        score = w * ratio
        formula = f"{fs(w)} × {shown} ÷ {show(t, ctx.unit)}" if self.orientation == "positive" else f"{fs(w)} × {show(t, ctx.unit)} ÷ {shown}"
        sentence = (
            f"{ctx.indicator_name}为{shown}，未达到目标{show(t, ctx.unit)}，得分 = {formula} = {fs(score)}分，"
            f"扣{fs(w - score)}分"
        )
        return Outcome(score, (sentence,), basis=sentence)


@frozen(kw_only=True)
class ChecklistItem:
    """One item of a ``Checklist`` and the points it is worth."""

    key: str
    name: str
    points: Decimal  # > 0


@frozen(kw_only=True)
class Checklist(_Rule):
    """清单：每满足一项得该项分值；事项取自部门数据 management。"""

    kind: Literal["checklist"]
    items: Sequence[ChecklistItem]  # at least one
    needs_value: ClassVar[bool] = False

    def problems(self, weight: Decimal) -> list[str]:
        total = sum((i.points for i in self.items), ZERO)
        out = []
        if total != weight:
            out.append(f"清单各项分值之和 {number(total)} 不等于指标分值 {number(weight)}")
        keys = [i.key for i in self.items]
        if len(set(keys)) != len(keys):
            out.append("清单中有重复的 key")
        return out

    def describe(self, weight: Decimal, unit: str) -> str:
        return "；".join(f"{i.name}（{fs(i.points)}分）" for i in self.items) + "；每项不满足扣该项分值"

    def apply(self, ctx: Context) -> Outcome:
        by_key = {m.key: m for m in ctx.department.management}
        missing = []
        deductions = []
        score = ZERO
        for item in self.items:
            m = by_key.get(item.key)
            if m is None or m.satisfied is None:
                missing.append(f"管理评价事项「{item.name}」（{item.key}）未填写是否满足")
                continue
            if m.satisfied:
                score += item.points
            else:
                why = f"，{m.note.strip().rstrip('。；;，,. ')}" if m.note and m.note.strip() else ""
                deductions.append(f"“{item.name}”未达到要求{why}，扣{fs(item.points)}分")
        if missing:
            return Outcome(None, missing=tuple(missing))
        basis = f"清单{len(self.items)}项中满足{len(self.items) - len(deductions)}项，得{fs(score)}分"
        return Outcome(score, tuple(deductions), basis=basis)


@frozen(kw_only=True)
class PerIncident(_Rule):
    """按次扣分：从满分起每发生一次扣固定分值，扣完为止。

    The count is the indicator's metric value when it has one, otherwise the
    department's ``incidents`` entry of kind ``incident``.
    """

    kind: Literal["per_incident"]
    incident: str | None = None
    label: str = "扣分事项"
    deduct: Decimal  # > 0
    floor: Decimal = ZERO
    needs_value: ClassVar[bool] = False

    def problems(self, weight: Decimal) -> list[str]:
        return [] if ZERO <= self.floor <= weight else [f"floor {self.floor} 应在 0 与分值 {weight} 之间"]

    def describe(self, weight: Decimal, unit: str) -> str:
        return f"未发生{self.label}得满分；每发生一次扣{fs(self.deduct)}分，扣完为止"

    def apply(self, ctx: Context) -> Outcome:
        count = ctx.value
        if count is None and self.incident is not None:
            found = [i for i in ctx.department.incidents if i.kind == self.incident]
            if found:
                count = Decimal(found[0].count)
        if count is None:
            where = f"incidents 中 kind 为「{self.incident}」的次数" if self.incident else "次数"
            return Outcome(None, missing=(f"缺少{self.label}的{where}（没有发生请填 0）",))
        if count <= 0:
            return Outcome(ctx.weight, basis=f"未发生{self.label}，得满分{fs(ctx.weight)}分")
        lost = min(count * self.deduct, ctx.weight - self.floor)
        sentence = f"发生{self.label}{number(count)}次，每次扣{fs(self.deduct)}分，扣{fs(lost)}分"
        return Outcome(ctx.weight - lost, (sentence,), basis=sentence)


@frozen(kw_only=True)
class Tier:
    """One completion tier of ``Manual``: its name and its share of the weight (0 to 1)."""

    name: str
    min: Decimal  # 0 to 1
    max: Decimal  # 0 to 1


DEFAULT_TIERS = (
    Tier(name="达成年度指标", min=Decimal("0.8"), max=Decimal(1)),
    Tier(name="部分达成并具有一定效果", min=Decimal("0.6"), max=Decimal("0.8")),
    Tier(name="未达成且效果较差", min=ZERO, max=Decimal("0.6")),
)


@frozen(kw_only=True)
class Manual(_Rule):
    """定性指标：评价人在档次范围内打分并写明理由（财预〔2020〕10号三档）。"""

    kind: Literal["manual"]
    tiers: Sequence[Tier] = DEFAULT_TIERS
    needs_value: ClassVar[bool] = False

    def describe(self, weight: Decimal, unit: str) -> str:
        return "定性评价：" + "；".join(
            f"{t.name}得{fs(weight * t.min)}～{fs(weight * t.max)}分" for t in self.tiers
        )

    def tier_of(self, ratio: Decimal) -> str | None:
        for t in sorted(self.tiers, key=lambda t: t.max, reverse=True):
            if t.min <= ratio <= t.max:
                return t.name
        return None

    def apply(self, ctx: Context) -> Outcome:
        found = [m for m in ctx.department.manual_scores if m.indicator == ctx.indicator_id]
        if not found:
            return Outcome(
                None,
                missing=(f"定性指标需人工评分：请在人工评分（manual_scores）中为「{ctx.indicator_id}」填写得分和理由",),
            )
        m = found[0]
        if m.score > ctx.weight:
            return Outcome(
                None,
                missing=(f"人工评分 {fs(m.score)} 分超过该指标分值 {fs(ctx.weight)} 分，请更正",),
            )
        tier = self.tier_of(m.score / ctx.weight) if ctx.weight else None
        basis = f"人工评定{fs(m.score)}分" + (f"（{tier}）" if tier else "")
        lost = ctx.weight - m.score
        if lost <= 0:
            return Outcome(m.score, basis=basis + (f"：{m.reason}" if m.reason else ""))
        if not m.reason:
            return Outcome(None, missing=(f"人工评分扣了{fs(lost)}分但没有写明理由，请在 reason 中说明",))
        return Outcome(m.score, (f"{m.reason}，扣{fs(lost)}分",), basis=basis)


@frozen(kw_only=True)
class GroupWeight:
    """A respondent group the framework weighs, and the other names departments give it."""

    name: str
    weight: Decimal  # > 0
    aliases: Sequence[str] = ()

    def takes(self, survey_name: str, declared: str | None) -> bool:
        """Whether a survey row counts toward this group: by its declared group, else by its name."""
        if declared:
            return declared == self.name or declared in self.aliases
        return survey_name == self.name or survey_name in self.aliases


@frozen(kw_only=True)
class Satisfaction(_Rule):
    """满意度：各调查对象满意度按权重合成，再按目标值比例（或分档）计分。"""

    kind: Literal["satisfaction"]
    groups: Sequence[GroupWeight] | None = None
    target: Decimal = Decimal(90)  # > 0, <= 100
    bands: Sequence[Band] | None = None
    needs_value: ClassVar[bool] = False

    def problems(self, weight: Decimal) -> list[str]:
        if self.bands:
            return Bands(kind="bands", bands=self.bands).problems(weight)
        return []

    def describe(self, weight: Decimal, unit: str) -> str:
        if self.groups:
            combo = " + ".join(f"{g.name}满意度×{number(g.weight)}" for g in self.groups)
            head = f"综合满意度 = {combo}；"
        else:
            head = "综合满意度 = 各调查对象满意度的平均；"
        if self.bands:
            return head + Bands(kind="bands", bands=self.bands).describe(weight, "%")
        return head + f"≥{pct(self.target)}得满分，否则按综合满意度 ÷ {pct(self.target)} 比例得分"

    def apply(self, ctx: Context) -> Outcome:
        surveys = list(enumerate(ctx.department.surveys))
        if not surveys and not self.groups:
            return Outcome(None, missing=("缺少满意度调查结果（surveys）",))
        notes: list[str] = []
        if self.groups:
            wanted = self.groups
            members = {g.name: [(i, s) for i, s in surveys if g.takes(s.name, s.group)] for g in wanted}
            counted = {i for rows in members.values() for i, _ in rows}
            names = "、".join(g.name for g in wanted)
            notes = [f"满意度调查对象「{s.name}」不属于评价框架的调查对象（{names}），未计入综合满意度；"
                     f"如属其中一类，请在“计入类别”（surveys[{i}].group）中注明"
                     for i, s in surveys if i not in counted]
        else:
            wanted = [GroupWeight(name=s.name, weight=Decimal(1)) for _, s in surveys]
            members = {s.name: [(i, s)] for i, s in surveys}
        missing, parts = [], []
        for g in wanted:
            rate = _group_rate(ctx, members[g.name])
            if rate is None:
                missing.append(f"缺少调查对象「{g.name}」的满意度（问卷数与满意数，或满意度）")
            else:
                parts.append((g, rate))
        if missing:
            return Outcome(None, missing=tuple(missing), notes=tuple(notes))
        total_w = sum((g.weight for g, _ in parts), ZERO)
        combined = sum((g.weight * r for g, r in parts), ZERO) / total_w
        shares = " + ".join(f"{g.name}{pct(r)}×{number(q2(g.weight * 100 / total_w))}%" for g, r in parts)
        head = f"综合满意度 = {shares} = {pct(combined)}" if len(parts) > 1 else f"满意度为{pct(combined)}"
        sub = Context(
            indicator_id=ctx.indicator_id,
            indicator_name="综合满意度",
            weight=ctx.weight,
            value=combined,
            unit="%",
            department=ctx.department,
        )
        inner = (
            Bands(kind="bands", bands=self.bands).apply(sub)
            if self.bands
            else Proportional(kind="proportional", target=self.target).apply(sub)
        )
        return Outcome(
            inner.score,
            inner.deductions,
            basis=f"{head}；{inner.basis}",
            details={"combined_rate": str(combined)},
            notes=tuple(notes),
        )


def _group_rate(ctx: Context, rows: list[tuple[int, SurveyGroup]]) -> Decimal | None:
    """One group's satisfaction from its survey rows (the engine's rate of each row): a single row's
    rate, or several rows weighted by their number of responses (equally when a count is missing)."""
    rates = [(ctx.figure(f"surveys[{i}].rate_value"), s.responses) for i, s in rows]
    if not rates or any(r is None for r, _ in rates):
        return None
    if len(rates) == 1:
        return rates[0][0]
    if all(n for _, n in rates):
        total = sum((Decimal(n or 0) for _, n in rates), ZERO)
        return sum(((r or ZERO) * Decimal(n or 0) for r, n in rates), ZERO) / total
    return sum((r or ZERO for r, _ in rates), ZERO) / len(rates)


@frozen(kw_only=True)
class Coefficient(_Rule):
    """得分系数：得分 = 分值 × 系数（系数取指标值，按百分比或小数）。"""

    kind: Literal["coefficient"]
    scale: Literal["percent", "fraction"] = "percent"

    def describe(self, weight: Decimal, unit: str) -> str:
        return "得分 = 分值 × 得分系数（系数不超过100%）"

    def apply(self, ctx: Context) -> Outcome:
        assert ctx.value is not None
        coef = ctx.value / HUNDRED if self.scale == "percent" else ctx.value
        coef = clamp(coef, ZERO, Decimal(1))
        score = ctx.weight * coef
        sentence = f"得分系数{pct(coef * HUNDRED)}，得分 = {fs(ctx.weight)} × {pct(coef * HUNDRED)} = {fs(score)}分"
        lost = ctx.weight - score
        return Outcome(score, (sentence + f"，扣{fs(lost)}分",) if lost > 0 else (), basis=sentence)


Rule = Threshold | Linear | Bands | Proportional | Checklist | PerIncident | Manual | Satisfaction | Coefficient

RULE_KINDS: dict[str, type[_Rule]] = {
    "threshold": Threshold,
    "linear": Linear,
    "bands": Bands,
    "proportional": Proportional,
    "checklist": Checklist,
    "per_incident": PerIncident,
    "manual": Manual,
    "satisfaction": Satisfaction,
    "coefficient": Coefficient,
}
