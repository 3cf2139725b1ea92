"""Scores: first-level scores against the stated total, indicator scores against their
weight and deductions, and the grade against the score bands (财预〔2020〕10号)."""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.audit.claims import FIRST_LEVEL, HEADING, claims_of
from jixiao.audit.context import Context, Para, Relation
from jixiao.audit.finding import ERROR, HINT, AuditFinding
from jixiao.audit.numbers import Figure
from jixiao.audit.rules.base import Rule
from jixiao.audit.rules.heading_points import section_scores
from jixiao.textfmt import number

_TOTAL = ("总", "合计", "综合", "共计")
GRADE_BANDS: tuple[tuple[Decimal, str], ...] = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差"))
_DEDUCT = re.compile(r"扣(?:除|减)?(\d+(?:\.\d+)?)分")
_CLAUSE = re.compile(r"[，,。；;：:！？!?]")


def deductions_in(text: str) -> list[Decimal]:
    """Points deducted in an indicator's paragraph. "每低于5个百分点扣2分" / "每次扣1.5分" state a
    rate, not a deduction: a "扣X分" whose clause has "每" before it is skipped."""
    out = []
    for m in _DEDUCT.finditer(text):
        clause = _CLAUSE.split(text[: m.start()])[-1]
        if "每" not in clause:
            out.append(Decimal(m.group(1)))
    return out


def _claim_para(ctx: Context, quote: str, name: str) -> Para | None:
    """The paragraph a claimed indicator score was read from. The quote alone ("本项指标得1分。")
    recurs under many indicators, so the paragraph must also open with the indicator's name."""
    if not quote:
        return None
    index: dict[str, list[Para]]
    cached = ctx.memo.get("headings")
    if isinstance(cached, dict):
        index = cached
    else:
        index = {}
        for para in ctx.paras:
            heading = HEADING.match(para.text)
            if heading:
                index.setdefault(heading.group("name").strip(), []).append(para)
        ctx.memo["headings"] = index
    return next((p for p in index.get(name, []) if quote in p.text), None)


def grade_for(total: Decimal) -> str:
    return next(g for floor, g in GRADE_BANDS if total >= floor)


_THEN_PARTS = re.compile(r"\s*[，,]?\s*其中\s*[：:，,]?")
_NOT_A_SCORE = re.compile(r"分值|满分|权重|扣")


def _first_level_run(figs: list[Figure]) -> list[Figure]:
    """The scores at the start of ``figs`` that each name a first-level indicator (not its weight or a deduction)."""
    run: list[Figure] = []
    for f in figs:
        if not any(w in f.label for w in FIRST_LEVEL) or _NOT_A_SCORE.search(f.label):
            break
        run.append(f)
    return run


def _total_then_parts(ctx: Context, para: Para, figs: list[Figure]) -> list[AuditFinding]:
    """"自评得分95分，其中：决策20分，过程20分，产出30分，效益25分": a score, then 其中 and first-level scores. More than
    the total is an 错误; less is an 错误 when four or more are listed (every first level of a framework), else not
    judged (the 其中 may name only some of them)."""
    out: list[AuditFinding] = []
    for k, total in enumerate(figs):
        marker = _THEN_PARTS.match(para.text, total.end)
        if marker is None or _NOT_A_SCORE.search(total.label):
            continue
        parts = _first_level_run(figs[k + 1:])
        if len(parts) < 2 or parts[0].start - marker.end() > 12:
            continue
        after = k + 1 + len(parts)
        if after < len(figs) and _is_item(figs[after]):
            continue  # the list goes on after the run: its first items are not all of it
        ctx.trace(SCORE_TOTAL.name, para, total, *parts)
        s = sum((p.value for p in parts), Decimal(0))
        if s.quantize(Decimal(1).scaleb(-total.decimals)) == total.value:
            continue
        if s < total.value and len(parts) < 4:
            continue  # fewer than four first levels may be some of them only
        terms = " + ".join(number(p.value) for p in parts)
        out.append(ctx.finding(
            SCORE_TOTAL.name, SCORE_TOTAL.title, ERROR, para, total.start, f"{total.raw}分",
            f"{number(s)}分", [f"{p.label.rstrip('为是')} {p.raw}分" for p in parts],
            f"“其中”所列各一级指标得分{terms} = {number(s)}分，与所述得分{total.raw}分不符。",
        ))
    return out


