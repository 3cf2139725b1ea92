"""Stated rates and shares against the amounts they are computed from.

Relations come from sentence structure only:
- "A万元，完成预算B万元的Z%" / "执行数A万元，完成预算的Z%"  -> Z = A / B
- "预算安排B万元，实际支出A万元，控制率（执行率、完成率、支出进度…）为Z%" -> Z = A / B,
  where A is the amount whose label says it is spent (实际、支出、决算、完成数…)
- "年初预算B万元，年中调增A万元……预算调整率为Z%" -> Z = A / B
- "A万元，占X的Z%" with X the label of an amount in the same paragraph, or the
  stated total of the 其中 list A belongs to ("占总支出", "占比为")
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import ROUND_DOWN, Decimal
from functools import cache
from importlib import resources
from typing import NamedTuple

import yaml

from jixiao.audit.clauses import ItemList
from jixiao.audit.context import Context, Para
from jixiao.audit.finding import ERROR, HINT, AuditFinding
from jixiao.audit.headings import LEADING_NUMBER
from jixiao.audit.numbers import Figure, colon_label
from jixiao.audit.paragraphs import eligible, prior, role, subject
from jixiao.audit.rules.base import Rule
from jixiao.audit.tolerance import fmt, half_unit, quantize, rate_verdict, ratio_bounds, sum_consistent

_NAMED_RATE = re.compile(r"(控制|执行|完成|支出|使用|支付|拨付|到位|调整)率(?:为|是|达到?|约)?$|(?:支出|执行|支付|拨付|完成)进度(?:为|是|达到?)?$")
# the rates of spending the funds: "资金到位A万元" is then what was received, the base
_OF_FUNDS = ("执行", "支出", "使用", "支付")
_RECEIVED = re.compile(r"(?:到位|到账|拨入|收到)(?:资金)?(?:为|是|共)?$")


def _counts(figs: list[Figure]) -> list[Figure]:
    """The counts (people, villages, times) among ``figs`` — a completion rate's terms when no amount is stated."""
    return [f for f in figs if (f.kind.startswith("count:") or f.kind == "person") and eligible(f)]


# "绩效目标值2373.51万元，已下达补助2373.51万元，完成进度100%": the target an indicator's amount is completed against
_TARGET = re.compile(r"(?:目标值|指标值|目标任务|目标数)(?:为|是)?$")
_OF_BUDGET = re.compile(r"(?:完成|占|达到?|为)(?P<which>全年|年度|年初|调整后?|变动后)?预算(?:数)?的$")
_SHARE = re.compile(r"(?:占比|比重)(?:为|是|达)?$|占([^占，。；]*?)(?:的)?(?:比例|比重)?(?:为|是|达)?$"
                    r"|在([^在，。；]*?)中(?:的)?(?:比重|占比|比例|占)(?:为|是|达)?$")  # "在X中的比重为Z%", "在X中占Z%"
_FILLER = re.compile(r"[\s，,、：:；;“”\"（）()]|^(?:其中|分别|均|的)|(?:的|所)$")
# words that name no particular part before 占比 ("支出金额占比为95.4%")
_GENERIC_NAME = re.compile(r"支出金额|收入金额|金额|资金|支出|收入|经费|该项|该部分|其|分别|约")
_LIST_OPENING = re.compile(r"[\s*]*(其中|包括)")
_GENERIC_WHOLE = ("总", "合计", "全部", "总额", "总数", "总计")
_ADJ = ("调增", "调减", "追加", "调整金额", "调整数")


_FUND = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算|社会保险基金预算|公共")


def _shown(label: str) -> str:
    """What a label names, for a message: :func:`subject`, with fund names ("一般公共预算收入") kept whole."""
    masked = _FUND.sub(lambda m: "\0" * len(m.group()), label)
    name = subject(masked)
    at = masked.find(name)
    return label[at:at + len(name)] if name and at >= 0 else ""


def _money(figs: list[Figure]) -> list[Figure]:
    return [f for f in figs if f.kind == "money" and eligible(f)]


def _check(ctx: Context, rule: Rule, para: Para, p: Figure, num: Figure, den: Figure, what: str,
           elsewhere: bool = False) -> AuditFinding | None:
    """``elsewhere``: ``den`` stands in another paragraph (the relation is then not tied to ``para`` alone)."""
    if den.wan == 0 or p.value < 0:
        return None
    if num.unit != den.unit and Decimal("0.5") <= abs(num.value / den.value) <= 2 and abs(num.wan / den.wan) > 999:
        return None  # a unit slip, reported by the unit rule
    if num.unit != den.unit and den.value and rate_verdict(
            p.value, p.decimals, num.value / den.value * 100,
            *ratio_bounds(num.value, half_unit(num), den.value, half_unit(den), Decimal(100))) is None:
        return None  # "预算数2089元：其中……1777万元，占比85.06%": the rate holds on the figures as written — a unit slip
    ctx.trace(rule.name, para, p, num, den, result_para=para if elsewhere else None)
    scale = Decimal(100)
    exact = num.wan / den.wan * scale
    lo, hi = ratio_bounds(num.wan, half_unit(num) * num.scale, den.wan,
                          half_unit(den) * den.scale, scale)
    verdict = rate_verdict(p.value, p.decimals, exact, lo, hi)
    if verdict is None:
        return None
    places = max(p.decimals, 2)
    expected = f"{fmt(exact, places)}%"
    return ctx.finding(
        rule.name, rule.title, verdict, para, p.start, f"{p.raw}%", expected,
        [ctx.cite(f"{num.label or '分子'} {num.text()}", num, para), ctx.cite(f"{den.label or '分母'} {den.text()}", den, para)],
        f"报告称{what}为{p.raw}%，但按{num.text()}÷{den.text()}计算应为{expected}。",
    )


# a count completed against a target: "完成市目标任务2000人的", "完成计划100户的", "达到目标数50个的"
_TASK = re.compile(r"(?:完成|达到)[\u4e00-\u9fff]{0,8}(?:任务|目标|计划)(?:数|人数)?(?:的)?$")
# "实际下达54万元" / "实际拨付": an amount the label says was actually allotted (a plan word after 实际)
_ACTUALLY = re.compile(r".*实际[\u4e00-\u9fff]{0,2}(?:下达|分配|安排)(?:资金)?(?:为|是|共)?$")
_LEFT_OVER = re.compile(r"(?:结余|剩余|节余|未使用|未支出|余额)(?:资金)?(?:为|是)?$")
_RATIO_OF_TWO = re.compile(r"(?:二者|两者|两数)(?:之)?比(?:例|值|率)?(?:为|是|约)?$")


def _second_rate(para: Para, p: Figure, amounts: list[Figure], subject_words: str, name: str
                 ) -> tuple[Figure, Figure, str] | None:
    """"总资金24224.30万元（其中中央资金：23507.35万元……），已拨付16227.61万元（其中中央资金：15510.66万元……），总体执行进度
    为66.99%，中央资金执行进度为65.98%": a rate after another rate of the same amounts is of the part its label names —
    the two amounts so labelled (the funds, then what was done of them); else nothing is judged."""
    words = subject_words.strip(" ，,")
    if len(words) < 2:
        return None
    own = [f for f in amounts if words in colon_label(para.text, f)]
    if len(own) != 2 or own[0].unit != own[1].unit:
        return None
    return own[1], own[0], f"{words}{name}"


