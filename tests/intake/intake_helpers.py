"""Real workbooks for intake tests: written by the template writer, then edited like a user would."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.workbook.workbook import Workbook

from jixiao.findings import Finding, Severity
from jixiao.intake.template import write_workbook
from jixiao.model import DepartmentYear
from jixiao.model.load import parse_department

FULL: dict[str, Any] = {
    "framework": "chongqing-district-2020",
    "finance_source": "《示例局2023年度部门决算》",
    "profile": {
        "name": "测试市财政局",
        "year": 2023,
        "region": "广东省测试市",
        "finance_bureau": "测试市财政局",
        "notice": "测财绩〔2024〕1号",
        "level": "市级",
        "code": "101001",
        "unit_type": "行政单位",
        "functions": ["拟订财政发展战略", "管理财政收支"],
        "institution": "内设 5 个科室",
        "internal_units": ["办公室", "预算科"],
        "subordinate_units": ["财政信息中心"],
        "work_summary": "全年完成预算编制与执行。",
        "performance_goal": "提高财政资金使用效益",
        "preparer": "张三",
        "phone": "0751-1234567",
        "report_date": "2024-03-17",
    },
    "staffing": {"authorized": 40, "actual": 38, "retired": 12, "note": "含工勤 2 人"},
    "budget": {"initial": "1000.5", "adjustment": "-20.25", "carried_over": "15", "final": "995.25",
               "adjustment_reason": "压减会议费", "execution_reason": "一个项目延至次年"},
    "revenue": {"total": "995.25", "fiscal_appropriation": "990", "other": "5.25"},
    "expenditure": {
        "total": "980.12",
        "basic": "600.12",
        "personnel": "500.1",
        "public": "100.02",
        "project": "380",
        "projects": [
            {"name": "信息化建设", "budget": "300", "actual": "280.5", "key": True, "note": "=以等号开头的说明"},
            {"name": "专项审计", "budget": "100", "actual": "99.5"},
        ],
    },
    "carryover": {"amount": "15.13"},
    "recovered_funds": {"count": 1, "amount": "3.5"},
    "three_public": {
        "items": [
            {"kind": "outbound", "budget": "5", "actual": "0", "last_year_actual": "2", "last_year_budget": "5"},
            {"kind": "vehicle_operation", "budget": "10", "actual": "8.88", "last_year_actual": "9.1", "last_year_budget": "10"},
            {"kind": "reception", "budget": "3", "actual": "1.2", "last_year_actual": "1.5", "last_year_budget": "3"},
            {"kind": "foreign_reception", "actual": "0.5", "in_budget_scope": False},
        ],
        "budget_total": "18",
        "actual_total": "10.58",
        "last_year_actual_total": "12.6",
        "last_year_budget_total": "18",
        "scope_note": "外事接待费未纳入预算口径",
        "change_reason": "减少公务出行", "budget_reason": "出访计划取消",
    },
    "public_funds": {"budget": "105", "actual": "100.02"},
    "procurement": {
        "budget": "200", "actual": "180", "goods": "80", "works": "60", "services": "40", "sme": "150", "small_micro": "90",
    },
    "assets": {
        "total": "5000",
        "fixed_total": "1200",
        "fixed_in_use": "1100",
        "fixed_in_use_rate": "91.67",
        "fixed_assets": [
            {"name": "房屋", "count": 2, "amount": "1000", "in_use": "950"},
            {"name": "车辆", "count": 3, "amount": "200", "in_use": "150"},
        ],
    },
    "payments": [
        {"label": "上半年", "as_of": "2023-06-30", "planned_rate": "40", "paid": "420.5"},
        {"label": "全年", "as_of": "2023-12-31", "planned_rate": "100", "paid": "980.12"},
    ],
    "targets": [
        {"category": "产出", "subcategory": "数量指标", "name": "审计项目数", "unit": "个", "direction": "≥",
         "target": "12", "actual": "13", "note": "超额完成", "done": "完成 13 个审计项目"},
        {"category": "效益", "subcategory": "社会效益指标", "name": "财政透明度", "direction": "定性",
         "target": "提高", "actual": "有所提高"},
    ],
    "key_tasks": [
        {"name": "预算改革", "description": "推进零基预算", "weight": "25", "completion": "100", "on_time": True,
         "quality_met": True, "done": "32 个部门试行零基预算"},
        {"name": "债务管理", "weight": "25", "completion": "87.5", "on_time": False, "quality_met": False, "note": "受政策调整影响"},
    ],
    "management": [
        {"key": "finance_rules_exist", "satisfied": True, "evidence": "制定了内部财务管理制度"},
        {"key": "finance_rules_complete", "satisfied": False, "note": "制度不够健全"},
    ],
    "incidents": [{"kind": "fund_violation", "count": 2, "description": "两处虚列支出"}],
    "surveys": [
        {"name": "服务对象", "group": "服务对象", "responses": 200, "satisfied": 190, "rate": "95"},
        {"name": "社会公众", "responses": 100, "satisfied": 93},
    ],
    "manual_scores": [{"indicator": "economic_benefit", "score": "6.5", "reason": "效益未完全显现"}],
    "official_card": {"rate": "99.5", "note": "全部使用公务卡"},
    "prior": {
        "revenue_total": "950", "fiscal_appropriation": "940", "expenditure_total": "930", "basic": "580",
        "project": "350", "assets_total": "4800", "carryover": "20",
        "staff_authorized": 21, "staff_actual": 19, "score": "88.5", "grade": "良",
        "revenue_reason": "收入增加", "fiscal_appropriation_reason": "拨款增加", "expenditure_reason": "支出增加",
        "basic_reason": "人员增加", "project_reason": "新增项目", "assets_reason": "购置设备",
        "carryover_reason": "项目完工",
    },
    "survey": {"method": "现场发放问卷", "period": "2024年1月", "sample": "随机抽取", "respondents": "办事群众",
               "feedback": "希望缩短办理时间"},
    "evaluation": {"team": "成立自评小组", "period": "2024年2月", "method": "资料核查"},
}


def full_model() -> DepartmentYear:
    return parse_department(FULL)


def written(tmp_path: Path, dy: DepartmentYear | None = None, name: str = "data.xlsx") -> Path:
    path = tmp_path / name
    write_workbook(path, dy)
    return path


def edited(tmp_path: Path, edit: Callable[[Workbook], None], dy: DepartmentYear | None = None,
           name: str = "data.xlsx") -> Path:
    """Write the workbook for ``dy`` (the full model by default), apply ``edit`` with openpyxl, save."""
    path = written(tmp_path, dy if dy is not None else full_model(), name)
    wb = openpyxl.load_workbook(path)
    edit(wb)
    wb.save(path)
    return path


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR]


def at(findings: list[Finding], sheet: str, cell: str) -> list[Finding]:
    return [f for f in findings if f.location.sheet == sheet and f.location.cell == cell]
