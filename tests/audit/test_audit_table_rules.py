"""Table rules on written examples: a score against whether its target was met, a 分值 layout over 100
points, first-level 分值 fixed by the form's note, long columns whose difference only the worst case of
rounding covers, and amount tables rebuilt from flattened text."""

from __future__ import annotations

from jixiao.audit import audit_text
from jixiao.audit.documents import document_from_text

HEAD = "一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"


def _found(text: str, rule: str) -> list[tuple[str, str, str, str]]:
    return [(f.severity, f.location, f.stated, f.expected) for f in audit_text(text).findings if f.rule == rule]


def test_met_target_scored_below_full_and_missed_target_in_full_are_hints() -> None:
    text = ("项目支出绩效自评表\n" + HEAD
            + "产出指标\t数量指标\t检查次数\t≥\t12\t次\t12\t20\t18\t\n"  # met (12 ≥ 12), 2 points off, no reason
            + "\t质量指标\t整改完成率\t≥\t95\t%\t90\t20\t20\t\n"  # missed (90 < 95), full marks
            + "\t时效指标\t按期完成率\t﹦\t100\t%\t100\t20\t17\t个别项目延期验收\n"  # met, reason given: silent
            + "效益指标\t社会效益指标\t群众知晓度\t\t明显提高\t\t明显提高\t30\t30\t\n"  # same words, full: fine
            + "满意度指标\t满意度\t服务对象满意度\t≤\t5\t%\t6\t10\t10\t\n")  # a ceiling exceeded, full marks
    assert _found(text, "table_score_target") == [
        ("提示", "第3行（表1 第2行 得分）", "18", "20"),
        ("提示", "第4行（表1 第3行 得分）", "20", "<20"),
        ("提示", "第7行（表1 第6行 得分）", "10", "<10"),
    ]
    stated = text + "说明：达到年度指标值的得满分，未达到的按比例扣分。\n"
    assert [f[0] for f in _found(stated, "table_score_target")] == ["错误", "提示", "提示"]


def test_points_over_one_hundred_cannot_leave_the_funds_out() -> None:
    funds = ("项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
             "年度资金总额\t20\t20\t20\t10\t100.00%\t10\n")
    ind = ("一级指标\t二级指标\t三级指标\t分值\t得分\n"
           "产出指标\t数量指标\t安装标尺\t60\t60\n"
           "效益指标\t社会效益指标\t受益人口\t30\t30\n"
           "满意度指标\t满意度\t群众满意度\t10\t10\n"
           "总分\t\t\t100\t100\n")
    text = funds + "\n" + ind
    got = {(f.rule, f.severity, f.stated, f.expected) for f in audit_text(text).findings}
    assert got == {("table_weight_sum", "错误", "100", "110"), ("table_score_sum", "错误", "100", "110")}
    # the indicators at 90: a 总分 of 100 with the funds is right, one of 90 without them too
    ninety = text.replace("产出指标\t数量指标\t安装标尺\t60\t60", "产出指标\t数量指标\t安装标尺\t50\t50")
    assert audit_text(ninety).findings == []
    assert audit_text(ninety.replace("总分\t\t\t100\t100", "总分\t\t\t90\t90")).findings == []


def test_first_level_points_fixed_by_the_note() -> None:
    text = ("一级指标\t二级指标\t三级指标\t分值\t得分\n"
            "产出指标（60分）\t数量指标\t安装标尺\t60\t60\n"
            "效益指标（30分）\t社会效益指标\t受益人口\t30\t30\n"
            "满意度指标（10分）\t满意度\t群众满意度\t10\t10\n"
            "总分\t\t\t100\t100\n"
            "注：一级指标分值统一为：产出指标50分、效益指标30分、满意度指标10分、预算执行率10分。\n")
    assert _found(text, "table_weight_sum") == [("提示", "第2行（表1 第2行 一级指标）", "60", "50")]


