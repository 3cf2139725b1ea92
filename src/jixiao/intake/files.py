"""Reading a department-year from any supported input file (.yaml/.yml/.json/.xlsx/.xlsm)."""

from __future__ import annotations

from pathlib import Path

from jixiao.findings import Finding, Location, Severity
from jixiao.model import DepartmentYear
from jixiao.model.load import load_department

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm"}
DATA_SUFFIXES = {".yaml", ".yml", ".json", *WORKBOOK_SUFFIXES}


def read_department(path: Path) -> tuple[DepartmentYear | None, list[Finding]]:
    """Dispatch on the file type; every problem comes back as findings."""
    if not path.exists():
        return None, [Finding("input.not-found", Severity.ERROR, "文件不存在", Location(file=str(path)))]
    if path.is_dir():
        return None, [Finding("input.is-dir", Severity.ERROR, "这是一个文件夹，应给出数据文件", Location(file=str(path)))]
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        from jixiao.intake.workbook import read_workbook

        return read_workbook(path)
    return load_department(path)
