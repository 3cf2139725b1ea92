"""A head count followed by its parts without 其中 ("在职人员81人，专业技术人员57人、管理人员1人、工勤人员23人";
"共实施项目15个；年初批复的项目8个…；年中新增项目8个").

Without a 其中 the text does not say that the later figures break the first one down. They are read as
its parts only when they count the same thing in the same unit: every part's name ends in the noun the
head figure counts (人员, 项目, 单位…), all stand at the same bracket level, the head is the first such
figure of its sentence and no 其中 comes before it. Then

- parts adding up to the head are a checked relation (silent);
- parts adding up to more than the head are a 提示 when the head says it is a whole (共, 合计, 总, 全部,
  累计): they cannot all be parts of it, or one of them is wrong — the assumption (the parts are disjoint
  parts of the whole) is stated;
- parts adding up to less are not judged (the list may name only some parts).

Only counts (人, 个, 项, 家…) are read this way: money figures in a row are too often unrelated amounts.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.audit.context import Context, Para
from jixiao.audit.finding import HINT, AuditFinding
from jixiao.audit.numbers import Figure
from jixiao.audit.paragraphs import prior
from jixiao.audit.rules.base import Rule

_WHOLE = ("共", "合计", "总", "全部", "累计", "总计")
_LIST_WORDS = ("其中", "包括", "分别", "含")


def _counted(f: Figure) -> bool:
    return (f.kind == "person" or f.kind.startswith("count:")) and not (f.approx or f.per_unit or f.change
                                                                        or prior(f))


def _noun(label: str) -> str:
    """The last two characters of the thing counted: "共实施项目" -> "项目", "在职人员" -> "人员"."""
    name = label.rstrip("为是有达计共：: ")
    return name[-2:] if len(name) >= 2 and all("\u4e00" <= c <= "\u9fff" for c in name[-2:]) else ""


def _outside_brackets(para: Para, start: int, end: int, depth: int) -> str:
    return "".join(ch for ch, d in zip(para.text[start:end], para.depths[start:end], strict=True) if d <= depth)


def _breakdowns(para: Para) -> list[tuple[Figure, list[Figure]]]:
    out: list[tuple[Figure, list[Figure]]] = []
    if sum(f.kind == "person" or f.kind.startswith("count:") for f in para.figures) < 3:
        return out  # a head and two parts at least
    for si in range(len(para.sentences)):
        figs = [f for f in para.figures_in(si) if _counted(f)]
        sentence_start = para.sentences[si][0]
        for k, head in enumerate(figs):
            noun = _noun(head.label)
            if not noun or any(f.unit == head.unit and f.depth == head.depth for f in figs[:k]):
                continue
            if any(w in _outside_brackets(para, sentence_start, head.start, head.depth) for w in _LIST_WORDS):
                continue
            parts = [f for f in figs[k + 1:] if f.unit == head.unit and f.depth == head.depth and noun in f.label]
            if len(parts) < 2 or any(
                    w in _outside_brackets(para, head.end, parts[0].start, head.depth) for w in _LIST_WORDS):
                continue  # one part is a comparison, not a breakdown; a 其中 list is the sum rule's
            out.append((head, parts))
            break
    return out


def check(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for para in ctx.paras:
        for head, parts in _breakdowns(para):
            total = sum((p.value for p in parts), Decimal(0))
            whole = any(w in head.label for w in _WHOLE)
            if total == head.value:
                ctx.trace(RULE.name, para, head, *parts)
            elif total > head.value and whole and all(p.value < head.value for p in parts):
                ctx.trace(RULE.name, para, head, *parts)
                listed = "＋".join(f"{p.label}{p.text()}" for p in parts)
                out.append(ctx.finding(
                    RULE.name, RULE.title, HINT, para, head.start, head.text(), f"{total}{head.unit}",
                    [f"{p.label} {p.text()}" for p in parts],
                    f"{head.label}{head.text()}，其后分述{listed}＝{total}{head.unit}，多于总数"
                    f"（文中未写“其中”，按各项为总数中互不重叠的组成部分计），请核实。",
                ))
    return out


RULE = Rule("breakdown", "未标“其中”的分项与总数不符",
            "总数之后未写“其中”而分述同一名词的各项人数、个数：各项之和多于所称总数（提示：按各项为互不重叠的组成部分计）。",
            check)
