"""Reviewer pages: the year's dashboard, a department's drill-down with year-on-year, compare charts."""

from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from jixiao.web import overview
from jixiao.web.charts import bars
from jixiao.web.csrf import require_csrf
from jixiao.web.deps import ReviewerPage, services
from jixiao.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(require_csrf)])


def _year(raw: str, known: list[int]) -> int | None:
    if raw == "all":
        return None
    if raw.isdigit():
        return int(raw)
    return known[0] if known else None


@router.get("/review")
def dashboard(request: Request, user: ReviewerPage, year: str = "", q: str = "", grade: str = "", status: str = "", sort: str = "rank") -> Response:
    with services(request).db.reading() as session:
        known = overview.years(session, user)
        chosen = _year(year, known)
        rows = overview.dashboard(session, user, chosen)
    shown = overview.filtered(rows, q.strip(), grade, status, sort)
    return render(request, "review.html", title="年度总览", rows=shown, all_rows=rows, years=known, year=chosen,
                  q=q, grade=grade, status=status, sort=sort, sorts=overview.SORTS, grades=overview.GRADES,
                  counts=overview.grade_counts(rows))


@router.get("/review/departments/{department_id}")
def drill_down(request: Request, user: ReviewerPage, department_id: int) -> Response:
    with services(request).db.reading() as session:
        found = overview.department(session, user, department_id)
        if found is None:
            raise HTTPException(status_code=404, detail="没有这个部门，或不在您负责的地区")
        dept, rows = found
        region = dept.region.name
    scored = [r for r in rows if r.total is not None]
    trend = bars("历年自评总分", [str(r.year) for r in scored], [("总分", [r.total or Decimal(0) for r in scored])], "分") \
        if scored else None
    names = list(dict.fromkeys(n for r in rows for n in r.first_level))
    return render(request, "review_department.html", title=dept.name, dept=dept, region=region, rows=rows,
                  changes=overview.year_on_year(rows), trend=trend, first_level_names=names,
                  key_figures=overview.KEY_FIGURES)


@router.get("/review/compare")
def compare(request: Request, user: ReviewerPage, year: str = "") -> Response:
    with services(request).db.reading() as session:
        known = overview.years(session, user)
        chosen = _year(year, known) or (known[0] if known else None)
        rows = overview.dashboard(session, user, chosen) if chosen is not None else []
        means = overview.first_level_means(session, user, chosen) if chosen is not None else []
    scored = sorted((r for r in rows if r.total is not None), key=lambda r: r.total or 0, reverse=True)
    charts = []
    if scored:
        charts.append(("各部门自评总分", bars("各部门自评总分", [r.department for r in scored],
                                              [("总分", [r.total or Decimal(0) for r in scored])], "分")))
        counts = overview.grade_counts(rows)
        charts.append(("等级分布（部门数）", bars("等级分布", list(counts), [("部门数", [Decimal(v) for v in counts.values()])], "个")))
    if means:
        charts.append(("一级指标平均得分与分值", bars("一级指标平均得分", [m[0] for m in means],
                                                   [("平均得分", [m[1] for m in means]), ("平均分值", [m[2] for m in means])], "分")))
    return render(request, "compare.html", title="横向比较", years=known, year=chosen, rows=scored, charts=charts,
                  means=means)
