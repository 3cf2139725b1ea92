"""Render a :class:`Report` as Markdown (for review in a browser or a diff)."""

from __future__ import annotations

from jixiao.report.model import ChartSpec, FigureRef, Heading, Para, Report, Table


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(t: Table) -> list[str]:
    lines = [f"**{t.caption}**", ""]
    if t.unit:
        lines += [f"<div align=\"right\">{t.unit}</div>", ""]
    head = t.header[-1]
    lines.append("| " + " | ".join(_cell(h) for h in head) + " |")
    lines.append("|" + "|".join("---:" if n else "---" for n in t.numeric) + "|")
    for i, row in enumerate(t.rows):
        cells = [_cell(c) for c in row]
        if i in t.strong_rows:
            cells = [f"**{c}**" if c else c for c in cells]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def render_markdown(report: Report) -> str:
    charts: dict[str, ChartSpec] = {c.key: c for c in report.charts}
    lines = [f"# {report.title[0]}", "", f"## {''.join(report.title[1:])}", ""]
    for b in report.blocks:
        if isinstance(b, Heading):
            lines += [("## " if b.level == 1 else "### ") + b.text, ""]
        elif isinstance(b, Para):
            lines += [(f"**{b.lead}**" if b.lead else "") + b.text, ""]
        elif isinstance(b, Table):
            lines += _table(b)
        elif isinstance(b, FigureRef) and b.chart in charts:
            lines += [f"![{b.caption}]({charts[b.chart].filename})", "", f"*{b.caption}*", ""]
    lines += [f"<div align=\"right\">{line}</div>" for line in report.signature]
    return "\n".join(lines).rstrip() + "\n"
