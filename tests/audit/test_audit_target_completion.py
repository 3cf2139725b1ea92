"""An indicator's 完成率 against 实际完成值 ÷ 指标值 (jixiao.audit.rules.table_completion), in a target table glued into
one paragraph with no separators (福建-style 自评报告: 绩效内容 | 绩效目标值 | 实际完成值 | 累计完成率, read by
jixiao.audit.glued with the "targets" form) and in a | table (新疆-style 自评表 with a 完成率 column). The text is ours;
every expectation computed by hand."""

from __future__ import annotations

from jixiao.audit.documents import document_from_text
from tests.audit.audit_helpers import checked, found

GLUED = ("二、绩效目标完成情况。本项目年度绩效目标如下表:评价内容绩效内容绩效目标值实际完成值累计完成率"
         "产出目标数量目标当年新建社区书屋数量>=4个3个75%当年举办读书活动次数>=30次{n}次{r}%"
         "质量目标居民对书屋服务的知晓率>=90%96%107%图书采购资金到位率>=100%100%100%"
         "(三)项目资金管理情况本项目安排资金20万元,其中:图书采购12万元,活动经费8万元。\n")


def glued(n: int = 45, r: int = 150) -> str:
    return GLUED.format(n=n, r=r)


def test_a_glued_target_table_read_and_its_rates_checked() -> None:
    text = glued()
    table = document_from_text(text).tables[0]
    # the body ends at "(三)": the heading after the last rate's % is the report going on
    assert [[c.text for c in row] for row in table.rows] == [
        ["项目", "绩效目标值", "实际完成值", "累计完成率"],
        ["产出目标数量目标当年新建社区书屋数量", ">=4个", "3个", "75%"],
        ["当年举办读书活动次数", ">=30次", "45次", "150%"],
        ["质量目标居民对书屋服务的知晓率", ">=90%", "96%", "107%"],
        ["图书采购资金到位率", ">=100%", "100%", "100%"]]
    # 3/4 = 75%, 45/30 = 150%, 96/90 = 106.67 -> 107%, 100/100
    assert checked(text, "table_completion") == [("100", ("100", "100")), ("107", ("90", "96")),
                                                 ("150", ("30", "45")), ("75", ("3", "4"))]
    assert found(text) == []


def test_a_rate_that_is_not_the_result_over_the_target() -> None:
    # 42 of 30 is 140%, the table says 150%
    assert found(glued(n=42)) == [("table_completion", "提示", "第1行（表1 第3行 累计完成率）", "150%", "140%")]


PIPES = ("2023年度项目支出绩效自评表\n"
         "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 指标实际完成值 | 完成率 | 分值 | 得分\n"
         "产出指标 | 数量指标 | 培训农民人数 | ≥200人 | 230人 | {a} | 20 | 20\n"
         "产出指标 | 质量指标 | 培训合格率 | ≥95% | 97% | 100% | 20 | 20\n"
         "产出指标 | 成本指标 | 人均培训成本 | ≤500元 | 450元 | 111% | 10 | 10\n"
         "效益指标 | 社会效益指标 | 带动增收户数 | 120户 | 96户 | {b} | 20 | 16\n"
         "满意度指标 | 服务对象满意度指标 | 学员满意度 | ≥90% | 92人 | 102% | 10 | 10\n")


def pipes(a: str = "115%", b: str = "80%") -> str:
    return PIPES.format(a=a, b=b)


def test_a_pipe_table_with_a_completion_column() -> None:
    text = pipes()
    # 230/200 = 115%; 97% over ≥95% capped at 100%; 96/120 = 80%. Not judged: 人均培训成本 (a ≤ target: lower is
    # better), 学员满意度 (92人 against a 90% target: units differ)
    assert checked(text, "table_completion") == [("100", ("95", "97")), ("115", ("200", "230")), ("80", ("120", "96"))]
    assert found(text) == []
    assert found(pipes(a="125%", b="75%")) == [
        ("table_completion", "提示", "第3行（表1 第2行 完成率）", "125%", "115%"),
        ("table_completion", "提示", "第6行（表1 第5行 完成率）", "75%", "80%")]
