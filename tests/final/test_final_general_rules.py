"""The auditor's general prose rules on 决算 text: what a 决算 writes must bind to the right figures.

Each sentence is from the labelled 决算 documents (tests/final/corpus) or built on their pattern; the
assertions are the exact findings (none where the sentence is right, one where a figure was altered).
"""

from __future__ import annotations

from pathlib import Path

from jixiao.audit.api import audit_path, audit_text


def _general(text: str) -> list[tuple[str, str, str, str]]:
    report = audit_text(text)
    return [(f.rule, f.severity, f.stated, f.expected) for f in report.findings if not f.rule.startswith("final_")]


def test_a_three_public_change_speaks_of_the_spending_not_the_budget() -> None:
    # Xinjiang: 预算 1.00, 决算 0.42, 比上年减少 0.18 → 0.18 ÷ 0.60 = 30.00% (not ÷ 1.18, the budget's reading)
    right = "2023年度“三公”经费财政拨款支出预算为1.00万元，支出决算为0.42万元，完成预算的42.00%，比上年减少0.18万元，下降30.00%。"
    assert _general(right) == []
    assert _general(right.replace("下降30.00%", "下降35.00%")) == [("yoy", "错误", "35.00%", "30.00%")]
    # Chongqing: 预算数 32.00, 决算数 26.46, 较上年减少 2.64 → 2.64 ÷ 29.10 = 9.07%
    assert _general("2023年度“三公”经费预算数32.00万元，决算数26.46万元，完成预算的82.69%，较上年减少2.64万元，下降9.07%。") == []
    # a budget alone is the subject when the clause states nothing else
    assert _general("2023年度年初预算为50.00万元，比上年增加10.00万元，增长20.00%。") == [("yoy", "错误", "20.00%", "25.00%")]


def test_paired_changes_are_not_read_as_a_last_year_figure() -> None:
    # Sichuan: "各减少A、B万元" — B stands after the change word; it is the second change, not last year's total
    text = "2022年度收、支总计各是4125.49、4143.91万元。与2021年相比，收、支总计各减少1267.86、2570.97万元，各下降23.51%、38.28%。"
    assert _general(text) == []
    # a last-year figure before the change word is still read as one
    assert _general("本年支出100.00万元，比上年80.00万元增加20.00万元，增长20.00%。") == [("yoy", "错误", "20.00%", "25.00%")]


def test_zero_items_with_zero_shares_add_up() -> None:
    # Xinjiang: a 其中 list whose empty items are stated as "0.00万元，占0.00%"
    text = ("本年支出合计434.16万元，其中：基本支出301.27万元，占69.39%；项目支出132.89万元，占30.61%；上缴上级支出0.00万元，"
            "占0.00%；经营支出0.00万元，占0.00%；对附属单位补助支出0.00万元，占0.00%。")
    assert _general(text) == []
    assert _general(text.replace("项目支出132.89万元", "项目支出123.89万元").replace("占30.61%", "占28.54%")) == [
        ("sum", "错误", "434.16万元", "425.16万元")]


def test_a_list_of_spending_under_a_head_with_budget_and_spending() -> None:
    # Chongqing: the head states 预算数 and 决算数; the items state the spending (one of them its budget too):
    # they add up to the 决算数 (0.00 + 24.60 + 1.86 = 26.46), which is the list's total
    text = ("2023年度“三公”经费预算数32.00万元，决算数26.46万元，完成预算的82.69%。其中：因公出国（境）费0.00万元；"
            "公务用车运行维护费预算数29.00万元，决算数24.60万元，完成预算的84.83%；公务接待费1.86万元，共接待12批次、96人次。")
    assert _general(text) == []


def test_general_rules_on_the_labelled_final_accounts(rendered: dict[str, dict[str, Path]]) -> None:
    """Every finding of the general rules on the six labelled 决算 is a labelled inconsistency (real or planted)."""
    got = {name: sorted((f.rule, f.severity, f.stated, f.expected) for f in audit_path(files["docx"]).findings
                        if not f.rule.startswith("final_")) for name, files in rendered.items()}
    assert got == {
        "chongqing-layout-qijiang-glsw-2023": [("sum", "提示", "1,286.40万元", "1268.40万元"),  # planted 政府采购
                                               ("sum", "错误", "10辆", "9辆")],  # planted p60 (辆 a unit: session 13)
        "shaanxi-layout-jinhua-jzglz-2021": [("rate", "错误", "27.22%", "105.76%"),  # real
                                             ("share", "提示", "77.42%", "77.43%"),  # planted
                                             ("yoy", "错误", "6.76%", "6.61%")],  # real
        "shanghai-putuo-sthjj-2025": [("share", "提示", "79.06%", "79.07%")],  # planted
        "sichuan-layout-dyrmt-2022": [("share", "错误", "6.65%", "6.55%")],  # planted
        "xinjiang-layout-urumqi-zwfw-2023": [("share", "提示", "30.60%", "30.61%"),  # planted; no yoy on the 预算数,
                                             # planted (label p57): the prose 人员经费 against the table's 人员经费合计
                                             ("table_text", "提示", "260.12万元", "260.21万元")],
        # no table_text on 公务接待费's 预算 (its 决算 is the table's)
        # planted table_text; the rate is labelled consistent (30,530 ÷ 38,000 元 = 80.34%) but the auditor's
        # tolerance takes a rate more than one unit from 3.05 ÷ 3.80 = 80.26% as an 错误 even when amounts within
        # their rounding reach it (audit.tolerance, left as it is): one false 错误, known
        "yunnan-daguan-tianxing-wsy-2021": [("rate", "错误", "80.34%", "80.26%"), ("table_text", "提示", "0.62万元", "9,150.00元")],
    }
