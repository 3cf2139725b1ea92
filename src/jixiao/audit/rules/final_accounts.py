"""The 部门决算 rules (:mod:`jixiao.final`) in the auditor's registry: applied to any 决算 the auditor reads."""

from __future__ import annotations

from jixiao.audit.context import Context
from jixiao.audit.finding import ERROR, HINT, AuditFinding
from jixiao.audit.rules.base import Rule
from jixiao.final.analyse import RULE_TITLES, Analysis, analyse_if_final
from jixiao.final.checks import Check

_FINAL_WORDS = ("决算", "结转和结余")


def _finding(name: str, c: Check, path: str) -> AuditFinding:
    quote = c.quote or "".join(x for x in (c.table, f"「{c.row}」" if c.row else "", f"「{c.column}」" if c.column else ""))
    return AuditFinding(rule=name, title=RULE_TITLES[name][0], severity=ERROR if c.severity == ERROR else HINT,
                        quote=quote, location=c.where or ("情况说明" if c.quote else c.table), stated=c.stated,
                        expected=c.expected, figures=c.operands, explanation=c.explanation, file=path)


def final_analysis(ctx: Context) -> Analysis | None:
    """The 决算 reader's analysis of the audited file, when it is a published 部门决算 (cached per file)."""
    text = "".join(p.text for p in ctx.paras[:400])
    if not all(w in text for w in _FINAL_WORDS[:1]):
        return None
    return analyse_if_final(ctx.document.path)


def _rule(name: str) -> Rule:
    def check(ctx: Context) -> list[AuditFinding]:
        analysis = final_analysis(ctx)
        if analysis is None:
            return []
        return [_finding(name, c, ctx.document.path) for c in analysis.checks.get(name, []) if not c.ok]

    title, description = RULE_TITLES[name]
    return Rule(name, title, description, check)


FINAL_RULES: tuple[Rule, ...] = tuple(_rule(name) for name in RULE_TITLES)