def _listed_before(figs: list[Figure], k: int) -> bool:
    """Whether the score just before a run of first-level scores (at ``k``, -1 when none) is one more item of the
    same list: "项目立项6分，…，组织实施6分，时效目标10分，…，满意度15分，总得分90分" lists second-level scores whose
    names only partly hold a first-level word ("目标", "满意度"); the run read back from the total is then the
    list's tail, not every part of the total, and is not judged. A 分值 / 满分 / 扣分 figure or a stated total
    ("自评得分86分，决策15分，…") before it is not an item."""
    return k >= 0 and _is_item(figs[k])


def _is_item(fig: Figure) -> bool:
    """Whether a score figure next to a run of first-level scores is one more item of their list (not a 分值 /
    满分 / 扣分 figure, not a stated total)."""
    return not _NOT_A_SCORE.search(fig.label) and not any(w in fig.label for w in (*_TOTAL, "自评"))


_LIST_TOTAL = re.compile(r"(?:总得分|总分|自评总分|综合得分|合计得分|自评得分)\s*[为是:：]?$")
_LIST_GAP = re.compile(r"^[,，、；;\s]*[\u4e00-\u9fff“”\"（）()]{2,16}\s*(?:得分|得)?\s*[为是:：]?\s*$")
_LIST_SIZE = 4
_FIRST_NAME = re.compile(r"(?:绩效)?(?:指标)?(?:得分)?\s*[为是:：]?$")  # "决策", "产出指标得分为": a first level's own name


def _whole_list(ctx: Context, para: Para, figs: list[Figure]) -> list[AuditFinding]:
    """"其中：项目立项6分，绩效目标5分，…，服务对象满意度15分，总得分92": a list of scores from the start of its clause
    (nothing scored before it) straight up to a stated total, written with or without 分. Its items need not all
    name first-level indicators (those lists are :func:`check_total`'s): the whole list is summed. Equal is checked;
    a difference is a 提示 — the items may mix levels, or leave some out."""
    out: list[AuditFinding] = []
    for k, total in enumerate(figs):
        if total.depth or total.kind not in ("score", "bare") or not _LIST_TOTAL.search(total.label):
            continue
        items: list[Figure] = []
        for f in reversed(figs[:k]):
            nxt = items[0] if items else total
            if f.kind != "score" or f.depth or not _is_item(f) or not _LIST_GAP.match(para.text[f.end:nxt.start]):
                break
            items.insert(0, f)
        before = figs[k - len(items) - 1] if k > len(items) else None
        first = [_FIRST_NAME.sub("", f.label) in FIRST_LEVEL for f in items]
        if len(items) < _LIST_SIZE or (before is not None and before.kind == "score" and _is_item(before)) or any(
                first) or all(any(w in f.label for w in FIRST_LEVEL) for f in items):
            continue  # a short list, the tail of a longer one, one naming first levels (with or without their parts)
        ctx.trace(SCORE_TOTAL.name, para, total, *items)
        s = sum((f.value for f in items), Decimal(0))
        if s.quantize(Decimal(1).scaleb(-total.decimals)) == total.value:
            continue
        out.append(ctx.finding(
            SCORE_TOTAL.name, SCORE_TOTAL.title, HINT, para, total.start, total.raw, f"{number(s)}",
            [f"{f.label.rstrip('为是')} {f.raw}分" for f in items],
            f"所列各项得分{' + '.join(number(f.value) for f in items)} = {number(s)}分，与所述{total.label}{total.raw}不符"
            f"（若所列各项不属同一层级或并非全部指标，请说明）。",
        ))
    return out


