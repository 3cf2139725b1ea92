"""Jinja2 templates of the pages (server-rendered, autoescaped) and their shared context."""

from __future__ import annotations

from decimal import Decimal
from importlib.resources import files
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from jixiao.textfmt import money, number, pct, score
from jixiao.web.csrf import csrf_token

TEMPLATE_DIR = str(files("jixiao.web") / "templates")

ROLE_LABELS = {"department": "部门填报", "reviewer": "财政审核", "admin": "系统管理"}


def _fmt_score(v: Decimal | str | None) -> str:
    return score(Decimal(v) if isinstance(v, str) else v)


def _fmt_money(v: Decimal | str | None) -> str:
    return money(Decimal(v) if isinstance(v, str) else v)


def _fmt_pct(v: Decimal | str | None) -> str:
    return pct(Decimal(v) if isinstance(v, str) else v)


def _fmt_metric(v: Decimal | str | None, unit: str | None) -> str:
    """A metric value as the report writes it: rates with %, amounts with two decimals, counts plain."""
    value = Decimal(v) if isinstance(v, str) else v
    if value is None:
        return ""
    if unit == "%":
        return pct(value)
    if unit == "万元":
        return money(value) + "万元"
    return number(value) + (unit or "")


def _build_env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(score=_fmt_score, money=_fmt_money, pct=_fmt_pct, metric=_fmt_metric)
    env.globals["role_labels"] = ROLE_LABELS
    return env


ENV = _build_env()


def render(request: Request, name: str, status_code: int = 200, headers: dict[str, str] | None = None,
           **context: Any) -> HTMLResponse:
    """Render a page with the context every page needs (user, CSRF token, nav)."""
    user = getattr(request.state, "user", None)
    csrf = csrf_token(request) if "session" in request.scope else ""
    ctx = {"request": request, "user": user, "csrf": csrf, **context}
    html = ENV.get_template(name).render(ctx)
    return HTMLResponse(html, status_code=status_code, headers=headers)
