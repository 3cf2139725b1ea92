"""The 其他重要事项 rules (机关运行经费, 政府采购, 人员与车辆) on 情况说明 text, each relation exact."""

from __future__ import annotations

from decimal import Decimal

from jixiao.audit.rules import rule_names, select_rules
from jixiao.final.analyse import RULE_TITLES
from jixiao.final.checks import Check
from jixiao.final.matters import operating_costs, procurement, staffing
from jixiao.final.model import Amount, FinalAccounts, FinalTable, Line, Source


def _fa(*lines: str, public: str | None = None, in_three_table: str | None = None) -> FinalAccounts:
    fa = FinalAccounts(path="x.docx", prose=[(t, None) for t in lines])
    src = Source("一般公共预算财政拨款基本支出决算表", "公用经费合计", "决算数", "表6 第20行第6列")
    if public is not None:
        fa.tables["gpb_basic"] = FinalTable("gpb_basic", "一般公共预算财政拨款基本支出决算表", "万元", 6, lines=[
            Line("公用经费合计", {"actual": Amount(Decimal(public), public, "万元", src)})])
    if in_three_table is not None:
        three_src = Source("财政拨款“三公”经费、行政参公单位机关运行经费情况表", "机关运行经费", "决算数", "表10 第9行第3列")
        fa.tables["three_public"] = FinalTable("three_public", "财政拨款“三公”经费、行政参公单位机关运行经费情况表", "万元", 10, lines=[
            Line("财政拨款“三公”经费", {"operating.actual": Amount(Decimal(in_three_table), in_three_table, "万元", three_src)})])
    return fa


def _got(checks: list[Check]) -> list[tuple[str, str, str]]:
    return [(c.stated, c.expected, "ok" if c.ok else str(c.severity)) for c in checks]


def test_rules_are_listed_and_switchable() -> None:
    for name in ("final_operating_costs", "final_procurement", "final_staffing"):
        assert name in RULE_TITLES and name in rule_names()
        assert name not in [r.name for r in select_rules([name])]


def test_operating_costs_against_public_funds_or_its_own_table() -> None:
    servant = "本单位为参照公务员法管理的事业单位。"
    line = "2023年度本单位机关运行经费支出228.41万元，较上年减少11.79万元，下降4.91%。"
    assert _got(operating_costs(_fa(servant, line, public="228.14"))) == [("228.41", "228.14", "错误")]
    # the unit's kind unstated: the 公用经费 reading is an assumption, so a 提示 that names it
    unstated = operating_costs(_fa(line, public="228.14"))
    assert _got(unstated) == [("228.41", "228.14", "提示")] and "本单位性质未写明" in unstated[0].explanation
    assert _got(operating_costs(_fa(servant, line.replace("228.41", "228.14"), public="228.14"))) == [("228.14", "228.14", "ok")]
    # a template whose “三公” table carries 机关运行经费 is compared with that cell, not with 公用经费
    assert _got(operating_costs(_fa(line, public="228.14", in_three_table="228.41"))) == [("228.41", "228.41", "ok")]


def test_procurement_sum_and_shares() -> None:
    text = ("2023年度政府采购支出总额1,286.40万元，其中：政府采购货物支出68.40万元、政府采购工程支出820.00万元、政府采购服务支出380.00万元。"
            "授予中小企业合同金额1,126.40万元，占政府采购支出总额的87.55%，其中：授予小微企业合同金额902.30万元，占授予中小企业合同金额的80.10%。")
    assert _got(procurement(_fa(text))) == [("1,286.40", "1,268.40", "错误"), ("87.55%", "87.56%", "错误"), ("80.10%", "80.10%", "ok")]
    # two of the three kinds named and falling short: the list may be partial, no finding
    partial = "政府采购支出总额604.84万元，其中：政府采购货物支出84.20万元、政府采购工程支出500.00万元。"
    assert procurement(_fa(partial)) == []
    plug = "政府采购支出总额100.01万元，其中：政府采购货物支出50.00万元、政府采购工程支出0.00万元、政府采购服务支出50.00万元。"
    assert _got(procurement(_fa(plug))) == [("100.01", "100.00", "提示")]


def test_staffing_and_vehicle_counts() -> None:
    text = ("2023年末编制人数52人，实有人数49人，其中：在职人员46人，离休人员0人，退休人员4人。"
            "截至2023年12月31日，本单位共有车辆10辆，其中：一般公务用车2辆、执法执勤用车0辆、特种专业技术用车6辆、其他用车1辆。")
    assert _got(staffing(_fa(text))) == [("49", "50", "错误"), ("10", "9", "错误")]
    fine = "实有人数11人，其中：在职人员10人，离休人员0人，退休人员1人。共有车辆3辆，其中：一般公务用车1辆、其他用车2辆。"
    assert _got(staffing(_fa(fine))) == [("11", "11", "ok"), ("3", "3", "ok")]
    # kinds listed in part and falling short: the rest may be unlisted, no finding
    assert staffing(_fa("共有车辆5辆，其中：一般公务用车1辆、其他用车2辆。")) == []