def check_total(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for para in ctx.paras:
        for si in range(len(para.sentences)):
            out.extend(_whole_list(ctx, para, [f for f in para.figures_in(si) if f.depth == 0]))
            figs = [f for f in para.figures_in(si) if f.kind == "score" and f.depth == 0]
            out.extend(_total_then_parts(ctx, para, figs))
            if len(figs) < 3:
                continue
            total = figs[-1]
            parts: list[Figure] = []
            for f in reversed(figs[:-1]):  # the run of first-level scores just before the total
                if not any(w in f.label for w in FIRST_LEVEL) or "扣" in f.label:
                    break
                parts.insert(0, f)
            if not any(w in total.label for w in _TOTAL) or len(parts) < 2:
                continue
            if _listed_before(figs, len(figs) - 2 - len(parts)):
                continue  # the list goes on before the run: its last items are not all of it
            ctx.trace(SCORE_TOTAL.name, para, total, *parts)
            s = sum((p.value for p in parts), Decimal(0))
            if s.quantize(Decimal(1).scaleb(-total.decimals)) == total.value:
                continue
            terms = " + ".join(number(p.value) for p in parts)
            out.append(ctx.finding(
                SCORE_TOTAL.name, SCORE_TOTAL.title, ERROR, para, total.start, f"{total.raw}分", f"{number(s)}分",
                [f"{p.label.rstrip('为是')} {p.raw}分" for p in parts],
                f"各一级指标得分{terms} = {number(s)}分，与报告所述总分{total.raw}分不符。",
            ))
    return out


def check_indicators(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    claims = claims_of(ctx)
    for c in claims.scores:
        if c.max_score is None:
            continue
        para = _claim_para(ctx, c.quote, c.name)
        if para is None:
            continue
        pos = para.text.rfind(c.quote)
        if c.score > c.max_score:
            out.append(ctx.finding(
                INDICATOR_SCORE.name, INDICATOR_SCORE.title, ERROR, para, pos, f"{number(c.score)}分", f"≤{number(c.max_score)}分",
                [f"分值 {number(c.max_score)}分", f"得分 {number(c.score)}分"],
                f"“{c.name}”分值为{number(c.max_score)}分，报告得分{number(c.score)}分，超过分值。",
            ))
            continue
        deductions = deductions_in(para.text[:pos + len(c.quote)])
        if deductions:
            expected = c.max_score - sum(deductions, Decimal(0))
            if expected != c.score:
                out.append(ctx.finding(
                    INDICATOR_SCORE.name, INDICATOR_SCORE.title, ERROR, para, pos, f"{number(c.score)}分", f"{number(expected)}分",
                    [f"分值 {number(c.max_score)}分"] + [f"扣 {number(d)}分" for d in deductions],
                    f"“{c.name}”分值{number(c.max_score)}分，扣{number(sum(deductions, Decimal(0)))}分后应得"
                    f"{number(expected)}分，报告写作{number(c.score)}分。",
                ))
    return out + _section_checks(ctx)


def _section_checks(ctx: Context) -> list[AuditFinding]:
    """A score stated in the text under a numbered heading that states its 分值 ("（1）项目立项（2分）" / "……自评得2分。")
    against that 分值."""
    out: list[AuditFinding] = []
    for s in section_scores(ctx):
        h = s.heading
        weight = h.points
        assert weight is not None
        lines = tuple(x for x in (s.para.block.line_at(s.at), h.para.block.line_at(h.at)) if x is not None)
        ctx.relations.append(Relation(INDICATOR_SCORE.name, s.score, (weight,), s.para.block.location(s.at), lines))
        if s.score <= weight:
            continue
        out.append(ctx.finding(
            INDICATOR_SCORE.name, INDICATOR_SCORE.title, ERROR, s.para, s.at, f"{s.raw}分", f"≤{number(weight)}分",
            [f"分值 {number(weight)}分", f"得分 {s.raw}分"],
            f"“{h.name}”分值为{number(weight)}分，其下文字所述自评得分{s.raw}分，超过分值。",
        ))
    return out


def check_grade(ctx: Context) -> list[AuditFinding]:
    claims = claims_of(ctx)
    if claims.total is None or claims.grade is None:
        return []
    expected = grade_for(claims.total)
    if expected == claims.grade:
        return []
    para = next((p for p in ctx.paras if claims.grade_quote and claims.grade_quote in p.text), ctx.paras[0])
    pos = max(para.text.find(claims.grade_quote), 0)
    return [ctx.finding(
        GRADE.name, GRADE.title, ERROR, para, pos, claims.grade, expected,
        [f"总分 {number(claims.total)}分", "等级划分：90分（含）以上为优，80（含）至90分为良，60（含）至80分为中，60分以下为差"],
        f"自评总分{number(claims.total)}分对应等级应为“{expected}”，报告评为“{claims.grade}”。",
    )]


SCORE_TOTAL = Rule("score_total", "一级指标得分与总分不符", "“投入…分，过程…分，…，总分…分”中各一级指标得分之和与总分不符。", check_total)
INDICATOR_SCORE = Rule("indicator_score", "指标得分与分值不符", "指标得分超过其分值，或“扣X分”后的得分与分值减扣分不符。", check_indicators)
GRADE = Rule("grade", "等级与得分不符", "自评等级与总分按优≥90、良[80,90)、中[60,80)、差<60 的划分不符。", check_grade)