class _Assumed(NamedTuple):
    """Operands read with an assumption the words do not state (which amount is the budget): a difference is a 提示."""

    num: Figure
    den: Figure
    what: str


def _rate_operands(para: Para, p: Figure) -> tuple[Figure, Figure, str] | None:
    si = para.sentence_of(p.start)
    sent = [f for f in para.figures_in(si) if f.start < p.start]
    label = p.label
    if _RATIO_OF_TWO.search(label):
        # "实有在职人员136人,编委核定编制143人,二者之比为95.10%": the first of the two figures before it over the second
        two = [f for f in sent if f.depth == p.depth and eligible(f)][-2:]
        if len(two) == 2 and two[0].kind == two[1].kind:
            return two[0], two[1], f"{two[0].label.rstrip('为是：:') or '前者'}与{two[1].label.rstrip('为是：:') or '后者'}之比"
        return None
    # "完成预算B万元的Z%" / "培训2399人，完成市目标任务2000人的120%"
    prev = sent[-1] if sent else None
    if prev is not None and para.text[prev.end : p.start] == "的" and eligible(prev) and (
            prev.kind == "money" or (bool(_counts([prev])) and _TASK.search(prev.label) is not None)):
        before = [f for f in sent[:-1] if f.depth == prev.depth and f.kind == prev.kind and eligible(f)]
        if before:
            return before[-1], prev, f"{_shown(before[-1].label)}{prev.label or '完成预算'}的比例"
        return None
    if _OF_BUDGET.search(label):
        # the clause group of the rate: back to the last "；" or list marker (an item's own budget, or none)
        text = para.text
        start = max(text.rfind("；", 0, p.start), text.rfind(";", 0, p.start), text.rfind("其中", 0, p.start))
        money = _money([f for f in sent if f.start > start])
        plans = [f for f in money if role(f.label) == "plan"]
        actuals = [f for f in money if role(f.label) == "actual"]
        named_budget = _OF_BUDGET.search(label)
        which = named_budget.group("which") if named_budget is not None else None
        if len(plans) > 1 and which in ("年初", "调整", "调整后"):
            # "年初预算100万元，调整预算120万元，全年支出108万元，为调整预算的90%": the budget the words name
            plans = [f for f in plans if which[:2] in f.label]
        if len(plans) == 1 and actuals:
            return actuals[-1], plans[0], f"{_shown(actuals[-1].label)}完成预算的比例"
        others = [f for f in money if role(f.label) == ""]
        if not plans and len(actuals) == 1 and len(others) == 1 and len(money) == 2 and others[0].start < actuals[0].start:
            # "本年财政拨款150万元，执行125.25万元，完成预算的83.50%": the one other amount before the spending is the budget
            return _Assumed(actuals[0], others[0], f"{_shown(actuals[0].label)}完成预算的比例")
        return None
    m = _NAMED_RATE.search(label)
    if not m:
        return _coverage_operands(p, sent)
    amounts = _money(sent)
    if amounts and any(f.kind == "percent" and f.start > amounts[-1].start and _NAMED_RATE.search(f.label) for f in sent):
        return _second_rate(para, p, amounts, label[:m.start()], label[m.start():].rstrip("为是达到约"))
    window = [f for f in sent if f.depth <= p.depth]
    completion = m.group(1) == "完成" or label[m.start():].startswith("完成进度")
    if not _money(window) and si > 0 and not (completion and _counts(window)):
        window = para.figures_in(si - 1)
    money = _without_parts(para, _money(window))
    name = label[m.start() :].rstrip("为是达到约")
    if not money and completion:
        money = _counts(window)  # "计划培训200人次，实际培训190人次，完成率95%": counts done against planned
    if m.group(1) == "调整":
        initial = [f for f in money if "年初" in f.label]
        adj = [f for f in money if any(w in f.label for w in _ADJ)]
        if len(initial) == 1 and len(adj) == 1:
            return adj[0], initial[0], name
        return None
    if len(money) == 3 and role(money[1].label) == "actual" and _LEFT_OVER.search(money[2].label):
        money = money[:2]  # "资金2.00万元，已使用2.00万元，结余0万元，执行率100%": what is left is neither term
    if len(money) == 3 and _excess(money):
        money = money[:2]  # "应配套300万元，实际配套到位450万元，超出安排150万元，执行率…": the excess is no term
    if len(money) not in (2, 3, 4):
        return None
    last = max(x.start for x in money)
    if any(f.start > last and f.kind not in ("money", "percent") and all(f is not x for x in money) for f in window):
        return None  # another quantity (e.g. "10个团组") sits between the amounts and the rate
    if len(money) > 2:
        return _of_several(p, m.group(1) or "支出", money, name)
    roles = [role(f.label) for f in money]
    targets = [bool(_TARGET.search(f.label)) for f in money]
    if roles.count("actual") == 0 and targets == [True, False]:
        roles = ["", "actual"]  # the amount stated after the target is what was done
    if roles == ["actual", "actual"] and m.group(1) in _OF_FUNDS and _RECEIVED.search(money[0].label) \
            and not _RECEIVED.search(money[1].label):
        roles = ["", "actual"]  # "资金到位100万元，实际支出90万元，执行率90%": the funds received are the base
    if roles == ["actual", "actual"] and m.group(1) in _OF_FUNDS:
        # "使用统筹整合资金850万元，……，全年执行850万元，执行率100%": the one amount whose label ends in the rate's own
        # verb is what was done; the other names the funds it was done from
        own = [f.label.rstrip("为是了共：:").endswith(m.group(1)) for f in money]
        if own.count(True) == 1:
            roles = ["actual" if o else "" for o in own]
    if roles == ["plan", "plan"] and m.group(1) in _OF_FUNDS and "预算" in money[0].label \
            and [_ACTUALLY.match(f.label) is not None for f in money] == [False, True]:
        # "预算54.41万元，实际下达54万元，预算执行率99.25%": the amount the text says was actually allotted over the budget
        return _Assumed(money[1], money[0], f"{_shown(money[0].label)}{name}")
    if roles.count("actual") != 1:
        return None
    actual = money[roles.index("actual")]
    base = money[1 - roles.index("actual")]
    if _LEFT_OVER.search(base.label):
        return None  # "支出A万元，结余资金B万元，执行率Z%": what is left is not the base; the base is not stated here
    return actual, base, f"{_shown(base.label) or _shown(actual.label)}{name}"


def _without_parts(para: Para, money: list[Figure]) -> list[Figure]:
    """``money`` without the parts of a 其中 list whose total it holds ("资金总额500万元，其中中央资金300万元、省级资金200万元，
    已支付450万元，支付率90%": the parts break down the funds; they are no term of the rate)."""
    totals = {id(f) for f in money}
    parts = {id(x) for lst in para.lists if id(lst.total) in totals and lst.shape in ("marker", "bracket")
             and lst.total.start < min(p.start for p in lst.parts) for x in lst.parts}
    return [f for f in money if id(f) not in parts]


