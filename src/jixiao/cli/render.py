"""Terminal rendering of evaluation results and findings with rich."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from jixiao.cli.table_text import COLUMNS, deduction_lines, missing_lines, rows, summary_lines, title
from jixiao.cli.table_text import metric_text as metric_text
from jixiao.engine.result import EvaluationResult
from jixiao.findings import Finding, Severity


def indicator_table(result: EvaluationResult) -> Table:
    table = Table(title=Text(title(result)), show_lines=False, expand=False)
    for header, justify, overflow in COLUMNS:
        if overflow == "fold":
            table.add_column(header, overflow="fold")
        elif justify == "right":
            table.add_column(header, justify="right")
        else:
            table.add_column(header, no_wrap=False)
    for r in rows(result):
        name = Text(r.name, style="bold" if r.parent else "")
        if r.missing:
            got = Text(r.score, style="red")
        else:
            got = Text(r.score.removesuffix("*"))
            if r.partial:
                got.append("*", style="yellow")
        notes = Text(r.deductions)
        for m in r.gaps:
            notes.append("；" if notes else "")
            notes.append(m, style="red")
        table.add_row(name, r.weight, r.metric, got, notes)
    return table


def print_findings(console: Console, findings: list[Finding] | tuple[Finding, ...]) -> None:
    colours = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
    for f in findings:
        console.print(f.render(), style=colours[f.severity], markup=False, highlight=False)


def print_result(console: Console, result: EvaluationResult) -> None:
    console.print(indicator_table(result))
    for line in summary_lines(result):
        console.print(line, markup=False, highlight=False)
    lost = deduction_lines(result)
    if lost:
        console.print(lost[0], style="bold")
        for line in lost[1:]:
            console.print(line, markup=False, highlight=False)


def print_missing(console: Console, result: EvaluationResult) -> None:
    """Every indicator that could not be scored, with the data it lacks."""
    gaps = missing_lines(result)
    if gaps:
        console.print(gaps[0], style="bold red")
        for line in gaps[1:]:
            console.print(line, markup=False, highlight=False)


def print_checks(console: Console, findings: list[Finding]) -> None:
    """The checks of the input (parts against totals, impossible figures), each once, with its location."""
    if findings:
        console.print("数据检查：", style="bold")
        print_findings(console, findings)


_NO_LINE_START = "，。；：、）」》”’！？%"


def wrap_cells(text: str, width: int) -> list[str]:
    """Wrap text at a display width (a CJK character takes two cells), never starting a line with
    closing punctuation."""
    from rich.cells import cell_len

    lines: list[str] = []
    line = ""
    for ch in text:
        if cell_len(line + ch) > width and line:
            if ch in _NO_LINE_START:
                line, carried = line[:-1], line[-1]
                lines.append(line)
                line = carried + ch
                continue
            lines.append(line)
            line = ch
        else:
            line += ch
    return [*lines, line] if line else lines


def print_entries(console: Console, title: str, entries: list[tuple[str, list[str]]], hint: str = "") -> None:
    """A list that stays readable in a narrow terminal: each entry's name on its own line, then its
    details indented and wrapped at the terminal's width (never cut off with an ellipsis)."""
    indent = "    "
    width = max(console.width - len(indent), 20)
    console.print(title, style="bold", markup=False, highlight=False, soft_wrap=True)
    for line in wrap_cells(hint, console.width) if hint else []:
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    for head, details in entries:
        console.print(head, style="bold", markup=False, highlight=False, soft_wrap=True)
        for detail in details:
            for line in wrap_cells(detail, width):
                console.print(indent + line, markup=False, highlight=False, soft_wrap=True)
