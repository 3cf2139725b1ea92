"""A 评分表 whose second-level cells state their 分值 in brackets before the name ("（10分）科学决策"), where one of
them writes it without 分 ("（10）绩效目标", not read as a 分值). Its rows are a block of their own: before, they were
added to the block above (科学决策 10 against 5 + 5 + 5 + 5 = 20) and the first-level block lost them (项目决策 20
against 10) — two false 错误 on the renderings of held-out-12 sichuan-yilong-czj-dlyh-pj-2018. A provincial 评分表
layout; this workbook is our own, figures chosen by hand."""

from __future__ import annotations

from pathlib import Path

from jixiao.audit.api import audit_path
from jixiao.audit.finding import ERROR
from tests.audit.audit_helpers import sheet_workbook

HEADER = ["一级指标", "二级指标", "三级指标", "分值", "评分标准", "得分"]


def _workbook(tmp_path: Path, second: str, first_weight: str = "5") -> Path:
    rows = [
        HEADER,
        ["（20分）项目立项", "（10分）立项依据", "政策相符性", first_weight, "符合本级规划和年度重点", "5"],
        ["", "", "程序规范性", "5", "按规定程序申报和审批", "4"],
        ["", second, "目标清晰度", "5", "目标具体、可以衡量", "5"],
        ["", "", "目标匹配度", "5", "目标与预算相匹配", "6"],
        ["（10分）项目过程", "（10分）资金管理", "资金到位率", "10", "资金按时足额到位", "10"],
    ]
    return sheet_workbook(tmp_path, "评分表", rows)


def _summed(path: Path) -> list[str]:
    return [r.location for r in audit_path(path).relations if r.rule == "table_weight_sum"]


def _errors(path: Path) -> list[tuple[str, str, str, str]]:
    report = audit_path(path)
    return [(f.rule, f.location, f.stated, f.expected) for f in report.findings if f.severity == ERROR]


def test_a_second_level_block_without_a_read_weight_keeps_its_rows(tmp_path: Path) -> None:
    # only the planted 6 of 5 is an 错误; 立项依据 10 = 5 + 5 is checked, 项目立项 20 is not summed (one of its blocks
    # has no 分值 read: its bare "（12）" is not its rows' 5 + 5), and no row of 目标设置 is added to 立项依据
    path = _workbook(tmp_path, "（12）目标设置")
    assert _errors(path) == [("table_score_le_max", "评分表!F5（表1 第5行 得分）", "6", "≤5")]
    assert _summed(path) == ["评分表!B2（表1 第2行 二级指标）", "评分表!A6（表1 第6行 一级指标）",
                             "评分表!B6（表1 第6行 二级指标）"]


def test_a_bare_bracketed_weight_equal_to_its_rows_is_read(tmp_path: Path) -> None:
    # "（10）目标设置" over 5 + 5 (held-out-12 仪陇 "(10)绩效目标"): its rows prove the bare 10 a 分值, so 目标设置 is
    # checked and 项目立项 20 = 10 + 10 is summed, as when it is written "（10分）"
    path = _workbook(tmp_path, "（10）目标设置")
    assert _errors(path) == [("table_score_le_max", "评分表!F5（表1 第5行 得分）", "6", "≤5")]
    assert _summed(path) == ["评分表!A2（表1 第2行 一级指标）", "评分表!B2（表1 第2行 二级指标）",
                             "评分表!B4（表1 第4行 二级指标）", "评分表!A6（表1 第6行 一级指标）",
                             "评分表!B6（表1 第6行 二级指标）"]


def test_the_block_before_is_still_summed_over_its_own_rows(tmp_path: Path) -> None:
    # planted: 政策相符性 6 makes 立项依据 6 + 5 = 11 against its 10
    path = _workbook(tmp_path, "（12）目标设置", first_weight="6")
    assert ("table_weight_sum", "评分表!B2（表1 第2行 二级指标）", "10", "11") in _errors(path)


def test_with_its_weight_read_both_levels_are_summed(tmp_path: Path) -> None:
    # the same block written "（10分）目标设置": 项目立项 20 = 10 + 10 and both second-level blocks are checked
    path = _workbook(tmp_path, "（10分）目标设置")
    assert _errors(path) == [("table_score_le_max", "评分表!F5（表1 第5行 得分）", "6", "≤5")]
    assert _summed(path) == ["评分表!A2（表1 第2行 一级指标）", "评分表!B2（表1 第2行 二级指标）",
                             "评分表!B4（表1 第4行 二级指标）", "评分表!A6（表1 第6行 一级指标）",
                             "评分表!B6（表1 第6行 二级指标）"]
