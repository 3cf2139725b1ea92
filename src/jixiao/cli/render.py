"""Terminal rendering of evaluation results and findings with rich."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from jixiao.engine.result import EvaluationResult, IndicatorResult, Status
from jixiao.findings import Finding, Severity
from jixiao.textfmt import number, pct, q2
from jixiao.textfmt import score as fs


def metric_text(r: IndicatorResult) -> str:
    m = r.metric
    if m is None or m.value is None:
        return "不适用" if m is not None and m.not_applicable else ""
    return pct(m.value) if m.unit == "%" else f"{number(q2(m.value))}{m.unit}"


def indicator_table(result: EvaluationResult) -> Table:
    table = Table(title=Text(f"{result.department} {result.year}年度部门整体支出绩效自评 — {result.framework_name}"),
                  show_lines=False, expand=False)
    table.add_column("指标", no_wrap=False)
    table.add_column("分值", justify="right")
    table.add_column("指标值", justify="right")
    table.add_column("得分", justify="right")
    table.add_column("说明", overflow="fold")
    for r in result.walk():
        indent = "　" * (r.level - 1)
        name = Text(f"{indent}{r.name}", style="bold" if r.children else "")
        if r.status is Status.MISSING:
            got = Text("缺数据", style="red")
        else:
            got = Text(fs(r.score))
            if r.status is Status.PARTIAL:
                got.append("*", style="yellow")
        notes = Text("；".join(r.deductions))
        for m in r.missing:
            notes.append("；" if notes else "")
            notes.append(m, style="red")
        table.add_row(name, fs(r.weight), metric_text(r), got, notes)
    return table


def summary_lines(result: EvaluationResult) -> list[str]:
    parts = "，".join(f"{t.name} {fs(t.score) if t.score is not None else '缺数据'}" for t in result.indicators)
    lines = [f"得分：{parts}；总分 {fs(result.total)} 分（满分 {fs(result.max_total)}）"]
    if result.grade is not None:
        lines.append(f"评价等级：{result.grade}")
    else:
        lines.append(f"尚有 {result.missing_count} 项指标缺少数据，总分不完整，暂不评定等级")
    return lines


def print_findings(console: Console, findings: list[Finding] | tuple[Finding, ...]) -> None:
    colours = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
    for f in findings:
        console.print(f.render(), style=colours[f.severity], markup=False, highlight=False)


def print_result(console: Console, result: EvaluationResult) -> None:
    console.print(indicator_table(result))
    for line in summary_lines(result):
        console.print(line, markup=False, highlight=False)
    lost = [r for r in result.leaves() if r.deductions]
    if lost:
        console.print("扣分说明：", style="bold")
        for r in lost:
            console.print(f"- {r.name}（{fs(r.score)}/{fs(r.weight)}）：{'；'.join(r.deductions)}", markup=False, highlight=False)


def print_missing(console: Console, result: EvaluationResult) -> None:
    """Every indicator that could not be scored, with the data it lacks."""
    gaps = [r for r in result.leaves() if r.missing]
    if gaps:
        console.print("缺少数据：", style="bold red")
        for r in gaps:
            console.print(f"- {r.name}：{'；'.join(r.missing)}", markup=False, highlight=False)


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
