"""Figure extraction: every stated number with its unit, label and position.

Report text (often copied out of PDFs) writes numbers in many ways: full-width
digits, thousands separators, spaces or line breaks inside a number, Chinese
numerals (三百万元, 百分之三十). :func:`normalize` rewrites the text once into a
canonical form; :func:`extract_figures` then reads figures from it. Spans refer
to the normalized text, which is also what findings quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, cached_property, lru_cache
from importlib import resources

import yaml

from jixiao.final.recognise import AMOUNT_DIGITS

_FULLWIDTH = str.maketrans("０１２３４５６７８９％＋－．", "0123456789%+-.")

MONEY_FACTORS = {"元": Decimal("0.0001"), "千元": Decimal("0.1"), "万元": Decimal(1), "亿元": Decimal(10000)}
PERSON_UNITS = {"人", "名"}
BODY_UNITS = {"家"}  # classifiers of units and institutions, counted alike with 个
LENGTH_UNITS = {"公里", "千米", "km"}
# areas and volumes of works: one kind however written (hm with its ² lost in copying is hm²)
AREA_UNITS = {"公顷", "hm²", "hm2", "hm"}

# Words that, ending a label, mean the figure is a change rather than a level.
_UP = ("增加", "增长", "上升", "提高", "增幅", "增收", "增支", "增", "多")
_DOWN = ("减少", "下降", "降低", "减幅", "降幅", "减收", "减支", "减", "节约", "压减", "少")
_APPROX_BEFORE = ("约", "近", "逾", "超过", "超", "大约", "将近", "不到", "不足", "不少于", "至少", "以上", "≥", "≤", "≦", "≧", ">", "<", "＞", "＜")
_APPROX_AFTER = ("余", "多", "左右", "以上", "以下", "以内", "上下")
_APPROX_AFTER_RE = re.compile("|".join(map(re.escape, _APPROX_AFTER)))
PER_CAPITA = ("人均", "平均", "每人", "户均", "每", "均")
AVERAGE_WORDS = PER_CAPITA[:4]  # a figure so labelled is an average, not a level
# a standard per thing written "亩均投入1500元", "生均公用经费800元": per unit, not a level (not "学生均已享受", "均衡")
_PER_THING = re.compile(r"(?:亩|生)均(?![衡已为在按由有可能达未无是得获纳享参])")
# A standard granted per counted thing ("每村每年补助4400元", "每户补贴500元"), not a level: 每 before a counted noun
# (not a period — "每年安排300万元" is a level), a period optional, then the grant word closing the label.
_STANDARD = re.compile(r"每(?![年月季天日周次])[\u4e00-\u9fff]{1,2}?(?:每[年月季天日])?"
                       r"(?:补助|补贴|奖补|奖励|资助|发放|拨付|给予)(?:标准)?(?:为|是|按)?\s*$")

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_CHARS = "零〇一二两三四五六七八九十百千万亿点"


def parse_chinese_number(text: str) -> Decimal | None:
    """三百 -> 300, 一千二百 -> 1200, 十五 -> 15, 三点五 -> 3.5, 一万二千 -> 12000."""
    if not text or any(c not in _CN_CHARS for c in text):
        return None
    if "点" in text:
        whole, _, frac = text.partition("点")
        w = parse_chinese_number(whole) if whole else Decimal(0)
        if w is None or not frac or any(c not in _CN_DIGITS for c in frac):
            return None
        return w + Decimal("0." + "".join(str(_CN_DIGITS[c]) for c in frac))
    total = Decimal(0)
    for big, factor in (("亿", 10**8), ("万", 10**4)):
        if big in text:
            head, _, text = text.partition(big)
            h = _small_cn(head) if head else 1
            if h is None:
                return None
            total += Decimal(h) * factor
    rest = _small_cn(text) if text else 0
    if rest is None:
        return None
    return total + rest


def _small_cn(text: str) -> int | None:
    if all(c in _CN_DIGITS for c in text) and len(text) > 1:  # 一二三 written digit by digit
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    value, digit = 0, None
    for c in text:
        if c in _CN_DIGITS:
            digit = _CN_DIGITS[c]
        elif c in _CN_UNITS:
            value += (1 if digit is None else digit) * _CN_UNITS[c]
            digit = None
        else:
            return None
    return value + (digit or 0)


_CN_NUMBER_UNIT = re.compile(r"(百分之)([零〇一二两三四五六七八九十百千点]+)|([零〇一二两三四五六七八九十百千万亿点]{1,12}?)(亿元|万元|元|人|名|个百分点|分(?![之钟别享析管类配解期批成布散担摊工]))")


def _replace_chinese(match: re.Match[str]) -> str:
    if match.group(1):
        value = parse_chinese_number(match.group(2))
        return match.group(0) if value is None else f"{value:f}%"
    digits, unit = match.group(3), match.group(4)
    if unit == "元" and digits.endswith(("万", "亿")):
        digits, unit = digits[:-1], digits[-1] + "元"
    value = parse_chinese_number(digits)
    if value is None or (digits in ("一", "两") and unit in ("个百分点",)):
        return match.group(0)
    # Ordinals and words like 十分, 一人 are too ambiguous below 10 without a multiplier.
    if len(digits) == 1 and unit in ("分", "人", "名"):
        return match.group(0)
    return f"{value:f}{unit}"


_SPACE_IN_NUMBER = re.compile(r"(?<=\d)[ \t\u3000]*\n?[ \t\u3000]*(?=[.,]?\d)|(?<=\d[.,])\s+(?=\d)")
_SPACE_BEFORE_UNIT = re.compile(r"(?<=[\d])\s+(?=(?:亿元|万元|千元|元|%|个百分点|百分点|人次|人|名|个|分))")
_SPLIT_UNIT = re.compile(r"([万亿千])\s+(元)")
_LATEX = (("\\times", "×"), ("\\div", "÷"), ("\\%", "%"), ("$", ""), ("\\cdot", "×"))


_FW_THOUSANDS = re.compile(r"(?<=\d)，(?=\d{3}(?:\D|$))")
_SPACED_GROUPS = re.compile(r"(?<=\d)[ \u3000]+(?=\d{3}(?!\d))")
_SPACED_POINT = re.compile(r"(?<=\d\.)\s+(?=\d)|(?<=\d)\s+(?=\.\d)")
_HAS_CN_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百千]")


_FULLWIDTH_CHARS = re.compile("[０-９％＋－．]")
_DIGIT = re.compile(r"\d")
_SPACE = re.compile(r"\s")


@cache
def _traditional() -> tuple[re.Pattern[str], dict[int, int]]:
    """Traditional characters (``data/traditional.yaml``) and the table that writes them in simplified form."""
    data = yaml.safe_load(resources.files("jixiao.audit.data").joinpath("traditional.yaml").read_text(encoding="utf-8"))
    pairs = "".join(data["pairs"])
    table = {ord(t): ord(s) for t, s in zip(pairs[0::2], pairs[1::2], strict=True)}
    return re.compile("[" + re.escape(pairs[0::2]) + "]"), table


def simplified(text: str) -> str:
    """The text with traditional characters written in simplified form, one for one (offsets are kept)."""
    found, table = _traditional()
    return text.translate(table) if found.search(text) else text


# "萬(wàn)元", "補(bǔ)貼": a pinyin reading in brackets after a character, left in the text of some converted pages; a
# reading carries a tone mark, which no bracketed list marker or English word does
_PINYIN_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")
_TONE_MARK = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")


def without_glosses(text: str) -> str:
    """The text with bracketed pinyin readings after characters removed ("萬(wàn)元" → "萬元")."""
    return _PINYIN_GLOSS.sub("", text) if _TONE_MARK.search(text) else text


def normalize(text: str) -> str:
    """Canonical text: simplified characters without pinyin readings, half-width digits and %, no whitespace inside
    numbers or units."""
    text = simplified(without_glosses(text))
    if _FULLWIDTH_CHARS.search(text):
        text = text.translate(_FULLWIDTH)
    if "\\" in text or "$" in text:
        for a, b in _LATEX:
            text = text.replace(a, b)
    if not _DIGIT.search(text):
        return _CN_NUMBER_UNIT.sub(_replace_chinese, text) if _HAS_CN_NUMBER.search(text) else text
    if "，" in text:
        text = _FW_THOUSANDS.sub(",", text)  # full-width thousands separator
    if _SPACE.search(text):  # most lines have none: the lookbehind scans below are skipped
        text = _SPLIT_UNIT.sub(r"\1\2", text)
        # Whitespace between digit groups: "1 386.01", "1386. 01", "13\n88" (from PDF line breaks).
        text = _SPACED_GROUPS.sub("", text)
        text = _SPACED_POINT.sub("", text)
        text = _SPACE_BEFORE_UNIT.sub("", text)
    if _HAS_CN_NUMBER.search(text):
        text = _CN_NUMBER_UNIT.sub(_replace_chinese, text)
    return text


def normalize_cell(text: str) -> str:
    """A table cell's text: simplified characters, half-width digits and signs, spaces trimmed (cells hold one
    figure or a name)."""
    text = simplified(without_glosses(text))
    return (text.translate(_FULLWIDTH) if _FULLWIDTH_CHARS.search(text) else text).strip()


_NUMBER = re.compile(
    rf"(?<![\d.A-Za-z])([-−]?)({AMOUNT_DIGITS})"
    r"(亿元|万元|千元|元/\w|元|%|个百分点|百分点|人次|人|名|个|家|户|公里(?![²2/])|千米(?![²2/])|km(?![²2/\w])"
    r"|平方米(?!/)|立方米(?!/)|万亩(?![均/])|亩(?![均/])|公顷(?!/)|㎡|m²|hm[²2]?(?![A-Za-z/])|米(?![²2/])"
    r"|分(?![之钟别享析管类配解期批成布散担摊工区局]))?"
)


@dataclass(frozen=True)
class Figure:
    """One stated figure. ``value`` is as written; ``wan`` converts money to 万元."""

    value: Decimal
    unit: str  # "万元", "元", "%", "人", "分", ... or "" when none
    raw: str
    start: int
    end: int
    decimals: int
    label: str  # text of the clause before the figure
    depth: int  # parenthesis depth
    change: str | None = None  # "+" / "-" when the label says it is an increase/decrease
    approx: bool = False
    per_unit: bool = False

    @cached_property
    def kind(self) -> str:
        if self.unit in MONEY_FACTORS:
            return "money"
        if self.unit == "%":
            return "percent"
        if self.unit in ("个百分点", "百分点"):
            return "points"
        if self.unit in PERSON_UNITS:
            return "person"
        if self.unit == "分":
            return "score"
        if self.unit in BODY_UNITS:
            return "count:个"  # "17家单位，其中……15个": 个 is the general classifier of the same bodies
        if self.unit in LENGTH_UNITS:
            return "count:公里"  # "治理河道3.75km，其中……3.133km": one length however written
        if self.unit in AREA_UNITS:
            return "count:公顷"  # "治理面积1429.39hm²，其中坡改梯25.26hm²……": one area however written
        if self.unit:
            return "count:" + self.unit
        return "bare"

    @property
    def wan(self) -> Decimal:
        return self.value * self.scale

    @property
    def scale(self) -> Decimal:
        """万元 per unit of the figure (1 for anything but money); an amount of 0元 is still in 元."""
        return MONEY_FACTORS.get(self.unit, Decimal(1))

    @property
    def explicit_precision(self) -> bool:
        """A kept trailing zero ("2.0", "33.10") says the figure was rounded to that many places."""
        return self.decimals > 0 and self.raw.replace(",", "").rstrip("%").endswith("0")

    def text(self) -> str:
        return f"{self.raw}{self.unit}"


_CLAUSE_BREAK = set("，,。；;：:、！？!?\n\t")


def _label(text: str, start: int) -> str:
    """The clause before a figure; closed parentheses are kept, an unclosed one ends it."""
    i, depth = start, 0
    while i > 0 and text[i - 1] not in _CLAUSE_BREAK and start - i < 40:
        ch = text[i - 1]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            if depth == 0:
                break
            depth -= 1
        i -= 1
    return text[i:start].strip()


def colon_label(text: str, f: Figure) -> str:
    """A figure's label, or, when it has none because a colon stands right before it ("核定编制人数:10人"), the clause
    the colon closes, colon included ("核定编制人数:")."""
    if f.label:
        return f.label
    i = f.start
    while i > 0 and text[i - 1] in " \u3000":
        i -= 1
    if i == 0 or text[i - 1] not in ":：":
        return f.label
    return _label(text, i - 1) + text[i - 1]


_BRACKET = re.compile(r"[（()）]")


@lru_cache(maxsize=128)  # a paragraph's depths are read by the figure reader and again by its clauses
def bracket_depths(text: str) -> list[int]:
    """(Shared: do not modify the list.) Bracket depth at every character (an opening bracket is inside its own bracket; a closing bracket
    is inside the bracket it closes; an unmatched closing bracket changes nothing). Walks the brackets
    only: the runs between them are filled in one step each."""
    out: list[int] = []
    depth, at = 0, 0
    for m in _BRACKET.finditer(text):
        k = m.start()
        out.extend([depth] * (k - at))
        if text[k] in "（(":
            depth += 1
            out.append(depth)
        else:
            out.append(depth)
            if depth > 0:
                depth -= 1
        at = k + 1
    out.extend([depth] * (len(text) - at))
    return out


_CHANGE_WORD = re.compile(r"(增加|增长|上升|提高|增幅|增收|增支|减少|下降|降低|减幅|降幅|减收|减支|压减|节约)(?:了|为)?$|([增多])$|([减少])$")


def _change(label: str) -> str | None:
    """"+" / "-" when the label ends in a word of change ("减幅45.56%": the rate itself; "减少10.01万元": the
    amount — both are changes)."""
    m = _CHANGE_WORD.search(label[-6:])
    if m is None:
        return None
    if m.group(1):
        return "+" if m.group(1) in _UP else "-"
    return "+" if m.group(2) else "-"


_MONEY_CHANGE = re.compile(r"(?:增收|减收|增支|减支)$")
_CLAUSE_END = "，,。；;、）) \n"


@cache
def _money_words() -> tuple[str, ...]:
    """Words naming money (``data/money_words.yaml``)."""
    data = yaml.safe_load(resources.files("jixiao.audit.data").joinpath("money_words.yaml").read_text(encoding="utf-8"))
    return tuple(data["words"])


def _wan_without_yuan(text: str, start: int, end: int, before: list[Figure]) -> bool:
    """"29.6万" closing its clause is an amount in 万元 whose 元 was left out: its clause names money, or a revenue
    or spending change ("增收4,376万"), or the figure before it in the sentence is in 万元 (see ``data/money_words.yaml``);
    also "资金70万的分配方案" when the clause names money."""
    if text[end:end + 1] != "万":
        return False
    label = _label(text, start)
    named = any(w in label for w in _money_words())
    if text[end + 1:end + 2] == "的" and named:
        return True  # "中央自然灾害资金70万的分配方案": a named amount of something
    if text[end + 1:end + 2].strip(_CLAUSE_END):
        return False
    if named or _MONEY_CHANGE.search(text, max(0, start - 3), start):
        return True
    last = before[-1] if before else None
    return last is not None and last.unit == "万元" and not any(c in text[last.end:start] for c in "。！？!?\n")


def extract_figures(text: str) -> list[Figure]:
    """Figures in already normalized text, in order. Years, dates and ordinals are skipped."""
    depths = bracket_depths(text)
    figures: list[Figure] = []
    for m in _NUMBER.finditer(text):
        sign, raw, unit = m.group(1), m.group(2), m.group(3) or ""
        after = text[m.end() : m.end() + 3]
        end = m.end()
        if not unit and after[:1] == "亿" and _MONEY_CHANGE.search(text, max(0, m.start() - 3), m.start()) \
                and not after[1:2].strip(_CLAUSE_END):
            unit, end = "亿元", end + 1  # "增收4.3亿": revenue or spending changes are money
        if not unit and _wan_without_yuan(text, m.start(), end, figures):
            unit, end = "万元", end + 1
        if not unit and after[:1] in ("年", "月", "日", "号", "届", "次", "批", "期", "岁", "类", "级", "项", "所", "座", "份", "篇", "场", "条", "部", "本", "套", "辆", "台", "件", "周", "天", "小", "万", "亿"):
            continue
        if not unit and (after[:1] in ("、", ".", "．") or text[m.start() - 1 : m.start()] in ("第", "（", "(")):
            continue  # numbering such as "1." or "（2）"
        if unit.startswith("元/"):
            unit, per_unit = "元", True
        else:
            per_unit = False
        try:
            value = Decimal(raw.replace(",", ""))
        except InvalidOperation:
            continue
        if sign:
            value = -value
        label = _label(text, m.start())
        decimals = len(raw.partition(".")[2])
        before = label[-4:]
        approx = before.endswith(_APPROX_BEFORE) or _APPROX_AFTER_RE.match(text, m.end()) is not None
        figures.append(
            Figure(
                value=value,
                unit=unit,
                raw=raw,
                start=m.start(),
                end=end,
                decimals=decimals,
                label=label,
                depth=depths[m.start()] if m.start() < len(depths) else 0,
                change=_change(label),
                approx=approx,
                per_unit=per_unit or any(w in label for w in AVERAGE_WORDS) or _STANDARD.search(label) is not None
                or _PER_THING.search(label) is not None,
            )
        )
    return figures
