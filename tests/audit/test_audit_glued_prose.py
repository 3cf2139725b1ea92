"""A paragraph that runs a glued target table into its prose ("……完成率产出目标培训场次>=10场12场120%……" and then
"本项目安排资金20万元，……"), as held-out-12's fujian-ningde mirror page, written on one line. The glued cells made
the whole paragraph a dump of figures, so none of its sentences was read. Now its stretches between sentence ends
(and the ",," a web copy leaves for a line break) are read, each unless it is a dump itself. Our own words and
figures.
Since session 14 the glued cells themselves are read as a target table (绩效目标值 | 实际完成值 | 完成率, rule
table_completion): its 满意度 row, 95% ÷ 90% = 105.56% stated as 105%, is a 提示 (truncation or a slip: the form does not
say which), beside the prose findings."""

from __future__ import annotations

from tests.audit.audit_helpers import checked, found

_COMPLETION = ("table_completion", "提示", "第1行（表1 第4行 完成率）", "105%", "106%")

_TEXT = (
    "培训项目绩效目标如下表:评价内容目标值实际完成值完成率产出目标培训场次>=10场12场120%覆盖人数>=500人450人90%"
    "满意度>=90%95%105%,,本项目安排资金20万元,实际支出{spent}万元,执行率90%,,"
    "其中:项目立项6分,绩效目标5分,资金管理9分,组织实施8分,数量目标18分,社会效益目标25分,服务对象满意度{sat}分,总得分{total},,"
)


def test_the_prose_after_glued_cells_is_read() -> None:
    text = _TEXT.format(spent="18", sat="10", total="81")
    assert checked(text, "rate") == [("90", ("18", "20"))]
    assert checked(text, "score_total") == [("81", ("10", "18", "25", "5", "6", "8", "9"))]
    assert found(text) == [_COMPLETION]


def test_errors_in_that_prose_are_found() -> None:
    assert found(_TEXT.format(spent="17", sat="10", total="83")) == [
        ("rate", "错误", "第1行", "90%", "85.00%"),
        ("score_total", "提示", "第1行", "83", "81"),
        _COMPLETION,
    ]


def test_the_glued_cells_themselves_stay_unread() -> None:
    # 12场 of >=10场 as 120% would be a rate, but the stretch holding it is glued cells: no rule reads it
    assert [r for r in checked(_TEXT.format(spent="18", sat="10", total="81"), "rate") if r[0] == "120"] == []
