"""From a published 决算 PDF to a scored self-evaluation whose 收支 section names the 决算 as its source."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from tests.test_cli import jixiao

DOC = "shanghai-putuo-sthjj-2025"


def test_final_accounts_to_scored_report(rendered: dict[str, dict[str, Path]], tmp_path: Path) -> None:
    workbook = tmp_path / "填报.xlsx"
    run = jixiao("import-final", str(rendered[DOC]["pdf"]), "-o", str(workbook))
    assert run.returncode == 0, run.stderr
    # the department completes what a 决算 does not hold: its budget and the framework
    wb = load_workbook(workbook)
    ws = wb["收支情况"]
    rows = {ws.cell(row=r, column=1).value: r for r in range(4, 40)}
    ws.cell(row=rows["全年预算数（万元）"], column=2, value=4800)
    basic = wb["基本信息"]
    info = {basic.cell(row=r, column=1).value: r for r in range(4, 40)}
    assert basic.cell(row=info["收支数据来源"], column=2).value == "《上海市普陀区生态环境局2025年度部门决算》"
    basic.cell(row=info["评价框架"], column=2, value="national-2013")
    wb.save(workbook)
    result = jixiao("evaluate", str(workbook), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    indicators = _walk(data["indicators"])
    execution = [i for i in indicators if i.get("metric")
                 and {x.get("path") for x in i["metric"]["inputs"]} >= {"expenditure.total", "budget.final"}]
    assert execution, "预算执行率 is computed from the 决算's 本年支出合计 and the completed 全年预算数"
    metric = execution[0]["metric"]
    assert {x["path"]: x["value"] for x in metric["inputs"]}["expenditure.total"] == "4733.14"
    assert metric["value"].startswith("98.6")  # 4733.14 ÷ 4800 = 98.61%
    assert execution[0]["score"] is not None
    assert data["total"] is not None
    out = tmp_path / "out"
    report = jixiao("evaluate", str(workbook), "-o", str(out), "--format", "md")
    assert report.returncode == 0, report.stderr
    md = (out / "自评报告.md").read_text("utf-8")
    # the 收支 section's heading follows the framework's phrase family; the source sentence opens it
    source = "本部分收支数据取自《上海市普陀区生态环境局2025年度部门决算》。"
    assert md.count(source) == 1
    section = md[md.index(source):]
    assert "4,733.14万元" in section or "4733.14万元" in section
    assert "3,365.38万元" in section or "3365.38万元" in section


def _walk(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for n in nodes:
        out.append(n)
        out.extend(_walk(n.get("children", [])))
    return out
