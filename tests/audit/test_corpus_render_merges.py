"""corpus_render.merges: equal label cells become one merged cell again; amounts never do, with or without a unit."""

from __future__ import annotations

from tests.audit.corpus_render import merges


def test_equal_labels_merge_across_and_down() -> None:
    rows = [
        ["规划 (15分)", "基础信息", "3"],
        ["规划 (15分)", "工作计划", "3"],
        ["执行", "执行", "5"],
    ]
    assert merges(rows) == [(2, 0, 2, 1), (0, 0, 1, 0)]


def test_amounts_with_a_unit_are_not_merged() -> None:
    rows = [
        ["年度资金总额:", "3359.62万", "3359.62万", "100%", "100%"],
        ["其中:中央财政资金", "829.3万元", "829.3万元", "100%", "100%"],
        ["地方资金", "12元", "12元", "0", "0"],
    ]
    assert merges(rows) == []


def test_text_that_only_starts_with_a_figure_still_merges() -> None:
    rows = [["2023年度", "2023年度"], ["30万以上", "30万以上"]]
    assert merges(rows) == [(0, 0, 0, 1), (1, 0, 1, 1)]
