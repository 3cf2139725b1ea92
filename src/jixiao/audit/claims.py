"""What a report claims about its own scores: total, grade and per-indicator scores.

``extract_claims(document)`` fills :class:`jixiao.claims.ReportClaims`, the
contract with ``jixiao review``. Indicator scores are read from paragraphs that
name an indicator with its weight, e.g. “（2）支付进度（3分）……得3分”; first-level
scores from the conclusion, e.g. “投入绩效为5分，过程绩效为24.5分……总绩效为94分”.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.audit.context import Context
from jixiao.audit.documents import Document
from jixiao.audit.headings import INDICATOR_MARK
from jixiao.claims import ClaimedScore, ReportClaims

HEADING = re.compile(
    rf"^\s*(?:{INDICATOR_MARK})?\s*(?P<name>[^（(。，；]{{2,40}}?)\s*[（(](?P<max>\d+(?:\.\d+)?)分[)）]"
)
_SCORE = re.compile(r"得(?:分)?(?:为|是)?(?:满分)?\s*(?P<score>\d+(?:\.\d+)?)分")
_TOTAL_WORDS = ("自评得分", "评价得分", "总分", "总绩效", "综合评分", "综合得分", "自评为", "总得分", "自评总分", "评分为", "评价分")
# the word that introduces a grade: 等级/等次/档次, a result or conclusion of the evaluation ("自评结果为“优秀”",
# "考核结论：良好"), "评定为"
_GRADE = re.compile(r"(?:等级|等次|档次|(?:评价|自评|考核|绩效|评定|评分|评审)(?:结果|结论)|评定为)[^。；]{0,8}?[“\"「]?"
                    r"(优秀|良好|合格|中等|较差|优|良|中|差)(?![化势质])")
# Words naming a first-level indicator across regional frameworks (national 投入/过程/产出/效果,
# 决策/管理 variants, Guangdong 预算编制/预算执行/预算监督/预算使用效益, 管理效能/履职效能,
# 目标/成本控制/完成数量及质量/社会效益/可持续发展); kept in step with the bundled frameworks by a test.
FIRST_LEVEL = ("投入", "过程", "产出", "效果", "效益", "满意度", "决策", "管理", "履职", "预算执行", "预算编制",
               "预算监督", "目标", "成本", "数量", "质量", "可持续")
_GRADE_NORMAL = {"优秀": "优", "良好": "良", "中等": "中", "合格": "中", "较差": "差"}


def claims_from_context(ctx: Context) -> ReportClaims:
    total: Decimal | None = None
    total_quote = ""
    grade: str | None = None
    grade_quote = ""
    scores: list[ClaimedScore] = []
    candidates: list[tuple[int, Decimal, str, str | None, str]] = []  # priority, total, quote, grade, grade quote
    for para in ctx.paras:
        heading = HEADING.match(para.text)
        if heading:
            found = list(_SCORE.finditer(para.text, heading.end()))
            if found:
                scores.append(
                    ClaimedScore(
                        name=heading.group("name").strip(),
                        score=Decimal(found[-1].group("score")),
                        max_score=Decimal(heading.group("max")),
                        quote=para.quote(found[-1].start()),
                        location=para.block.location(found[-1].start()),
                    )
                )
        for i in range(len(para.sentences)):
            figs = [f for f in para.figures_in(i) if f.kind == "score" and f.depth == 0]
            for f in figs:
                if any(w in f.label for w in _TOTAL_WORDS):
                    sent = para.sentence_text(i)
                    rest = sent[sent.find(f.raw) :] if f.raw in sent else sent
                    g = _GRADE.search(rest)
                    if g is None and i + 1 < len(para.sentences):
                        g = _GRADE.search(para.sentence_text(i + 1))
                    if g is None and i + 1 >= len(para.sentences) and para.index + 1 < len(ctx.paras):
                        g = _GRADE.search(ctx.paras[para.index + 1].sentence_text(0))
                    priority = 0 if g else 1
                    candidates.append((priority, f.value, sent, g.group(1) if g else None, sent if g else ""))
                elif len(figs) >= 3 and f is not figs[-1]:
                    name = next((w for w in FIRST_LEVEL if w in f.label), None)
                    if name and not heading:
                        scores.append(ClaimedScore(name=name, score=f.value, quote=para.sentence_text(i),
                                                   location=para.block.location(f.start)))
    if candidates:
        candidates.sort(key=lambda c: c[0])
        _, total, total_quote, g_text, grade_quote = candidates[0]
        grade = _GRADE_NORMAL.get(g_text, g_text) if g_text else None
    table_scores, table_total = _table_claims(ctx)
    if table_scores:
        named = {_key(c.name) for c in table_scores}
        # the table names every indicator: prose first-level scores ("管理效能得分28分" read as 管理) add nothing
        scores = table_scores + [c for c in scores if _key(c.name) not in named and c.max_score is not None]
    if total is None and table_total is not None:
        total, total_quote = table_total
    return ReportClaims(total=total, grade=grade, scores=tuple(scores), total_quote=total_quote, grade_quote=grade_quote)


def _key(name: str) -> str:
    return re.sub(r"[\s“”\"（）()]|[（(][^（）()]*[)）]", "", name)


def _table_claims(ctx: Context) -> tuple[list[ClaimedScore], tuple[Decimal, str] | None]:
    """Every scored row of a 评分表 (一级/二级/三级指标 … 分值 … 得分): the indicator's name, its 分值 and 得分;
    and the 总分 row's 得分. Rows scored "缺数据" or left empty give no claim."""
    from jixiao.audit.rules.table_scores import score_rows

    out: list[ClaimedScore] = []
    total: tuple[Decimal, str] | None = None
    for sec in ctx.sections:
        scol = sec.column("score")
        if scol is None or not any(sec.column(c) for c in ("level1", "level2", "level3")):
            continue
        for sr in score_rows(sec):
            if sr.score is None or not sr.row.label:
                continue
            out.append(ClaimedScore(name=sr.row.label, score=sr.score.value,
                                    max_score=sr.weight.value if sr.weight is not None else None,
                                    quote=sec.quote(sr.row), location=sec.location(sr.row, scol)))
        for row in sec.rows:
            v = sec.value(row, scol)
            if row.total and v is not None and total is None:
                total = (v.value, sec.quote(row))
    return out, total


def claims_of(ctx: Context) -> ReportClaims:
    """The claims of an analysed document, extracted once and kept on the context."""
    if ctx.claims is None:
        ctx.claims = claims_from_context(ctx)
    return ctx.claims


def extract_claims(document: Document) -> ReportClaims:
    """The scores a report states about itself (see :class:`jixiao.claims.ReportClaims`)."""
    return claims_of(Context.build(document))
