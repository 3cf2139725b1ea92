"""Reading a department-year from any supported input file at the CLI edge."""

from __future__ import annotations

from pathlib import Path

from jixiao.findings import Finding, Location, Severity
from jixiao.model import DepartmentYear
from jixiao.model.load import load_department


def read_department(path: Path) -> tuple[DepartmentYear | None, list[Finding]]:
    """Dispatch on the file type; every problem comes back as findings."""
    if not path.exists():
        return None, [Finding("input.not-found", Severity.ERROR, "文件不存在", Location(file=str(path)))]
    if path.is_dir():
        return None, [Finding("input.is-dir", Severity.ERROR, "这是一个文件夹，应给出数据文件", Location(file=str(path)))]
    if path.suffix.lower() in {".pdf", ".docx"}:
        return None, [_final_accounts_hint(path) or Finding(
            "input.type", Severity.ERROR, f"不支持的文件类型「{path.suffix}」，应为 .yaml、.yml、.json 或 .xlsx", Location(file=str(path)))]
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        from jixiao.intake.workbook import read_workbook

        dy, findings = read_workbook(path)
        if dy is None:
            hint = _final_accounts_hint(path)
            if hint is not None:
                return None, [hint]
        return dy, findings
    return load_department(path)


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
