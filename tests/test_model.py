"""Loading a department-year: exact decimals, located errors, invariants as findings."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from jixiao.findings import Severity
from jixiao.model.invariants import check_invariants
from jixiao.model.load import load_department
from tests.helpers import EXAMPLES, department


def write(tmp_path: Path, text: str, name: str = "d.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_example_loads_exactly_without_findings() -> None:
    dy, findings = load_department(EXAMPLES / "wanzhou-2020.yaml")
    assert findings == []
    assert dy is not None
    assert dy.expenditure.public == D("33.10")
    assert dy.budget.final_amount() == D("226.86")
    assert isinstance(dy.three_public.actual_total, D) and dy.three_public.actual_total == D("11.96")


def test_floats_never_pass_through_binary() -> None:
    dy = department(expenditure={"total": D("0.1"), "basic": D("0.2")})
    assert dy.expenditure.total is not None and dy.expenditure.total + D("0.2") == D("0.3")


def test_a_number_written_another_way_is_named_with_its_line(tmp_path: Path) -> None:
    """Quoted numbers follow the one number syntax (jixiao.convert.NUMBER_SYNTAX), as a workbook's cells do."""
    path = write(tmp_path, 'profile:\n  name: 测试局\n  year: 2023\nstaffing:\n  authorized: "12."\n'
                           'expenditure:\n  total: "1__0"\n  basic: "１，２３４．５"\n')
    dy, findings = load_department(path)
    assert dy is None
    how = "数字写法不正确（只写阿拉伯数字，可带正负号；有小数点时前后都要有数字；千分位逗号须每三位一个，如 1,234.50 或 -12.5）"
    assert [f.render() for f in findings] == [
        f"[错误] 文件 {path}，第 5 行，字段 staffing.authorized：{how}，实际为「12.」",
        f"[错误] 文件 {path}，第 7 行，字段 expenditure.total：{how}，实际为「1__0」",
    ]


def test_every_bad_field_reported_with_line_and_path(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "profile:\n  name: 测试局\n  year: 2023\nstaffing:\n  authorized: 十人\n  actual: -3\n"
        "expenditure:\n  total: 约300\n  colour: red\n",
    )
    dy, findings = load_department(path)
    assert dy is None
    got = [(f.location.line, f.location.path, f.message) for f in findings]
    assert got == [
        (5, "staffing.authorized", "应为整数，实际为「十人」"),
        (6, "staffing.actual", "不能为负数，实际为「-3」"),
        (8, "expenditure.total", "应为数字，实际为「约300」"),
        (9, "expenditure.colour", "未知字段（请检查拼写），实际为「red」"),
    ]
    assert all(f.location.file == str(path) for f in findings)


def test_missing_profile_and_wrong_types(tmp_path: Path) -> None:
    dy, findings = load_department(write(tmp_path, "budget:\n  initial: 10\n"))
    assert dy is None
    assert [(f.location.path, f.message) for f in findings] == [("profile", "缺少必填项")]
    dy, findings = load_department(write(tmp_path, "- a\n- b\n"))
    assert findings[0].message.startswith("文件内容应为一组字段")


def test_file_type_and_syntax(tmp_path: Path) -> None:
    dy, findings = load_department(write(tmp_path, "x", "d.docx"))
    assert findings[0].message == "不支持的文件类型「.docx」，应为 .yaml、.yml、.json 或 .xlsx"
    dy, findings = load_department(write(tmp_path, "profile: {name: a, year: 2020\n"))
    assert findings[0].location.line == 2 and findings[0].message.startswith("YAML 格式错误")
    dy, findings = load_department(write(tmp_path, '{"profile": {"name": "a", "year": 2020}, "budget": {"initial": 1.10}}', "d.json"))
    assert dy is not None and dy.budget.initial == D("1.10")


@pytest.mark.parametrize(("text", "line", "message"), [
    ("profile: {name: a, year: 2020\n", 2, "花括号 { } 没有闭合，或其中的项之间缺少逗号"),
    ("profile:\n  name: 科室: 一\n", 2, "此处不能出现「键: 值」：冒号后的值里又有「: 」，请给含冒号的文字加引号，或检查缩进"),
    ("profile:\n  name: a\n year: 2020\n", 3, "缩进不一致，或引号后面多了文字：同一层的键必须对齐，含引号的值请整体加引号"),
    ("profile:\n  name: 'a\n", 3, "引号没有闭合：文件结束时还缺少对应的引号"),
    ("profile:\n\tname: a\n", 2, "出现了不能开始一个值的字符（如 Tab、@、`）：缩进只能用空格，以 @ 或 ` 开头的文字请加引号"),
])
def test_yaml_syntax_errors_are_explained_in_chinese(tmp_path: Path, text: str, line: int, message: str) -> None:
    dy, findings = load_department(write(tmp_path, text))
    assert dy is None
    assert (findings[0].location.line, findings[0].message) == (line, f"YAML 格式错误：{message}")


