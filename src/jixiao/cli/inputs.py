"""Reading a department-year from any supported input file at the CLI edge."""

from __future__ import annotations

from pathlib import Path

from jixiao.findings import Finding, Location, Severity
from jixiao.intake.files import read_department as _read_data
from jixiao.model import DepartmentYear


def read_department(path: Path) -> tuple[DepartmentYear | None, list[Finding]]:
    """A department's data file; a 部门决算 given instead is named as such, with the command that reads it."""
    if path.is_file() and path.suffix.lower() in {".pdf", ".docx"}:
        return None, [_final_accounts_hint(path) or Finding(
            "input.type", Severity.ERROR, f"不支持的文件类型「{path.suffix}」，应为 .yaml、.yml、.json 或 .xlsx",
            Location(file=str(path)))]
    dy, findings = _read_data(path)
    if dy is None and path.is_file() and path.suffix.lower() == ".xlsx":
        hint = _final_accounts_hint(path)
        if hint is not None:
            return None, [hint]
    return dy, findings


def _final_accounts_hint(path: Path) -> Finding | None:
    """A 部门决算 given where a department's data file is expected: say what it is and how to read it."""
    from jixiao.final.analyse import analyse_if_final

    analysis = analyse_if_final(path)
    if analysis is None:
        return None
    fa = analysis.accounts
    what = f"「{fa.unit_name}」{fa.year}年度部门决算" if fa.unit_name and fa.year else "一份部门决算"
    return Finding("input.final-accounts", Severity.ERROR,
                   f"这是{what}（识别出 {len(fa.tables)} 张决算表），不是数据填报文件。请先运行 "
                   f"jixiao import-final {path.name} -o 填报.xlsx 读取决算并预填工作簿，补充绩效目标等其余内容后再评价该工作簿",
                   Location(file=str(path)))


__all__ = ["read_department"]
