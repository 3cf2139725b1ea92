"""The 经费控制情况 block of a 基础数据表 that opens with 支出总额 over 基本支出 and 项目支出 (issue 10).

The version of the 部门整体支出绩效评价基础数据表 filed by some 湖南 units (held-out-10 hunan-yiyang; the same block
without 支出总额 in held-out-4 hunan-hengshan and the corpus's unknown-county) puts 支出总额 first, a 其中:公用经费
under 基本支出, and under 项目支出 two numbered 其中 rows left empty and the projects one a row. Pasted one cell per
paragraph, none of its sums was checked: 支出总额 is no top row, “其中:公用经费” was taken for the top row 公用经费, and
the empty 其中 rows kept the projects from being held against 项目支出. The document below is our own, with our own
figures, in that layout.
"""

from __future__ import annotations

from tests.audit.audit_helpers import checked, found


def _block(total_2023: str = "1004.70", public_2023: str = "78.60", road_2023: str = "205.25",
           special: tuple[str, ...] = ()) -> str:
    cells = ["2023年度部门整体支出绩效评价基础数据表", "经费控制情况(万元)", "2022年决算数", "2023年预算数", "2023年决算数",
             "支出总额", "980.50", "1010.20", total_2023,
             "基本支出", "610.30", "640.00", "632.45",
             "    其中:公用经费", "75.20", "80.00", public_2023,
             "项目支出", "370.20", "370.20", "372.25",
             "   其中:1、运行维护经费", "          2、专项资金", *special, "(每个专项一行)",
             "乡村道路养护", "200", "210", road_2023,
             "河道保洁补助", "120.20", "110.20", "117",
             "三公经费", "   1、公务用车购置和维护经费", "4.10", "6", "3.95",
             "       其中:公车购置", "             公车运行维护", "4.10", "6", "3.95",
             "   2、出国经费", "   3、公务接待", "政府采购金额", "——",
             "说明:项目支出填基本支出以外的全部支出。"]
    return "\n\n".join(cells) + "\n"


def test_total_spending_basic_and_project_rows_are_checked() -> None:
    assert found(_block()) == []
    assert checked(_block(), "table_control") == [
        ("1004.70", ("372.25", "632.45")),  # 支出总额 = 基本支出 + 项目支出, each column
        ("1010.20", ("370.20", "640.00")),
        ("3.95", ("3.95",)),  # 公务用车 ≥ its filled 其中 row (公车购置 left empty)
        ("370.20", ("110.20", "210")),  # 项目支出 ≥ the projects (the empty 其中 rows add nothing)
        ("370.20", ("120.20", "200")),
        ("372.25", ("117", "205.25")),
        ("4.10", ("4.10",)),
        ("6", ("6",)),
        ("610.30", ("75.20",)),  # 基本支出 ≥ its 其中:公用经费
        ("632.45", ("78.60",)),
        ("640.00", ("80.00",)),
        ("980.50", ("370.20", "610.30")),
    ]


def test_wrong_total_spending_is_an_error() -> None:
    assert found(_block(total_2023="1014.70")) == [("table_control", "错误", "第17行", "1014.70", "1004.70")]


def test_public_costs_above_basic_spending_is_an_error() -> None:
    assert found(_block(public_2023="700.00")) == [("table_control", "错误", "第25行", "632.45", "≥700.00")]


def test_projects_above_project_spending_is_an_error() -> None:
    assert found(_block(road_2023="285.25")) == [("table_control", "错误", "第41行", "372.25", "≥402.25")]


def test_projects_under_a_filled_numbered_row_are_not_counted_twice() -> None:
    # 2、专项资金 filled: the projects after it are its items, not further parts of 项目支出 (320.20 + 320.20 > 370.20)
    text = _block(special=("320.20", "320.20", "322.25"))
    assert found(text) == []
    assert [s for s, _ in checked(text, "table_control") if s.startswith("37")] == []