def test_long_column_off_by_more_than_rounding_plausibly_gives_is_a_hint() -> None:
    rows = [f"支出{k}\t{k}.01\n" for k in range(1, 21)]  # 20 rows adding to 210.20
    text = "支出内容\t实际支出数\n" + "".join(rows) + "支出合计\t{}\n"
    assert _found(text.format("210.20"), "table_sum") == []
    assert _found(text.format("210.22"), "table_sum") == []  # two cents over twenty rows: 尾差
    assert _found(text.format("210.28"), "table_sum") == [("提示", "第22行（表1 第22行 实际支出数）", "210.28", "210.20")]
    assert _found(text.format("210.40"), "table_sum") == [("错误", "第22行（表1 第22行 实际支出数）", "210.40", "210.20")]


def test_amount_table_rebuilt_from_cells_one_per_line() -> None:
    text = "\n".join(["支出内容", "计划支出数", "实际支出数", "基本工资", "118.91", "129.20", "办公费", "149.35", "39.05",
                      "差旅费", "45", "28.88", "支出合计", "313.26", "198.13", "", "二、绩效目标完成情况", "全部完成。"])
    (table,) = document_from_text(text).tables
    assert table.form == "ledger"
    assert [[c.text for c in row] for row in table.rows] == [
        ["支出内容", "计划支出数", "实际支出数"], ["基本工资", "118.91", "129.20"], ["办公费", "149.35", "39.05"],
        ["差旅费", "45", "28.88"], ["支出合计", "313.26", "198.13"]]
    # 118.91 + 149.35 + 45 = 313.26 holds; 129.20 + 39.05 + 28.88 = 197.13, not 198.13
    assert _found(text, "table_sum") == [("错误", "第15行（表1 第5行 实际支出数）", "198.13", "197.13")]


def test_cells_one_per_line_keep_their_columns_and_the_declared_block_is_a_total() -> None:
    # a 自评表 pasted from a web page: every cell followed by " |", empty cells as a bare "|"; the 原因 cell of
    # the 总额 row holds a long note; "绩效指标(90分)" stands over the indicators, the 资金 block gives the other 10
    cells = ["预算执行情况(10分)", "年度预算数(万元)", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分",
             "原因", "总额", "238.93", "251.89", "251.89", "100.00%", "10", "", "执行率=执行数/调整后预算数，低于90%的写明原因",
             "其中:财政资金", "238.93", "251.89", "251.98", "100.00%", "/", "/", "",
             "单位资金", "0.00", "0.00", "0.00", "0.00%", "/", "/", "",
             "绩效指标(90分)", "一级指标", "二级指标", "三级指标", "指标值", "完成值", "权重", "得分", "未完成原因分析",
             "产出指标", "数量指标", "发放覆盖率", "100%", "100%", "60", "", "",
             "效益指标", "社会效益指标", "足额保障率", "100%", "100%", "30", "", "",
             "合计", "100", ""]
    text = "\n".join(f"{c} |" if c else "|" for c in cells) + "\n"
    funds, ind = document_from_text(text).tables
    assert (funds.form, ind.form) == ("funds", "indicators")
    assert [c.text for c in funds.rows[1]] == ["总额", "238.93", "251.89", "251.89", "100.00%", "10", "", ""]
    assert [f for f in audit_text(text).findings if f.rule in ("table_weight_sum", "table_score_sum")] == []
    got = {(f.rule, f.severity, f.location, f.stated, f.expected) for f in audit_text(text).findings}
    # 财政资金 251.98 above its 总额 251.89; its own 执行率 251.98/251.89 = 100.04%
    assert got == {("table_sum", "错误", "第13行（表1 第2行 预算执行数）", "251.89", "251.98"),
                   ("table_rate", "错误", "第22行（表1 第3行 预算执行率）", "100.00%", "100.04%")}
    wrong = text.replace("绩效指标(90分) |", "绩效指标(80分) |")
    assert [(f.rule, f.stated, f.expected) for f in audit_text(wrong).findings if f.rule == "table_weight_sum"] == [
        ("table_weight_sum", "80", "90")]
    # one figure on the 合计 row (分值 or 得分 total?): 60 + 30 + the 资金 block's 10 = 100, so 110 is a 提示
    over = text.replace("合计 |\n100 |", "合计 |\n110 |")
    assert [(f.rule, f.severity, f.stated, f.expected) for f in audit_text(over).findings
            if f.rule == "table_weight_sum"] == [("table_weight_sum", "提示", "110", "100")]
