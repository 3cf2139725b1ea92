"""A Review as plain data (JSON) and as Chinese summary lines."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.review.compare import DiffKind, Review, ReviewRow
from jixiao.textfmt import score as fs


def _s(v: Decimal | None) -> str | None:
    return None if v is None else fs(v)


def row_dict(r: ReviewRow) -> dict[str, Any]:
    return {
        "name": r.name,
        "indicator_id": r.indicator_id,
        "weight": _s(r.weight),
        "claimed": _s(r.claimed),
        "jixiao": _s(r.jixiao),
        "jixiao_max": _s(r.jixiao_max),
        "kind": r.kind.value,
        "reasons": list(r.reasons),
        "quote": r.quote,
    }


def review_dict(rv: Review) -> dict[str, Any]:
    return {
        "department": rv.department,
        "year": rv.year,
        "framework": {"id": rv.framework_id, "name": rv.framework_name},
        "total": row_dict(rv.total),
        "claimed_grade": rv.claimed_grade,
        "jixiao_grade": rv.jixiao_grade,
        "complete": rv.complete,
        "rows": [row_dict(r) for r in rv.rows],
        "unclaimed": [row_dict(r) for r in rv.unclaimed],
        "inconsistencies": list(rv.inconsistencies),
        "notes": list(rv.notes),
    }


def summary_lines(rv: Review) -> list[str]:
    t = rv.total
    lines = [
        f"{rv.department}（{rv.year}年度），按「{rv.framework_name}」（{rv.framework_id}）复核",
        f"总分：报告{_s(t.claimed) or '未给出'}分"
        + (f"（{rv.claimed_grade}）" if rv.claimed_grade else "")
        + f"；jixiao {_s(t.jixiao) or '—'}分"
        + (f"（{rv.jixiao_grade}）" if rv.jixiao_grade else "（数据不全，未定级）" if not rv.complete else "")
        + f"；结论：{t.kind.value}",
    ]
    lines += [f"  {x}" for x in t.reasons]
    counts = {k: sum(1 for r in (*rv.rows, *rv.unclaimed) if r.kind is k) for k in DiffKind}
    shown = "，".join(f"{k.value}{n}项" for k, n in counts.items() if n)
    if shown:
        lines.append(f"逐项：{shown}")
    return lines