def test_invariants_parts_against_totals() -> None:
    dy = department(
        budget={"initial": 100, "adjustment": -20, "carried_over": 0, "final": 90},
        expenditure={"total": 95, "basic": 60, "personnel": 40, "public": 19.98, "project": 30},
        procurement={"actual": 10, "goods": 3, "works": 3, "services": 3, "sme": 11},
        three_public={"actual_total": 5, "items": [{"kind": "outbound", "actual": 2}, {"kind": "reception", "actual": 2.5}]},
        assets={"fixed_total": 10, "fixed_assets": [{"name": "房屋", "amount": 8, "in_use": 9}, {"name": "设备", "amount": 2}]},
    )
    got = {(f.code, f.severity, f.location.path): f.message for f in check_invariants(dy)}
    assert got == {
        ("model.budget-sum", Severity.WARNING, "budget.final"):
            "年初预算 + 年中调整 + 上年结转 = 80.00 万元，与全年预算数 90.00 万元不一致（相差 10.00 万元，超过尾差容许 0.03 万元）",
        ("model.overspent", Severity.WARNING, "expenditure.total"): "支出合计 95.00 万元超过全年预算数 90.00 万元",
        ("model.expenditure-sum", Severity.WARNING, "expenditure.total"):
            "基本支出 + 项目支出 = 90.00 万元，与支出合计 95.00 万元不一致（相差 5.00 万元，超过尾差容许 0.02 万元）",
        ("model.procurement-sum", Severity.WARNING, "procurement.actual"):
            "货物 + 工程 + 服务 = 9.00 万元，与政府采购实际金额 10.00 万元不一致（相差 1.00 万元，超过尾差容许 0.03 万元）",
        ("model.sme-exceeds", Severity.ERROR, "procurement.sme"): "授予中小企业合同金额 11.00 万元大于政府采购实际金额 10.00 万元",
        ("model.three-public-actual-sum", Severity.WARNING, "three_public.actual_total"):
            "因公出国（境）费 + 公务接待费 = 4.50 万元，与“三公”经费实际支出合计 5.00 万元不一致（相差 0.50 万元，超过尾差容许 0.02 万元）",
        ("model.in-use-exceeds", Severity.ERROR, "assets.fixed_assets[0].in_use"): "固定资产「房屋」在用金额 9.00 万元大于其原值 8.00 万元",
    }


def test_rounding_difference_within_tolerance_is_not_a_finding() -> None:
    # 132.94 + 33.10 = 166.04 against a stated 166.03: a 0.01 尾差 over two terms is tolerated.
    dy = department(expenditure={"basic": "166.03", "personnel": "132.94", "public": "33.10"})
    assert check_invariants(dy) == []


def test_duplicates_are_errors() -> None:
    dy = department(manual_scores=[{"indicator": "a", "score": 1}, {"indicator": "a", "score": 2}])
    [f] = check_invariants(dy)
    assert f.severity is Severity.ERROR and f.message == "人工评分指标「a」重复出现 2 次，只能填写一次"


def test_invariants_parts_above_their_whole_and_impossible_figures() -> None:
    """Every part-above-whole check, at and beyond its tolerance (0.01 万元 for amounts against amounts a
    department states separately, none for counts and for a total against its own parts' sum)."""
    dy = department(
        budget={"initial": 10, "adjustment": -12},
        procurement={"actual": 10, "sme": "10.01", "small_micro": "10.03"},
        assets={"fixed_total": 10, "fixed_in_use": "10.01",
                "fixed_assets": [{"name": "房屋", "amount": 8, "in_use": "8.01"}, {"name": "车辆", "amount": 2, "in_use": "2.02"}]},
        surveys=[{"name": "服务对象", "responses": 20, "satisfied": 21}, {"name": "社会公众"}],
    )
    got = [(f.code, f.severity, f.location.path, f.message) for f in check_invariants(dy)]
    assert got == [
        ("model.negative-budget", Severity.ERROR, "budget.adjustment", "年初预算 10.00 万元加年中调整 -12.00 万元后为负数，不可能"),
        ("model.small-micro-exceeds", Severity.ERROR, "procurement.small_micro",
         "授予小微企业合同金额 10.03 万元大于授予中小企业合同金额 10.01 万元"),
        ("model.in-use-exceeds", Severity.ERROR, "assets.fixed_assets[1].in_use", "固定资产「车辆」在用金额 2.02 万元大于其原值 2.00 万元"),
        ("model.in-use-exceeds", Severity.ERROR, "assets.fixed_in_use", "在用固定资产 10.01 万元大于固定资产合计 10.00 万元"),
        ("model.survey-count", Severity.ERROR, "surveys[0].satisfied", "满意度调查「服务对象」满意人数 21 大于有效问卷数 20"),
        ("model.survey-empty", Severity.WARNING, "surveys[1]", "满意度调查「社会公众」既没有问卷数也没有满意度"),
    ]
