"""The 情况说明 against the tables: amounts, shares, changes and 完成预算 rates.

The prose is read sentence by sentence (。). Each amount "X万元" is named by the words before it in its
clause; words the template uses ("本年支出合计", "基本支出", "（类）", "（项）", “三公” categories …) tie it to a
table figure, which must be the same at the prose's precision. Shares ("占Z%") are recomputed from the
amount before them and the sentence's total (or the base they name); changes ("增加D万元，增长P%") from the
amount the sentence states and the change; rates ("完成预算的R%") from the budget and the actual. A rate
that equals the truncated value but not the rounded one is a 提示 that says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from jixiao.final.checks import ERROR, HINT, Check
from jixiao.final.model import Amount, FinalAccounts, FinalTable, plain_label
from jixiao.numbering import CN_COMMA, CN_PAREN, PART

_NUM = r"(\d[\d,]*(?:\.\d+)?)"
_AMOUNT = re.compile(_NUM + r"\s*万(?:元)?")
_SHARE = re.compile(r"占(?P<base>[^，,；;。%\d]{0,14}?)(?:的)?\s*" + _NUM + r"\s*(?P<pct>%?)")
_CHANGE = re.compile(r"(?P<dir>增加|减少|增长|下降)\s*" + _NUM + r"\s*万元[，,、]?\s*(?P<dir2>增长|下降|降低|减少|增加)\s*" + _NUM + r"\s*%")
_RATE = re.compile(r"(?:年初)?预算(?:数)?为?\s*" + _NUM + r"\s*万元[，,]?\s*(?:支出)?决算(?:数)?为?\s*" + _NUM
                   + r"\s*万元[，,]?\s*完成(?:年初)?预算(?:数)?的\s*" + _NUM + r"\s*%")
# "较年初预算数增加D万元，完成年初预算的R%": the budget is the amount before it less (or plus) D
_RATE_BY_DIFF = re.compile(r"较年初预算(?:数)?(?P<dir>增加|减少)\s*" + _NUM + r"\s*万元[，,]?\s*完成(?:年初)?预算(?:数)?的\s*" + _NUM + r"\s*%")
_SUB_RATE = re.compile(r"(?P<label>[^，,；;。：:]{2,24}?)(?:支出)?决算(?:数)?(?:为)?\s*" + _NUM + r"\s*万元[，,]?\s*完成(?:年初)?预算(?:数)?的\s*" + _NUM + r"\s*%")
_CLAUSE_CUT = re.compile(r"[，,；;：:。]")
_FUNDS = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算")
_BOTH_TOTALS = re.compile(r"收(?:入)?[、和与及]?支(?:出)?总计")
# "收、支总计各是A、B万元" / "各减少A、B万元，各下降P%、Q%": two figures in one clause, one per side
_PAIR = re.compile(r"(?P<subject>[^，,；;。：:]{0,24}?)(?:各|分别)(?:是|为)?\s*" + _NUM + r"\s*[、，,和]\s*" + _NUM + r"\s*万元")
_PAIR_CHANGE = re.compile(r"(?:各|分别)?(?P<dir>增加|减少)\s*" + _NUM + r"\s*[、，,和]\s*" + _NUM + r"\s*万元[，,]?\s*(?:各|分别)?"
                          r"(?P<dir2>增长|下降|降低|减少|增加)\s*" + _NUM + r"\s*%\s*[、，,和]\s*" + _NUM + r"\s*%")
_AGAINST_LAST_YEAR = re.compile(r"^[^，,；;。\d]{0,14}?(?:(?:与|较|同)(?:上年|上一年|\d{4}年(?:度)?)|比(?:上年|\d{4}年))")
ZERO = Decimal(0)


@dataclass(frozen=True)
class _Fig:
    value: Decimal
    text: str
    start: int
    end: int
    label: str  # words before it in its clause


def _dec(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _places(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def _q(value: Decimal, places: int, rounding: str = ROUND_HALF_UP) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=rounding)


_HEADING = re.compile(rf"^(?:{PART}|{CN_COMMA}|{CN_PAREN})")


def sentences(fa: FinalAccounts) -> list[str]:
    return [text for text, _ in scoped_sentences(fa)]


def scoped_sentences(fa: FinalAccounts) -> list[tuple[str, str]]:
    """Sentences with figures, each with the heading of the section it stands in."""
    out: list[tuple[str, str]] = []
    heading = ""
    buffer = ""
    for t, page in fa.prose:
        t = re.sub(r"\s+", "", t)
        if _HEADING.match(t) and len(t) <= 40 and not re.search(r"\d+(?:\.\d+)?万", t):
            out.extend(_split(buffer, heading))
            buffer, heading = "", t
            continue
        ends = t.endswith(("。", "；", "：", "！", "？"))
        if not ends and page is None:  # a whole paragraph (Word, Excel) ends its sentence
            t += "。"
        buffer += t
    out.extend(_split(buffer, heading))
    return out


def _split(text: str, heading: str) -> list[tuple[str, str]]:
    return [(s + "。", heading) for s in text.split("。") if re.search(r"\d", s)]


def _pairs(sentence: str) -> list[_Fig]:
    """The two figures of "收、支总计各是A、B万元", labelled 收入总计 and 支出总计 (other pairs: the subject)."""
    out: list[_Fig] = []
    for m in _PAIR.finditer(sentence):
        subject = m.group("subject")
        if any(w in subject for w in ("增加", "减少", "增长", "下降")):
            continue
        both = _BOTH_TOTALS.search(subject)
        labels = ((subject[: both.start()] + "收入总计", subject[: both.start()] + "支出总计") if both else (subject, subject))
        for k, label in ((2, labels[0]), (3, labels[1])):
            out.append(_Fig(_dec(m.group(k)), m.group(k), m.start(k), m.end(k), label))
    return out


def _figures(sentence: str) -> list[_Fig]:
    pairs = _pairs(sentence)
    taken = {(f.start, f.end) for f in pairs}
    out: list[_Fig] = []
    for m in _AMOUNT.finditer(sentence):
        if (m.start(), m.start() + len(m.group(1))) in taken:
            continue
        head = sentence[: m.start()]
        prev_end = out[-1].end if out else 0
        window = head[prev_end:]
        cut = max((mm.end() for mm in _CLAUSE_CUT.finditer(window)), default=0)
        label = window[cut:] or window
        out.append(_Fig(_dec(m.group(1)), m.group(1), m.start(), m.end(), label))
    return sorted(out + pairs, key=lambda f: f.start)


# -- which table figure an amount names ------------------------------------------------------------

def _total_of(t: FinalTable | None, key: str) -> Amount | None:
    if t is None:
        return None
    ln = t.total_line()
    return ln.get(key) if ln is not None else None


def _side(t: FinalTable | None, label: str, side: str, key: str = "actual") -> Amount | None:
    if t is None:
        return None
    ln = t.find(label, side)
    if ln is None:
        return None
    return ln.get(key) or (ln.get("total") if key == "actual" else None)  # 财政拨款总表 支出方: its 合计 column


def _three(fa: FinalAccounts, key: str) -> Amount | None:
    t = fa.table("three_public")
    if t is None or not t.lines:
        return None
    return t.lines[0].get(key)


def _named_row(t: FinalTable | None, name: str, level: str, key: str) -> Amount | None:
    if t is None:
        return None
    want = plain_label(name)
    for ln in t.lines:
        if ln.level == level and plain_label(ln.label) == want:
            return ln.get(key)
    return None


Lookup = Callable[[FinalAccounts, str, str], Amount | None]


_THREE_KEYS = (("因公出国", "outbound"), ("公务用车购置及运行", "vehicle"), ("公务用车购置", "vehicle_purchase"),
               ("公务用车运行", "vehicle_operation"), ("公务接待", "reception"))


def _lookup(fa: FinalAccounts, label: str, sentence: str, group: str = "") -> Amount | None:
    """The table figure an amount's words name, or None when they name none we know. ``group`` is the text of
    the amount's clause group before it ("公务用车运行维护费预算数29.00万元，决算数"): a “三公” amount whose own words
    name only its role (决算数) belongs to the category the group names."""
    s, inc, exp = fa.table("summary"), fa.table("income"), fa.table("expenditure")
    fs, gpb, basic = fa.table("fiscal_summary"), fa.table("gpb_expenditure"), fa.table("gpb_basic")
    lab = label.replace("“", "").replace("”", "").replace('"', "")
    if any(w in lab for w in ("上年", "增加", "减少", "上升", "下降", "增长")):
        return None
    if "三公" in sentence.replace("“", "").replace("”", ""):
        role = "budget" if "预算" in lab else "actual"
        for words, key in _THREE_KEYS:
            if words in lab:
                return _three(fa, f"{key}.{role}")
        own = lab.startswith(("年初预算", "支出决算", "决算", "预算"))
        for words, key in _THREE_KEYS if own and "三公" not in lab else ():
            if words in group:
                return _three(fa, f"{key}.{role}")
        if "三公" in lab or own:
            return _three(fa, f"total.{role}")
        return None
    if "预算" in _FUNDS.sub("", lab):
        return None
    if "政府性基金" in sentence and lab in ("支出", "本年支出", "支出为", "本年支出为"):  # "政府性基金…收入A万元，支出B万元"
        return _total_of(fa.table("gov_fund"), "expenditure")
    if lab.endswith(("（类）", "(类)")):
        return _named_row(gpb, re.split(r"[（(]类", lab)[0], "类", "total")
    if "财政拨款收入" in lab and ("支出总计" in lab or "、支出" in lab):
        return _side(fs, "总计", "收入")
    if _BOTH_TOTALS.search(lab):  # 收、支总计 / 收支总计 / 收入、支出总计: equal by construction
        return _side(fs if "财政拨款" in lab else s, "总计", "收入")
    if lab.endswith(("收入总计", "支出总计")) and "上年" not in lab:
        return _side(fs if "财政拨款" in lab else s, "总计", "收入" if lab.endswith("收入总计") else "支出")
    if "收入" in lab and "支出" in lab and "总计" in lab:
        return _side(s, "总计", "收入")
    for words, side in (("年初财政拨款结转和结余", "收入"), ("年末财政拨款结转和结余", "支出")):
        if lab.endswith(words):
            return _side(fs, words, side)
    for words, side in (("年初结转和结余", "收入"), ("使用非财政拨款结余", "收入"), ("年末结转和结余", "支出"), ("结余分配", "支出")):
        if lab.endswith(words):
            return _side(fs if "财政拨款" in lab else s, words, side)
    if lab.endswith("本年财政拨款收入"):
        return _side(fs, "本年收入合计", "收入")
    if lab.endswith("本年财政拨款支出"):
        return _side(fs, "本年支出合计", "支出", "total")
    if "本年收入合计" in lab or lab.endswith("收入合计"):
        return _side(s, "本年收入合计", "收入")
    if "本年支出合计" in lab or lab.endswith("支出合计"):
        return _side(s, "本年支出合计", "支出")
    if "一般公共预算财政拨款基本支出" in lab:
        return _total_of(gpb, "basic")
    if "一般公共预算财政拨款支出" in lab:
        return _total_of(gpb, "total")
    for fund in ("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入"):
        if lab.endswith(fund):
            return _side(s, fund, "收入")
    if "财政拨款收入" in lab:
        return _total_of(inc, "fiscal")
    if "一般公共预算" in lab and lab.endswith(("基本支出", "项目支出")):  # "涉及一般公共预算项目支出": not all funds
        return _total_of(gpb, "basic" if lab.endswith("基本支出") else "project")
    for words, key in (("基本支出", "basic"), ("项目支出", "project"), ("上缴上级支出", "to_upper"),
                       ("经营支出", "operating_expenditure"), ("对附属单位补助支出", "to_affiliated")):
        if lab.endswith(words) or lab.endswith(words + "为"):
            return _total_of(exp, key)
    for words in ("上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"):
        if lab.endswith(words) or lab.endswith(words + "为"):
            return _side(s, words, "收入")
    if lab.startswith("人员经费") or lab.endswith("人员经费"):
        return _side(basic, "人员经费合计", "")
    if lab.startswith("公用经费") or lab.endswith("公用经费"):
        return _side(basic, "公用经费合计", "")
    return None


def _class_row(fa: FinalAccounts, label: str, sentence: str) -> Amount | None:
    """A 类 named without "（类）" in a sentence on the 一般公共预算 支出 ("…主要用于：文化旅游体育与传媒支出X万元")."""
    if "一般公共预算" not in sentence or not label.endswith("支出"):
        return None
    return _named_row(fa.table("gpb_expenditure"), plain_label(label), "类", "total")


def _resolve(fa: FinalAccounts, fig: _Fig, sentence: str) -> Amount | None:
    """The table figure an amount stands for: named by its words, or a 类 row it equals at its precision."""
    named = _lookup(fa, fig.label, sentence)
    if named is not None:
        return named
    want = plain_label(fig.label)
    for kind, key in (("expenditure", "total_expenditure"), ("gpb_expenditure", "total")):
        row = _named_row(fa.table(kind), want, "类", key)
        if row is not None and _q(row.value, _places(fig.text)) == fig.value:
            return row
    return None


# -- the rule --------------------------------------------------------------------------------------

def _quote(sentence: str, start: int, end: int) -> str:
    a = max(0, start - 24)
    return sentence[a : min(len(sentence), end + 24)]


def rate_check(rule: str, relation: str, stated_text: str, num: Decimal, den: Decimal, quote: str,
                operands: tuple[str, ...], what: str) -> Check | None:
    if den == 0:
        return None
    places = _places(stated_text)
    exact = num / den * 100
    rounded = _q(exact, places)
    stated = _dec(stated_text)
    expected = f"{rounded:.{places}f}%"
    if stated == rounded:
        return Check(rule, relation, stated_text + "%", expected, True, None, quote=quote, operands=operands)
    if _reachable(stated, places, num_text=operands[0], den_text=operands[1] if len(operands) > 1 else ""):
        return Check(rule, relation, stated_text + "%", expected, True, None, quote=quote, operands=operands,
                     explanation="按文中取整后的金额计算有尾差，但在取整范围之内")
    truncated = _q(exact, places, ROUND_DOWN)
    if stated == truncated:
        why = f"{what}：按{'÷'.join(operands)}计算为 {exact:.4f}%，四舍五入应为 {expected}，文中 {stated_text}% 是截尾取值"
        return Check(rule, relation, stated_text + "%", expected, False, HINT, quote=quote, operands=operands, explanation=why)
    why = f"{what}：按{'÷'.join(operands)}计算应为 {expected}，文中写 {stated_text}%"
    return Check(rule, relation, stated_text + "%", expected, False, ERROR, quote=quote, operands=operands, explanation=why)


def _reachable(stated: Decimal, places: int, num_text: str, den_text: str) -> bool:
    """The stated rate follows from the operands moved by half a unit of their own last digit."""
    try:
        num, den = _dec(num_text), _dec(den_text)
    except (ArithmeticError, ValueError):
        return False
    hn = Decimal(5).scaleb(-_places(num_text) - 1)
    hd = Decimal(5).scaleb(-_places(den_text) - 1)
    if den - hd <= 0:
        return False
    low = (num - hn) / (den + hd) * 100
    high = (num + hn) / (den - hd) * 100
    return _q(low, places) <= stated <= _q(high, places)


def prose_checks(fa: FinalAccounts) -> list[Check]:
    rule = "final_prose"
    out: list[Check] = []
    previous: list[_Fig] = []
    previous_heading = ""
    for sentence, heading in scoped_sentences(fa):
        scope = sentence + heading
        figs = _figures(sentence)
        # "与上年相比，…减少D万元，下降P%" speaks of the figures of the sentence before
        earlier = previous if _AGAINST_LAST_YEAR.match(sentence) else []
        previous_sentence = (previous, previous_heading)
        previous, previous_heading = figs, heading
        # amounts against the tables
        for fig in figs:
            after = sentence[fig.end : fig.end + 6]
            if after.startswith(("，增长", "，下降", "增长", "下降")) and any(w in fig.label for w in ("增加", "减少")):
                continue
            table = _lookup(fa, fig.label, scope, _group(sentence, fig.start)) or _class_row(fa, fig.label, sentence)
            if table is None:
                continue
            places = _places(fig.text)
            expected = _q(table.value, places)
            diff = abs(expected - fig.value)
            ok = diff == 0
            unit = Decimal(1).scaleb(-places)
            severity = None if ok else (HINT if diff <= unit else ERROR)
            why = "" if ok else (f"情况说明「{fig.label}」{fig.text}万元与{table.source.describe()}的 {table.text}{table.unit} 不一致"
                                 + ("；相差末位一个单位，可能是尾差调整" if severity == HINT else ""))
            out.append(Check(rule, "same", fig.text, f"{expected:,.{places}f}", ok, severity, quote=_quote(sentence, fig.start, fig.end),
                             operands=(table.text,), explanation=why))
        # shares
        for m in _SHARE.finditer(sentence) if not _PROCUREMENT.search(sentence) else ():  # see final_procurement
            before = [f for f in figs if f.end <= m.start()]
            if not before:
                continue
            part = before[-1]
            exact = _resolve(fa, part, scope)
            part_value, part_text = part.value, part.text
            if exact is not None and _q(exact.value, _places(part.text)) == part.value:
                part_value, part_text = exact.value, format(exact.value, "f")
            base_words = m.group("base")
            base: Decimal | None = None
            base_text = ""
            if base_words:
                named = _lookup(fa, base_words, scope)
                if named is not None:
                    base, base_text = named.value, format(named.value, "f")
            if base is None and part.label.endswith(("（类）", "(类)")):  # 类 shares are of the 一般公共预算 total
                gpb_total = _total_of(fa.table("gpb_expenditure"), "total")
                if gpb_total is not None:
                    base, base_text = gpb_total.value, format(gpb_total.value, "f")
            if base is None and "三公" in scope and "三公" not in part.label:
                total = _three(fa, "total.actual")
                if total is not None:
                    base, base_text = total.value, format(total.value, "f")
            listed_whole = not _SHARE_NEXT.match(sentence, figs[0].end)  # the sentence's first amount is no part
            if base is None and not listed_whole and _class_row(fa, part.label, sentence) is not None:
                gpb_total = _total_of(fa.table("gpb_expenditure"), "total")  # "…支出中：交通运输支出X万元，占Z%"
                if gpb_total is not None:
                    base, base_text = gpb_total.value, format(gpb_total.value, "f")
            if base is None and not listed_whole:
                whole = _whole_before(fa, sentence, figs[0], scope, previous_sentence)
                if whole is not None:
                    base, base_text = whole
            if base is None and figs[0] is not part and listed_whole:
                base, base_text = figs[0].value, figs[0].text
            if base is None:
                continue
            c = rate_check(rule, "share", m.group(2), part_value, base, _quote(sentence, part.start, m.end()),
                            (part_text, base_text), f"「{part.label}」所占比重")
            if c is not None and not c.ok and exact is not None and exact.value != part.value:
                # the amount before it differs from the table (reported on its own): a share that follows from the
                # table's figure is right
                alt = rate_check(rule, "share", m.group(2), exact.value, base, _quote(sentence, part.start, m.end()),
                                  (format(exact.value, "f"), base_text), f"「{part.label}」所占比重")
                if alt is not None and alt.ok:
                    c = alt
            if c is not None:
                out.append(c)
        # changes
        paired = [(m.start(), m.end()) for m in _PAIR_CHANGE.finditer(sentence)]
        for m in _PAIR_CHANGE.finditer(sentence):
            nows = [f for f in figs if f.end <= m.start()][-2:] or earlier[-2:]
            if len(nows) != 2:
                continue
            up = m.group("dir") == "增加"
            for cur, k_delta, k_rate in ((nows[0], 2, 5), (nows[1], 3, 6)):
                delta = _dec(m.group(k_delta))
                base = cur.value - delta if up else cur.value + delta
                c = rate_check(rule, "yoy", m.group(k_rate), delta, base, _quote(sentence, m.start(k_rate) - 12, m.end(k_rate) + 1),
                                (m.group(k_delta), f"{cur.text}{'-' if up else '+'}{m.group(k_delta)}"), f"「{cur.label}」的增减幅度")
                if c is not None:
                    out.append(c)
        for m in _CHANGE.finditer(sentence):
            if any(a <= m.start() < b for a, b in paired):
                continue
            before = [f for f in figs if f.end <= m.start()]
            now: tuple[Decimal, str, str] | None = None
            if before:
                now = (before[-1].value, before[-1].text, before[-1].label)
            elif earlier:
                now = (earlier[0].value, earlier[0].text, earlier[0].label)
            elif "三公" in scope.replace("“", "").replace("”", ""):
                total = _three(fa, "total.actual")
                if total is not None:
                    now = (total.value, total.text, "“三公”经费")
            if now is None:
                continue
            delta = _dec(m.group(2))
            up = m.group("dir") in ("增加", "增长")
            base = now[0] - delta if up else now[0] + delta
            c = rate_check(rule, "yoy", m.group(4), delta, base, _quote(sentence, m.start(), m.end()),
                            (m.group(2), f"{now[1]}{'-' if up else '+'}{m.group(2)}"), f"「{now[2]}」的增减幅度")
            if c is not None:
                out.append(c)
        # completion rates
        for m in _RATE_BY_DIFF.finditer(sentence):
            before = [f for f in figs if f.end <= m.start() and not any(w in f.label for w in ("增加", "减少", "上年"))]
            if not before:
                continue
            spent = before[-1]
            delta = _dec(m.group(2))
            planned = spent.value - delta if m.group("dir") == "增加" else spent.value + delta
            c = rate_check(rule, "rate", m.group(3), spent.value, planned, _quote(sentence, m.start(), m.end()),
                           (spent.text, f"{spent.text}{'-' if m.group('dir') == '增加' else '+'}{m.group(2)}"), "完成年初预算的比率")
            if c is not None:
                out.append(c)
        for m in _RATE.finditer(sentence):
            c = rate_check(rule, "rate", m.group(3), _dec(m.group(2)), _dec(m.group(1)), _quote(sentence, m.start(), m.end()),
                            (m.group(2), m.group(1)), "完成预算的比率")
            if c is not None:
                out.append(c)
        if "三公" in scope.replace("“", "").replace("”", ""):
            for m in _SUB_RATE.finditer(sentence):
                label = m.group("label")
                actual = _lookup(fa, label, scope)
                key = "total.budget" if "三公" in label.replace("“", "").replace("”", "") else _budget_key(label)
                budget = _three(fa, key) if key else None
                if actual is None or budget is None:
                    continue
                c = rate_check(rule, "rate", m.group(3), _dec(m.group(2)), budget.value, _quote(sentence, m.start(), m.end()),
                                (m.group(2), format(budget.value, "f")), f"「{label}」完成预算的比率")
                if c is not None:
                    out.append(c)
    return out


_SHARE_NEXT = re.compile(r"(?:\s*万元?)?\s*[，,]?\s*占")
_PROCUREMENT = re.compile(r"政府采购|中小企业|小微企业")
_WHOLE_BEFORE = re.compile(r"([^，,；;。：:\d]{2,30}?)中[：:]")


def _group(sentence: str, pos: int) -> str:
    """The clause group an amount at ``pos`` stands in, up to it (from the last "；" or "：" before it)."""
    cut = max(sentence.rfind(c, 0, pos) for c in "；;：:")
    return sentence[cut + 1 : pos]


def _whole_before(fa: FinalAccounts, sentence: str, first: _Fig, scope: str,
                  previous: tuple[list[_Fig], str]) -> tuple[Decimal, str] | None:
    """The whole a list of shares divides when the sentence states no amount for it: named before "中：" (its
    table figure: "一般公共预算财政拨款支出中：…"), or, for a sentence that opens "其中：", the head amount of the
    sentence before it in the same section ("本年收入合计X万元，较上年……。其中：……占Z%")."""
    head = sentence[: first.start]
    m = _WHOLE_BEFORE.search(head)
    if m is not None:
        named = _lookup(fa, m.group(1), scope)
        if named is not None:
            return named.value, format(named.value, "f")
    figs, heading = previous
    if head.lstrip("0123456789.（）()、").startswith("其中") and figs and scope.endswith(heading):
        lead = figs[0]
        if not any(w in lead.label for w in ("增加", "减少", "上年")):
            return lead.value, lead.text
    return None


def _budget_key(label: str) -> str | None:
    for words, key in (("因公出国", "outbound.budget"), ("公务用车购置及运行", "vehicle.budget"),
                       ("公务用车购置", "vehicle_purchase.budget"), ("公务用车运行", "vehicle_operation.budget"),
                       ("公务接待", "reception.budget")):
        if words in label:
            return key
    return None


def item_checks(fa: FinalAccounts) -> list[Check]:
    """“X（类）Y（款）Z（项）…支出决算为B万元” against the 项 row of the 一般公共预算 table."""
    gpb = fa.table("gpb_expenditure")
    out: list[Check] = []
    if gpb is None:
        return out
    # a 项 name may hold "（室）" (政府办公厅（室）及相关机构事务)
    pattern = re.compile(r"((?:[^（(）)，,。；;：:\d]|[（(]室[）)]){1,40})[（(]项[）)](?:[^。]*?(?:支出)?决算(?:数)?为)?\s*" + _NUM + r"\s*万元")
    for sentence in sentences(fa):
        for m in pattern.finditer(sentence):
            row = _named_row(gpb, m.group(1), "项", "total")
            if row is None:
                continue
            text = m.group(2)
            places = _places(text)
            expected = _q(row.value, places)
            diff = abs(expected - _dec(text))
            ok = diff == 0
            severity = None if ok else (HINT if diff <= Decimal(1).scaleb(-places) else ERROR)
            why = "" if ok else f"情况说明中「{m.group(1)}（项）」决算 {text}万元与{row.source.describe()}的 {row.text} 不一致"
            out.append(Check("final_prose", "same", text, f"{expected:,.{places}f}", ok, severity,
                             quote=_quote(sentence, m.start(), m.end()), operands=(row.text,), explanation=why))
    return out


_ITEM_BUDGET = re.compile(r"[（(]项[）)][^。]*?年初预算(?:数)?为\s*" + _NUM + r"\s*万元")


def item_budget_sum(fa: FinalAccounts) -> list[Check]:
    """“年初预算为A万元…其中：” followed by the 项 paragraphs: their 年初预算 add up to A.

    The list may leave out 项 whose budget and 决算 are equal (the template allows it), so a difference is
    a 提示 that names that assumption."""
    out: list[Check] = []
    head: tuple[str, str, str] | None = None  # (stated text, heading, quote)
    parts: list[str] = []

    def close() -> None:
        if head is None or len(parts) < 2:
            return
        stated, _, quote = head
        total = sum((_dec(p) for p in parts), Decimal(0))
        places = max(_places(stated), max(_places(p) for p in parts))
        ok = _q(total, places) == _dec(stated)
        why = "" if ok else (f"情况说明列出的各项级科目年初预算合计 {total:,.{places}f}万元，与所述年初预算 {stated}万元 不一致"
                             "（如有未列出的项级科目，请一并说明）")
        out.append(Check("final_prose", "sum", stated, f"{total:,.{places}f}", ok, None if ok else HINT, quote=quote,
                         operands=tuple(parts), explanation=why))

    for sentence, heading in scoped_sentences(fa):
        m = _RATE.search(sentence)
        if m and not re.search(r"[（(]项[）)]", sentence[: m.start()]):  # a 项 paragraph with its own rate is an item
            close()
            head, parts = (m.group(1), heading, _quote(sentence, m.start(), m.end())), []
            continue
        if head is not None and heading != head[1]:
            close()
            head, parts = None, []
        if head is not None:
            parts.extend(x.group(1) for x in _ITEM_BUDGET.finditer(sentence))
    close()
    return out


# A total the template always splits the same way, and its parts (longest total names first).
_DECOMPOSITIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("财政拨款收入总计", ("年初财政拨款结转和结余", "本年财政拨款收入", "本年收入合计")),
    ("财政拨款支出总计", ("本年财政拨款支出", "本年支出合计", "年末财政拨款结转和结余")),
    ("收入总计", ("本年收入合计", "使用非财政拨款结余", "年初结转和结余")),
    ("支出总计", ("本年支出合计", "结余分配", "年末结转和结余")),
    ("本年支出合计", ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")),
    ("基本支出", ("人员经费", "公用经费")),
)


def decomposition_checks(fa: FinalAccounts) -> list[Check]:
    """A total followed by "其中：" and the parts the template always names: they add up to it.

    A difference of one unit of the last place is a rounding plug (提示, named as such). A larger one is a
    错误 only when every part of the decomposition is named; a list that leaves a part out may be partial."""
    out: list[Check] = []
    for sentence, _heading in scoped_sentences(fa):
        figs = _figures(sentence)
        for k, fig in enumerate(figs):
            if "其中" not in sentence[fig.end : fig.end + 4]:
                continue
            whole = next(((name, parts) for name, parts in _DECOMPOSITIONS if fig.label.endswith(name)), None)
            if whole is None:
                continue
            name, names = whole
            found: dict[str, _Fig] = {}
            for part in figs[k + 1 :]:
                label = part.label.removeprefix("其中").lstrip("：:")
                hit = next((n for n in names if label.endswith(n) or label.endswith(n + "为")), None)
                if hit is None or hit in found:
                    break
                found[hit] = part
            if len(found) < 2:
                continue
            places = max([_places(fig.text)] + [_places(p.text) for p in found.values()])
            total = sum((p.value for p in found.values()), ZERO)
            diff = abs(total - fig.value)
            unit = Decimal(1).scaleb(-places)
            complete = len(found) == len(names) or (name == "本年支出合计" and {"基本支出", "项目支出"} <= set(found))
            if diff > unit and not complete:
                continue
            ok = diff == 0
            severity = None if ok else (HINT if diff <= unit else ERROR)
            listed = "、".join(f"{n}{p.text}" for n, p in found.items())
            why = "" if ok else (f"情况说明「{name}」{fig.text}万元，其中所列{listed}合计 {total:,.{places}f}万元，相差 {diff:,.{places}f}万元"
                                 + ("；差额为末位一个单位，可能是各项四舍五入后的尾差调整" if severity == HINT else ""))
            out.append(Check("final_prose", "sum", fig.text, f"{total:,.{places}f}", ok, severity, quote=_quote(sentence, fig.start, fig.end),
                             operands=tuple(p.text for p in found.values()), explanation=why))
    return out


def all_prose(fa: FinalAccounts) -> list[Check]:
    return prose_checks(fa) + item_checks(fa) + item_budget_sum(fa) + decomposition_checks(fa)


__all__ = ["ZERO", "all_prose", "rate_check", "scoped_sentences", "sentences"]