@cache
def _coverage_words() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """(the names of a coverage rate, their verbs), from ``data/count_rates.yaml``."""
    data = yaml.safe_load(resources.files("jixiao.audit.data").joinpath("count_rates.yaml").read_text(encoding="utf-8"))
    verbs = tuple(data["coverage"])
    return re.compile("(" + "|".join(map(re.escape, verbs)) + r")率(?:为|是|达到?|约)?$"), verbs


def _coverage_operands(p: Figure, sent: list[Figure]) -> tuple[Figure, Figure, str] | None:
    """"全县种植油菜20万亩，计划和实际承保8.22万亩，承保率41.1%" / "应参保1000人，实际参保980人，参保率98%": a coverage
    rate is the count its verb names over the other count of the same unit before it in its sentence — the only two
    figures there. When both name the verb, the one stated as done (实际) is the count covered."""
    names, _ = _coverage_words()
    m = names.search(p.label)
    if m is None:
        return None
    window = [f for f in sent if f.depth <= p.depth]
    counts = _counts(window)
    if len(window) != 2 or len(counts) != 2 or counts[0].kind != counts[1].kind or any(prior(f) for f in counts):
        return None
    covered = [f for f in counts if m.group(1) in f.label]
    if len(covered) == 2:
        covered = [f for f in counts if role(f.label) == "actual"]
    if len(covered) != 1:
        return None
    whole = counts[1] if covered[0] is counts[0] else counts[0]
    return covered[0], whole, f"{m.group(1)}率"


_LATER_BUDGET = re.compile(r"全年|调整|变动后")


def _of_several(p: Figure, kind: str, money: list[Figure], name: str) -> tuple[Figure, Figure, str] | None:
    """"年初预算数100万元，全年预算数120万元，全年执行数108万元，预算执行率90%" / "预算100万元，到位资金100万元，已支出88.5万元，
    执行率88.50%": the last amount spent (or received, for 到位率) over one of the amounts before it that could be its
    base (a budget; for a spending rate also the funds received) — every amount of the clause one or the other. The
    base the rate agrees with is taken; when it agrees with none, the full-year or adjusted budget (else the nearest)."""
    received = kind == "到位"
    nums = [f for f in money if role(f.label) == "actual" and bool(_RECEIVED.search(f.label)) == received]
    if not nums or nums[-1] is not money[-1]:
        return None
    num = nums[-1]
    bases = [f for f in money[:-1] if role(f.label) == "plan" or (kind in _OF_FUNDS and _RECEIVED.search(f.label))]
    if len(bases) != len(money) - 1:
        return None  # an amount that is neither (上年结转, another item's spending)
    for base in bases:
        if _agrees(p, num, base):
            return num, base, f"{_shown(base.label) or _shown(num.label)}{name}"
    base = next((b for b in reversed(bases) if _LATER_BUDGET.search(b.label)), bases[-1])
    return num, base, f"{_shown(base.label) or _shown(num.label)}{name}"


