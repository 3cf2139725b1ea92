"""Render a :class:`Report` as Markdown (for review in a browser or a diff)."""

from __future__ import annotations

import re

from jixiao.report.model import ChartSpec, FigureRef, Heading, Para, Report, Table

# Characters that Markdown or embedded HTML would act on; text the user typed (task names,
# reasons) is shown as typed, never as markup, links or script.
_ACTIVE = re.compile(r"([\\`*_\[\]<>&|#!])")
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def _text(text: str) -> str:
    """Inline text with every Markdown/HTML-active character made literal."""
    return _ACTIVE.sub(lambda m: _ENTITIES.get(m.group(1), "\\" + m.group(1)), text).replace("\n", " ")


def _table(t: Table) -> list[str]:
    lines = [f"**{_text(t.caption)}**", ""]
    if t.unit:
        lines += [f"<div align=\"right\">{_text(t.unit)}</div>", ""]
    head = t.header[-1]
    lines.append("| " + " | ".join(_text(h) for h in head) + " |")
    lines.append("|" + "|".join("---:" if n else "---" for n in t.numeric) + "|")
    for i, row in enumerate(t.rows):
        cells = [_text(c) for c in row]
        if i in t.strong_rows:
            cells = [f"**{c}**" if c else c for c in cells]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def render_markdown(report: Report) -> str:
    charts: dict[str, ChartSpec] = {c.key: c for c in report.charts}
    lines = [f"# {_text(report.title[0])}", "", f"## {_text(''.join(report.title[1:]))}", ""]
    for b in report.blocks:
        if isinstance(b, Heading):
            lines += [("## " if b.level == 1 else "### ") + _text(b.text), ""]
        elif isinstance(b, Para):
            lines += [(f"**{_text(b.lead)}**" if b.lead else "") + _text(b.text), ""]
        elif isinstance(b, Table):
            lines += _table(b)
        elif isinstance(b, FigureRef) and b.chart in charts:
            lines += [f"![{_text(b.caption)}]({charts[b.chart].filename})", "", f"*{_text(b.caption)}*", ""]
    lines += [f"<div align=\"right\">{_text(line)}</div>" for line in report.signature]
    return "\n".join(lines).rstrip() + "\n"