def check_rates(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for para in ctx.paras:
        for p in para.figures:
            if p.kind != "percent" or p.approx or p.change or para.text[p.end : p.end + 1] in ("以", "左"):
                continue
            if _VARIANCE.search(p.label):
                f = _check_variance(ctx, para, p)
            elif _ADJUSTMENT.search(p.label):
                f = _check_adjustment(ctx, para, p)
            else:
                ops = _rate_operands(para, p)
                f = _check(ctx, RATE, para, p, ops[0], ops[1], ops[2]) if ops else (
                    _spent_and_left(ctx, para, p) or _spent_of_earlier_budget(ctx, para, p)
                    or _completion_with_gap(ctx, para, p)
                    or _completion_from_balances(ctx, para, p) or _done_of_earlier_plan(ctx, para, p))
                if f is not None and ops and f.severity == ERROR:
                    f = _gap_named_after(para, p, ops[0], ops[1], f)
                if f is not None and ops:
                    f = _gap_over_base(para, p, ops[0], ops[1], f)
                if f is not None and isinstance(ops, _Assumed):
                    f = replace(f, severity=HINT, explanation=f"{f.explanation.rstrip('。')}（分母按{ops.den.label.rstrip('为是：:')}"
                                f"{ops.den.text()}计，报告未写明，请核实）。")
            if f:
                out.append(f)
    return out


_NAMED_PART = re.compile(r"^\s*[，,]?\s*其中[:：]?\s*$")


def _gap_named_after(para: Para, p: Figure, num: Figure, den: Figure, f: AuditFinding) -> AuditFinding:
    """"批复900万元，实际执行977万元，资金执行率为100%，其中77万元为社会募集的专项资金": a part named right after the rate
    that, left out of what was done, gives the rate as written — the rate may be meant without it: a 提示 saying so."""
    end = para.sentences[para.sentence_of(p.start)][1]
    for x in para.figures_between(p.end, end):
        if x.kind != "money" or x.unit != num.unit or not _NAMED_PART.match(para.text[p.end:x.start]) or den.wan == 0:
            continue
        if quantize((num.wan - x.wan) / den.wan * 100, p.decimals) == p.value:
            return replace(f, severity=HINT, explanation=f"{f.explanation.rstrip('。')}；若不计其后所称其中{x.text()}，"
                           f"则按{fmt(num.value - x.value, max(num.decimals, x.decimals))}{num.unit}÷{den.text()}计与所称相符，请核实口径。")
    return f


def _gap_between(a: Figure, b: Figure, gap: Figure) -> bool:
    """``gap`` is what the larger of ``a`` and ``b`` exceeds the smaller by (at the precision they are written to)."""
    if not a.unit or a.kind != b.kind or gap.kind != a.kind or gap.wan == 0:
        return False
    low, high = sorted((a, b), key=lambda f: f.wan)
    return sum_consistent([low, gap], high)


def _excess(money: list[Figure]) -> bool:
    """Three amounts: the one done (the only 'actual' label), its base, then exactly what the one done exceeds the base
    by. What is left when less was done ("结转") is not read here: which pair the rate is of is then left to the pair
    that fits it."""
    first, second, gap = money
    roles = [role(f.label) for f in money]
    if roles.count("actual") != 1 or roles[2] == "actual":
        return False
    done, base = (first, second) if roles[0] == "actual" else (second, first)
    return done.wan > base.wan and _gap_between(base, done, gap)


def _gap_over_base(para: Para, p: Figure, num: Figure, den: Figure, f: AuditFinding) -> AuditFinding:
    """"应配套20971.00万元，实际配套到位104880.14万元，超规模配套83909.14万元，执行率为400.12%": a rate that is not what was
    done over its base but exactly the gap stated between the two over the base (83909.14 ÷ 20971 = 400.12%) — the
    writer may have meant the excess rate: a 提示 saying so."""
    if den.wan == 0:
        return f
    si = para.sentence_of(p.start)
    for x in para.figures_in(si):
        if x.start >= p.start or x is num or x is den or x.kind != "money" or not _gap_between(num, den, x):
            continue
        if quantize(x.wan / den.wan * 100, p.decimals) == p.value:
            return replace(f, severity=HINT, explanation=f"{f.explanation.rstrip('。')}；所称{p.raw}%与两者之差{x.text()}"
                           f"÷{den.text()}相符，可能是超出（或差额）部分的比率，请核实口径。")
    return f


_SPENDING_RATE = re.compile(r"(执行|支出|使用|支付|到位|拨付)率(?:为|是|达到?|约)?$|(?:支出|执行|支付|拨付)进度(?:为|是|达到?)?$")
_ALL_OF_IT = re.compile(r"[，,]?[^，,；;。\d]{0,4}(?:全部|全额|足额)(?:拨付|到位|下达|安排|执行|支出|使用)(?:到位)?")


def _spent_of_earlier_budget(ctx: Context, para: Para, p: Figure) -> AuditFinding | None:
    """A spending rate after ONE amount, its budget stated paragraphs before ("共安排预算10441万元" … "全年实际执行
    9265.35万元，项目执行率88.74%"): the nearest earlier budget amount is the denominator — an assumption the
    finding names (a 提示), unless another budget stated there agrees (an earlier sentence of the paragraph first). An amount the text says was spent or paid in
    full ("10441万元已全部拨付，资金到位率100%") is its own denominator."""
    m = _SPENDING_RATE.search(p.label)
    if m is None:
        return None
    si = para.sentence_of(p.start)
    s0 = para.sentences[si][0]
    # "截至2022年底，到位8,084.06万元，到位率83.75%；截至2023年4月，到位8,525.06万元，到位率88.32%": the rate's own
    # clause group, when the groups before it in the sentence state no budget of their own
    group = max(s0, para.text.rfind("；", s0, p.start) + 1, para.text.rfind(";", s0, p.start) + 1)
    if any(_budget_like(para, f) for f in _money(para.figures_between(s0, group)) if not prior(f)):
        group = s0
    money = [f for f in _money(para.figures_between(group, p.start)) if f.depth <= p.depth and not prior(f)]
    if len(money) != 1 or any(f.kind not in ("money", "percent") for f in para.figures_between(group, p.start)):
        return None
    num = money[0]
    name = p.label[m.start():].rstrip("为是达到约")
    whole = _ALL_OF_IT.match(para.text, num.end)
    if whole is not None and "安排" in whole.group() and m.group(1) != "到位":
        whole = None  # funds "全部安排" to a project have all arrived there; they are not yet all spent
    if whole is not None:
        f = _check(ctx, RATE, para, p, num, num, name)
        said = whole.group().strip()
        return None if f is None else replace(f, severity=HINT, explanation=(
            f"报告称{num.text()}{said}，{name}应为100%，而报告称{p.raw}%（按“{said}”指全部金额计），请核实。"))
    if role(num.label) != "actual":
        return None
    budgets = _earlier_budgets(ctx, para, group)
    if not budgets:
        return None
    found = [_check(ctx, RATE, para, p, num, b, name, elsewhere=True) for b in budgets]
    if any(f is None for f in found):
        return None  # one of the budgets stated before is the denominator
    first = found[0]
    assert first is not None
    den = budgets[0]
    return replace(first, severity=HINT, explanation=f"{first.explanation.rstrip('。')}（本句未写预算数，按前文"
                   f"{den.label.rstrip('为是：:') or '预算'}{den.text()}计；分母为哪一预算未写明，请核实）。")


_SPENT_RATE = re.compile(r"(执行|支出|使用|支付)率(?:为|是|达到?|约)?$|(?:支出|执行|支付)进度(?:为|是|达到?)?$")


def _spent_and_left(ctx: Context, para: Para, p: Figure) -> AuditFinding | None:
    """"项目资金共支出5,995.28万元，结余资金2,529.78万元，资金执行率为70.33%": a spending rate after exactly two amounts
    in its sentence, the amount spent and then what is left, is the spending over the funds they make up together
    (spent + left). The funds may also have been measured against a budget the sentence does not state: a 提示."""
    m = _SPENT_RATE.search(p.label)
    if m is None:
        return None
    si = para.sentence_of(p.start)
    before = [f for f in para.figures_in(si) if f.start < p.start and f.depth <= p.depth]
    money = _money(before)
    if len(money) != 2 or len(before) != 2 or any(prior(f) for f in money) or money[0].unit != money[1].unit:
        return None
    spent, left = money
    if role(spent.label) != "actual" or _LEFT_OVER.search(spent.label) or not _LEFT_OVER.search(left.label):
        return None
    funds_wan = spent.wan + left.wan
    funds = replace(spent, value=funds_wan / spent.scale, raw=fmt(funds_wan / spent.scale),
                    decimals=max(spent.decimals, left.decimals), label="可用资金（支出＋结余）")
    name = p.label[m.start():].rstrip("为是达到约")
    f = _check(ctx, RATE, para, p, spent, funds, name)
    if f is None:
        return None
    return replace(f, severity=HINT, explanation=(
        f"报告称{name}为{p.raw}%：按支出{spent.text()}＋结余{left.text()}＝{funds.text()}计，应为{f.expected}"
        f"（假定{name}以支出与结余之和为分母，报告未写明分母），请核实。"))


@cache
def _count_rates() -> tuple[re.Pattern[str], tuple[str, ...], tuple[str, ...]]:
    """(the names of a rate of works done against a plan, words of the count done, words of the count planned),
    from ``data/count_rates.yaml``."""
    data = yaml.safe_load(resources.files("jixiao.audit.data").joinpath("count_rates.yaml").read_text(encoding="utf-8"))
    names = re.compile("(?:" + "|".join(map(re.escape, data["rates"])) + r")率(?:为|是|达到?|约)?$")
    return names, tuple(data["done"]), tuple(data["plan"])


def _done_of_earlier_plan(ctx: Context, para: Para, p: Figure) -> AuditFinding | None:
    """"完成2023年度计划任务53户。" … "全区完成农村危房改造129户，完工率243%": a completion rate after ONE count of works
    done, no other figure before it in its sentence, is that count over the planned count of the same unit stated
    earlier (this paragraph's earlier sentences, else up to six paragraphs back) — when every planned count of that
    unit stated there is one number (a plan restated). Which plan is meant is an assumption: a 提示."""
    names, done_words, plan_words = _count_rates()
    m = names.search(p.label)
    if m is None:
        return None
    si = para.sentence_of(p.start)
    before = [f for f in para.figures_in(si) if f.start < p.start and f.depth <= p.depth]
    if len(before) != 1 or not _counts(before) or prior(before[0]) or not any(w in before[0].label for w in done_words):
        return None
    done = before[0]
    plans: list[Figure] = []
    for k in range(para.index, max(para.index - 7, -1), -1):
        other = ctx.paras[k]
        figs = other.figures_between(0, para.sentences[si][0]) if other is para else other.figures
        plans += [f for f in figs if f.kind == done.kind and eligible(f) and not prior(f)
                  and any(w in f.label for w in plan_words)]
    if not plans or len({f.value for f in plans}) != 1:
        return None
    plan = plans[0]
    name = p.label[m.start():].rstrip("为是达到约")
    f = _check(ctx, RATE, para, p, done, plan, name, elsewhere=True)
    if f is None:
        return None
    return replace(f, severity=HINT, explanation=f"{f.explanation.rstrip('。')}（本句未写计划数，按前文"
                   f"{plan.label.rstrip('为是：:') or '计划'}{plan.text()}计，请核实）。")


_COMPLETES_BUDGET = re.compile(r"完成(?:了)?(?:全年|年度|年初|调整后?)?预算(?:数)?(?:的)?$")
_GAP_TO_BUDGET = re.compile(r"决算(?:数)?(?P<dir>大于|超过|超出|多于|高于|小于|少于|低于)(?:年初|调整后?)?预算(?:数)?$")


def _completion_with_gap(ctx: Context, para: Para, p: Figure) -> AuditFinding | None:
    """"支出总计1741.75万元……决算完成年初预算100%，决算数大于预算数55.93万元": the gap gives the budget (A − D, or
    A + D when the spending is below it), so the completion rate is A ÷ (A ∓ D). A is the nearest spending amount
    stated before the rate in its paragraph — an assumption the finding names (a 提示)."""
    if not _COMPLETES_BUDGET.search(p.label):
        return None
    si = para.sentence_of(p.start)
    s_end = para.sentences[si][1]
    gap = next((f for f in _money(para.figures_between(p.end, s_end)) if _GAP_TO_BUDGET.search(f.label)), None)
    spent = [f for f in _money(para.figures_between(0, p.start)) if f.depth == 0 and not prior(f) and role(f.label) == "actual"]
    if gap is None or not spent:
        return None
    actual = spent[-1]
    m = _GAP_TO_BUDGET.search(gap.label)
    assert m is not None
    over = m.group("dir") in ("大于", "超过", "超出", "多于", "高于")
    budget_wan = actual.wan - gap.wan if over else actual.wan + gap.wan
    if budget_wan <= 0:
        return None
    budget = replace(actual, value=budget_wan / actual.scale, raw=fmt(budget_wan / actual.scale),
                     label="预算数（由差额推得）")
    f = _check(ctx, RATE, para, p, actual, budget, "完成预算的比例")
    if f is None:
        return None
    return replace(f, severity=HINT, explanation=(
        f"报告称完成预算{p.raw}%，又称决算数{m.group('dir')}预算数{gap.text()}：按{_shown(actual.label) or '决算数'}"
        f"{actual.text()}计，预算数为{budget.text()}，完成比例应为{f.expected}（假定所称决算数即前文{actual.text()}），请核实。"))


_COMPLETION = re.compile(r"(?:完成|执行)率(?:为|是|达到?)?$")
_BALANCE = re.compile(r"结余|结转")
_ADDED = re.compile(r"追加|调增")


def _funds_before(para: Para, p: Figure) -> list[tuple[Para, Figure]]:
    """The amounts stated right before ``p``, in order: back through this paragraph and up to two before it (a PDF
    table cell broken into lines), stopping at any figure that is not an amount (a rule's "5%", "2分")."""
    out: list[tuple[Para, Figure]] = []
    here: Para | None = para
    end = p.start
    for _ in range(3):
        if here is None:
            break
        for f in reversed(here.figures_between(0, end)):
            if f.kind != "money" or not eligible(f) or f.depth:
                return out
            out.insert(0, (here, f))
        prev = here.prev
        here, end = (prev, len(prev.text)) if isinstance(prev, Para) else (None, 0)
    return out


def _completion_from_balances(ctx: Context, para: Para, p: Figure) -> AuditFinding | None:
    """"年初结余19.8万元；预算1922.76万元，本年追加预算767.86万元；年末结余19.8万元。据此算得预算完成率99.26%":
    no spending is stated, only the funds (opening balance + budget + additions) and what was left at the year's end,
    so the completed amount is the funds less the closing balance (部门整体支出 预算完成率 = 预算完成数 ÷ 预算数).
    Reading the completed amount so is an assumption the finding names (a 提示)."""
    m = _COMPLETION.search(p.label)
    if m is None or any(r.figures and r.figures[0] is p for r in ctx.relations):
        return None
    window = _funds_before(para, p)
    budgets = [f for _, f in window if role(f.label) == "plan" and not _BALANCE.search(f.label)]
    if not budgets or any(role(f.label) == "actual" or prior(f) for _, f in window):
        return None
    first = next(k for k, (_, f) in enumerate(window) if f is budgets[0])
    last = max(k for k, (_, f) in enumerate(window) if any(f is b for b in budgets))
    opening = [f for _, f in window[:first] if _BALANCE.search(f.label)]
    closing = [f for _, f in window[last + 1:] if _BALANCE.search(f.label)]
    if len(opening) > 1 or len(closing) != 1 or len(opening) + len(budgets) + 1 != len(window):
        return None  # an amount of another kind among them, or no closing balance
    close = closing[0]
    funds = [*opening, *budgets]
    total = sum((f.wan for f in funds), Decimal(0))
    if total <= 0 or close.wan > total:
        return None
    spread = sum((half_unit(f) * f.scale for f in funds), Decimal(0))
    c_half = half_unit(close) * close.scale
    ctx.trace(RATE.name, para, p, *funds, close, result_para=para if any(q is not para for q, _ in window) else None)
    exact = (total - close.wan) / total * 100
    lo = (total - spread - close.wan - c_half) / (total - spread) * 100 if total > spread else Decimal("-Infinity")
    hi = (total + spread - close.wan + c_half) / (total + spread) * 100
    if rate_verdict(p.value, p.decimals, exact, lo, hi) is None:
        return None
    expected = f"{fmt(exact, max(p.decimals, 2))}%"
    scale = close.scale
    spent = f"{fmt((total - close.wan) / scale)}{close.unit}"
    terms = "＋".join([*(f"年初结余{f.text()}" for f in opening),
                       *(f"{'追加' if _ADDED.search(f.label) else '预算'}{f.text()}" for f in budgets)])
    start = m.start() - 2 if p.label[:m.start()].endswith("预算") else m.start()
    name = p.label[start:m.end()].rstrip("为是达到")
    return ctx.finding(
        RATE.name, RATE.title, HINT, para, p.start, f"{p.raw}%", expected,
        [*(ctx.cite(f"{f.label or '资金'} {f.text()}", f, para) for f in funds),
         ctx.cite(f"{close.label or '年末结余'} {close.text()}", close, para)],
        f"报告称{name}为{p.raw}%，"
        f"按{terms}，减去年末结余{close.text()}，完成数为{spent}，完成率应为{expected}"
        f"（假定完成数为可用资金减年末结余，报告未写明支出数），请核实。",
    )


# "6800万元已全部分解到位" / "资金100万元全部下达": an amount the text says was allotted is the funds to be spent
_ALLOTTED = re.compile(r"[已均]?(?:全部|全额|足额)?(?:分解|下达|分配)")


# "项目资金总额100万元": the whole of a project's funds
# ("本次现场评价项目215个，评价金额为9,653.00万元" / "抽查229个项目、涉及金额11,218.75万元": the funds of the projects
# looked at)
_FUNDS_TOTAL = re.compile(r"(?:资金|经费)(?:总额|总量|总计|合计|共计)(?:为|是|共)?$|(?:评价|涉及|抽查)(?:金额|资金)(?:为|是|共)?$")


def _budget_like(para: Para, f: Figure) -> bool:
    """A budget amount, the whole of the funds, or an amount the text says was allotted right after it."""
    return role(f.label) == "plan" or (not role(f.label) and (
        _ALLOTTED.match(para.text, f.end) is not None or _FUNDS_TOTAL.search(f.label) is not None))


def _earlier_budgets(ctx: Context, para: Para, before: int) -> list[Figure]:
    """The budget amounts (this year's, at depth 0) stated before ``before`` in this paragraph, else in the nearest
    earlier paragraph that states one (up to six paragraphs back), nearest first."""
    for k in range(para.index, max(para.index - 7, -1), -1):
        other = ctx.paras[k]
        figs = other.figures_between(0, before) if other is para else other.figures
        plans = [f for f in _money(figs) if f.depth == 0 and not prior(f) and _budget_like(other, f)]
        if plans:
            return list(reversed(plans))
    return []


_VARIANCE = re.compile(r"(?:预决算|决算与预算|执行)?(?:差异|偏差|偏离)率(?:为|是)?$")


def _check_variance(ctx: Context, para: Para, p: Figure) -> AuditFinding | None:
    """"预算数B万元，决算数A万元，预决算差异率Z%": Z = (A − B) ÷ B, or (B − A) ÷ B when the sign says so."""
    si = para.sentence_of(p.start)
    money = _money([f for f in para.figures_in(si) if f.start < p.start and f.depth <= p.depth])
    roles = [role(f.label) for f in money]
    if len(money) != 2 or sorted(roles) != ["actual", "plan"] or money[roles.index("plan")].wan == 0:
        return None
    return _gap_rate(ctx, para, p, money[roles.index("actual")], money[roles.index("plan")])


_ADJUSTMENT = re.compile(r"预算(?:调整|调剂)(?:率|比例|幅度)(?:为|是)?$")
_INITIAL = re.compile(r"年初")


def _check_adjustment(ctx: Context, para: Para, p: Figure) -> AuditFinding | None:
    """"年初预算安排B万元，全年预算数A万元，预算调剂比例Z%" (预算调整率, an indicator of the 部门整体 framework):
    Z = (A − B) ÷ B, the one initial budget and the one other budget stated before it in its sentence."""
    si = para.sentence_of(p.start)
    plans = [f for f in _money([f for f in para.figures_in(si) if f.start < p.start and f.depth <= p.depth])
             if role(f.label) == "plan" and not prior(f)]
    initial = [f for f in plans if _INITIAL.search(f.label)]
    later = [f for f in plans if not _INITIAL.search(f.label)]
    if len(initial) != 1 or len(later) != 1 or initial[0].wan == 0:
        return None
    return _gap_rate(ctx, para, p, later[0], initial[0])


def _gap_rate(ctx: Context, para: Para, p: Figure, actual: Figure, plan: Figure) -> AuditFinding | None:
    """Z = (A − B) ÷ B for the stated rate ``p``, A ``actual`` and B ``plan`` (or (B − A) ÷ B when the sign says so)."""
    diff = actual.wan - plan.wan
    if p.value < 0 < diff or diff < 0 < p.value:
        diff = -diff  # written as budget − spending
    ctx.trace(RATE.name, para, p, actual, plan)
    exact = diff / plan.wan * 100
    ha = half_unit(actual) * actual.scale
    hb = half_unit(plan) * plan.scale
    corners = [(d / b) * 100 for d in (diff - ha - hb, diff + ha + hb) for b in (plan.wan - hb, plan.wan + hb) if b > 0]
    if not corners:
        return None
    verdict = rate_verdict(p.value, p.decimals, exact, min(corners), max(corners))
    if verdict is None:
        return None
    expected = f"{fmt(exact, max(p.decimals, 2))}%"
    note = "（按四舍五入；截尾或其他取舍规则会得出所述数值）" if verdict == HINT else ""
    return ctx.finding(
        RATE.name, RATE.title, verdict, para, p.start, f"{p.raw}%" if p.value >= 0 else f"-{p.raw}%", expected,
        [f"{actual.label or '决算数'} {actual.text()}", f"{plan.label or '预算数'} {plan.text()}"],
        f"报告称{p.label.rstrip('为是')}为{p.value}%，但按({actual.text()}−{plan.text()})÷{plan.text()}计算应为{expected}{note}。",
    )


def _names(label: str, name: str) -> bool:
    """Does a figure's label name ``name`` (税收收入 in 其中：税收收入为, not in 非税收入为)?"""
    k = label.rfind(name)
    return k >= 0 and label[k - 1:k] != "非"


def _whole_for(para: Para, part: Figure, x: str) -> Figure | None:
    lst = _list_of(para, part, x)
    if lst is not None:
        return lst.total
    x = x.strip().rstrip("的")
    if not x:
        # "……收入633.8亿元。其中，税收收入515.4亿元，……，税收占比81.3%": the total the 其中 clause breaks down
        s0 = para.sentences[para.sentence_of(part.start)][0]
        marker = _LIST_OPENING.match(para.text, s0)
        if marker is None:
            return None
        from jixiao.audit.clauses import subject_of

        return subject_of(para, marker.start(1), part.depth)
    candidates = [f for f in para.figures if f.start < part.start and f is not part and f.kind == part.kind and eligible(f)]
    for f in reversed(candidates):
        core = f.label.rstrip("为是达共计合：:").strip()
        if core and (x in core or core.endswith(x)):
            return f
    # "……全市一般公共预算收入共284.1亿元……" then, a paragraph later, "……78.9亿元，占全市一般公共预算收入的比重
    #为28.7%": a whole named in full is the amount an earlier paragraph states under that very name
    back = para.prev
    seen = 0  # paragraphs with amounts (headings and chart captions between them are passed over)
    names = {x} | {n for n in (_THIS_YEAR.sub("", x),) if len(n) >= 4}  # ("占本年支出合计的" after "2023年度支出合计798.15万元": this year's, named either way)
    while back is not None and seen < 3 and len(x) >= 4:
        for f in reversed(back.figures):
            if f.kind == part.kind and eligible(f) and not prior(f) and names & {_FULL_NAME.sub("", f.label), _YEAR.sub("", f.label)}:
                return f  # ("占本年支出合计的" after "2020年度，本年支出合计4021.94万元": the name as written)
        seen += any(f.kind == part.kind for f in back.figures)
        back = back.prev
    return None


_YEAR = re.compile(r"^(?:\d{4}年度?)[，,]?|[为是：:\s]+$")
_THIS_YEAR = re.compile(r"^(?:\d{4}年度?|全年|本年度?|当年)")
_FULL_NAME = re.compile(r"^(?:\d{4}年度?|全年|本年度?|当年)[，,]?|(?:为|是|达|共|共计|合计|总计|完成|实现|累计)+$|[：:\s]")


def _agrees(p: Figure, num: Figure, den: Figure) -> bool:
    """Is the stated share ``p`` ``num`` ÷ ``den`` under the stated rounding?"""
    if den.wan == 0 or num.kind != den.kind:
        return False
    exact = num.wan / den.wan * 100
    lo, hi = ratio_bounds(num.wan, half_unit(num) * num.scale, den.wan,
                          half_unit(den) * den.scale, Decimal(100))
    return rate_verdict(p.value, p.decimals, exact, lo, hi) is None


def _stated_wholes(ctx: Context, para: Para) -> list[Figure]:
    """The level figures of this paragraph and the one before that are no listed part: the wholes an unnamed
    share may be of (a sibling part is not one: "基本支出a，占比X%；项目支出b，占比Y%")."""
    paras = (ctx.paras[para.index - 1], para) if para.index > 0 else (para,)
    parts = {id(x) for q in paras for lst in q.lists for x in lst.parts}
    return [f for q in paras for f in q.figures if eligible(f) and id(f) not in parts]


def _list_of(para: Para, part: Figure, x: str) -> ItemList | None:
    """The 其中 list ``part`` is an item of, when the share's whole (``x``, possibly unnamed) is its total."""
    x = x.strip().rstrip("的")
    for lst in para.lists:
        if part in lst.parts and (not x or x.startswith(_GENERIC_WHOLE) or x in lst.total.label):
            return lst
    return None


def check_shares(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    generic: dict[str, list[tuple[Para, Figure, Figure]]] = {}  # shares of a whole named only "总数", "总额"…, by name
    for para in ctx.paras:
        orphans: list[tuple[Figure, Figure]] = []  # shares whose whole is not named: (share, part)
        judged: list[tuple[Figure, Figure, Figure, bool]] = []  # (share, part, whole, reported)
        for p in para.figures:
            if p.kind != "percent" or p.approx or p.change:
                continue
            m = _SHARE.search(p.label)
            if not m:
                continue
            si = para.sentence_of(p.start)
            # the part is the last amount before the share ("……173.9亿元，同比增长25%，比……高7.7个百分点；占……的83.8%")
            before = [f for f in para.figures_in(si) if f.start < p.start and f.depth == p.depth
                      and f.kind not in ("percent", "points")]
            named = _GENERIC_NAME.sub("", _FILLER.sub("", p.label[:m.start()]))
            if named:  # "税收收入为66342万元，……，增收10304万元，税收收入占地方财政收入66.19%": the part it names
                before = [f for f in before if eligible(f) and _names(f.label, named)]
            if not before or not eligible(before[-1]):
                continue  # "完成40.5亿元，……，税收占比94%": the share is of a part the text does not state
            part = before[-1]
            name = m.group(1) or m.group(2) or ""
            whole = _whole_for(para, part, name)
            if whole is None and part.value == 0:  # 0 of any whole is 0%: judged without finding the whole
                ctx.trace(SHARE.name, para, p, part)
                if p.value != 0:
                    out.append(ctx.finding(
                        SHARE.name, SHARE.title, ERROR, para, p.start, f"{p.raw}%", "0%",
                        [f"{part.label or '分项'} {part.text()}"],
                        f"{subject(part.label) or '该项'}金额为{part.text()}，占任何总额的比例都是0%，而报告称{p.raw}%。",
                    ))
                if not name.strip("的 "):
                    orphans.append((p, part))  # (an empty item is still one of the listed parts)
                continue
            if whole is None and not name.strip("的 "):
                orphans.append((p, part))
            partition = _partition(para, part, name) if whole is None and name.strip("的 ") else None
            if partition is not None:
                whole = partition[0]
            if whole is None and _FILLER.sub("", name.strip().rstrip("的")) in _GENERIC_WHOLE:
                generic.setdefault(_FILLER.sub("", name.strip().rstrip("的")), []).append((para, p, part))
            if whole is None or whole.kind != part.kind:
                continue
            what = f"{_shown(part.label) or '该项'}占{(name or _shown(whole.label) or '总额').rstrip('的')}的比例"
            f = _check(ctx, SHARE, para, p, part, whole, what, elsewhere=not any(x is whole for x in para.figures))
            if f and partition is not None:
                f = replace(f, severity=HINT, explanation=f"{f.explanation.rstrip('。')}（{partition[1]}）。")
            lst = _list_of(para, part, name)
            if f and lst is not None and any(_agrees(p, part, o) for o in lst.others):
                f = None  # "预算A，决算B。其中C c，占Z%": Z is c's share of the other head
            if f and not name.strip("的 ") and any(_agrees(p, part, o) for o in _stated_wholes(ctx, para)
                                                  if o is not whole and o.wan > part.wan):
                f = None  # "总决算T。……其中，基本支出a、占比Z%": Z fits a whole stated just before; it names none
            if f and lst is not None and lst.assumed:  # the whole is one of two heads the list may break down
                f = replace(f, severity=HINT, explanation=f"{f.explanation}{lst.assumed}")
            judged.append((p, part, whole, f is not None))
            if f:
                out.append(f)
        out.extend(_shares_of_listed_total(ctx, para, orphans, judged))
        out.extend(_truncated(ctx, para, judged))
    for name, shares in generic.items():
        out.extend(_shares_of_generic_whole(ctx, name, shares))
    return out


_SIBLING_GAP = 8  # paragraphs between two shares of one generic whole (the items of a 其中 between them)


def _shares_of_generic_whole(ctx: Context, name: str, shares: list[tuple[Para, Figure, Figure]]) -> list[AuditFinding]:
    """"二、……总支出221万元。(一)用于全民健身支出198万元，占总数的89.59%。……(二)用于竞技体育23万元，占总数的10.41%":
    shares of a whole named only generically ("总数", "总额") that no paragraph of theirs states, each under a heading
    of its own, are of the amount stated before the first of them (up to five paragraphs back) that equals the sum
    of their parts. The whole is inferred, so a share is an 错误 only when another share confirms it, else a 提示."""
    out: list[AuditFinding] = []
    run: list[tuple[Para, Figure, Figure]] = []
    for share in [*shares, None]:
        if share is not None and (not run or share[0].index - run[-1][0].index <= _SIBLING_GAP):
            run.append(share)
            continue
        parts = [part for _, _, part in run]
        if len(run) >= 2 and all(f.kind == "money" and f.value != 0 for f in parts):
            first_para, _, first = run[0]
            whole = _stated_sum(ctx, first_para, parts, first.start)
            if whole is not None:
                found = [(p, _check(ctx, SHARE, para, p, part, whole,
                                    f"{_shown(LEADING_NUMBER.sub('', part.label)) or '该项'}占{name}的比例", elsewhere=True))
                         for para, p, part in run]
                confirmed = any(f is None for _, f in found)
                said = whole.label.rstrip("为是：: ") or "合计"
                out.extend(f if confirmed else replace(f, severity=HINT, explanation=(
                    f"{f.explanation}（假定“{name}”为各项之和{whole.text()}，即前文所述{said}。）"))
                    for _, f in found if f is not None)
        run = [share] if share is not None else []
    return out


_SPLIT_INTO = re.compile(r"(?:分为|分成|包括)(?P<names>[^。；;，,：:]{4,60}?)(?:两|三|四)?(?:部分|大类|类)?(?=[。；;，,]|$)")
_NAME_SEP = re.compile(r"和|、|及|与|以及")


def _partition(para: Para, part: Figure, name: str) -> tuple[Figure, str] | None:
    """"(二)按支出结构划分,一般公共预算支出分为基本支出预算和项目支出预算。1. 基本支出预算 A 元……2. 项目支出预算 B 元,
    占一般公共预算支出的 Z%": a whole the text divides into named parts and never states is the sum of their amounts
    (the first stated under each name after the division, this paragraph or up to three before). The whole is
    inferred, so a difference is a 提示; the note says how it was formed."""
    whole_name = _FILLER.sub("", name.strip().rstrip("的"))
    if len(whole_name) < 2:
        return None
    back: Para | None = para
    for _ in range(4):
        if back is None:
            return None
        for m in _SPLIT_INTO.finditer(back.text):
            if back is para and m.start() > part.start:
                break
            if whole_name not in _FILLER.sub("", back.text[max(0, m.start() - 40):m.start()]):
                continue
            names = [n.strip() for n in _NAME_SEP.split(m.group("names")) if n.strip()]
            amounts = _named_after(back, m.end(), para, part, names)
            if len(names) >= 2 and amounts is not None and any(a is part for a in amounts):
                total = sum((a.wan for a in amounts), Decimal(0))
                whole = replace(part, value=total / part.scale, raw=fmt(total / part.scale), decimals=max(a.decimals for a in amounts),
                                label=whole_name, change=None)
                return whole, (f"{whole_name}未写明金额，按文中所分{'、'.join(names)}之和"
                               f"{'＋'.join(a.text() for a in amounts)}计")
        prev = back.prev
        back = prev if isinstance(prev, Para) else None
    return None


def _named_after(first: Para, pos: int, last: Para, part: Figure, names: list[str]) -> list[Figure] | None:
    """The first this-year amount stated under each name after ``pos`` in ``first`` (up to four paragraphs past
    ``last``, the paragraph of ``part``: a part named later is still one of the division's)."""
    found: list[Figure | None] = [None] * len(names)
    here: Para | None = first
    start, after = pos, -1
    while here is not None and after < 4 and not all(found):
        for f in here.figures_between(start, len(here.text)):
            if f.kind != part.kind or not eligible(f) or prior(f) or f.depth:
                continue
            for k, n in enumerate(names):
                if found[k] is None and n in f.label:
                    found[k] = f
        if here is last:
            after = 0
        elif after >= 0:
            after += 1
        nxt = here.next
        here, start = (nxt, 0) if isinstance(nxt, Para) else (None, 0)
    return [f for f in found if f is not None] if all(f is not None for f in found) else None


def _truncated(ctx: Context, para: Para, judged: list[tuple[Figure, Figure, Figure, bool]]) -> list[AuditFinding]:
    """Shares of one whole whose parts make it up but whose stated shares do not add up to 100 ("占67.75%……占
    32.24%", 2.48 ÷ 7.69 = 32.2497 %): a share passed as reachable under the amounts' rounding that is the exact
    share cut off rather than rounded half up is a 提示 naming the house rounding (a share adjusted so that the
    shares make 100 is not)."""
    out: list[AuditFinding] = []
    groups: dict[int, list[tuple[Figure, Figure, Figure, bool]]] = {}
    for entry in judged:
        groups.setdefault(id(entry[2]), []).append(entry)
    for group in groups.values():
        whole = group[0][2]
        if len(group) < 2 or whole.wan == 0 or not sum_consistent([part for _, part, _, _ in group], whole):
            continue
        stated = sum((p.value for p, _, _, _ in group), Decimal(0))
        if stated == 100:
            continue
        for p, part, _, reported in group:
            exact = part.wan / whole.wan * 100
            rounded = quantize(exact, p.decimals)
            cut = exact.quantize(Decimal(1).scaleb(-p.decimals), rounding=ROUND_DOWN)
            if reported or rounded == p.value or cut != p.value:
                continue
            out.append(ctx.finding(
                SHARE.name, SHARE.title, HINT, para, p.start, f"{p.raw}%", f"{rounded}%",
                [f"{part.label or '分子'} {part.text()}", f"{whole.label or '分母'} {whole.text()}"],
                f"按{part.text()}÷{whole.text()}计算为{fmt(exact, p.decimals + 2)}%，四舍五入应为{rounded}%，"
                f"所述{p.raw}%为截尾取数（所列各项占比合计{stated}%，不是100%），请核实取舍规则。",
            ))
    return out


def _shares_of_listed_total(ctx: Context, para: Para, orphans: list[tuple[Figure, Figure]],
                            judged: list[tuple[Figure, Figure, Figure, bool]]) -> list[AuditFinding]:
    """"在……支出决算中，A a，占Z1%；B b，占Z2%；C c，占Z3%": shares that name no whole are of the total the
    listed parts make up — the amount the document states equal to their sum (the actual spending, not
    the budget). The denominator is inferred: a share is an 错误 only when another share of the list
    confirms it, else a 提示 that names the assumed denominator."""
    parts = [part for _, part in orphans]
    if len(orphans) < 2 or any(f.kind != "money" for f in parts):
        return []
    whole = _stated_sum(ctx, para, parts, min(p.start for p in parts))
    orphans = [(p, part) for p, part in orphans if part.value != 0]  # 0 of any whole is 0%: judged already
    if whole is None or not orphans:
        return []
    found = [(p, _check(ctx, SHARE, para, p, part, whole, f"{_shown(part.label) or '该项'}占{_shown(whole.label) or '合计'}的比例"))
             for p, part in orphans]
    confirmed = any(f is None for _, f in found)
    judged.extend((p, part, whole, f is not None) for (p, f), (_, part) in zip(found, orphans, strict=True))
    out: list[AuditFinding] = []
    for _, f in found:
        if f is None:
            continue
        if not confirmed:
            f = replace(f, severity=HINT, explanation=f"{f.explanation}（假定分母为所列各项之和{whole.text()}，"
                                                      f"即前文所述{whole.label.rstrip('为是') or '合计'}。）")
        out.append(f)
    return out


def _stated_sum(ctx: Context, para: Para, parts: list[Figure], first: int) -> Figure | None:
    """The nearest amount stated before ``first`` in ``para`` (then in up to five paragraphs before) that equals the
    sum of ``parts``."""
    for k in range(para.index, max(para.index - 6, -1), -1):
        other = ctx.paras[k]
        figs = other.figures_between(0, first) if other is para else other.figures
        for f in reversed(figs):
            if f.kind == "money" and eligible(f) and not prior(f) and not any(f is p for p in parts) \
                    and sum_consistent(parts, f):
                return f
    return None


RATE = Rule("rate", "比率与金额不符", "控制率、执行率、完成率、调整率等与其分子、分母金额不符（按四舍五入、尾差容忍）。", check_rates)
SHARE = Rule("share", "占比与金额不符", "“占……的Z%”“占比为Z%”与部分金额、总额不符。", check_shares)
