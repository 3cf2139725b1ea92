"""Table rules on written examples: a score against whether its target was met, a 分值 layout over 100
points, first-level 分值 fixed by the form's note, long columns whose difference only the worst case of
rounding covers, and amount tables rebuilt from flattened text."""

from __future__ import annotations

from decimal import Decimal

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


def test_points_over_one_hundred_with_a_total_of_the_indicators_alone_is_a_hint() -> None:
    funds = ("项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
             "年度资金总额\t20\t20\t20\t10\t100.00%\t10\n")
    ind = ("一级指标\t二级指标\t三级指标\t分值\t得分\n"
           "产出指标\t数量指标\t安装标尺\t60\t60\n"
           "效益指标\t社会效益指标\t受益人口\t30\t30\n"
           "满意度指标\t满意度\t群众满意度\t10\t10\n"
           "总分\t\t\t100\t100\n")
    text = funds + "\n" + ind
    got = {(f.rule, f.severity, f.stated, f.expected) for f in audit_text(text).findings}
    # the 总分 equals the indicator rows alone: it closes the indicator block, the 资金 row stands outside (提示)
    assert got == {("table_weight_sum", "提示", "100", "110"), ("table_score_sum", "提示", "100", "110")}
    # a 总分 matching neither the indicators (100) nor indicators and funds (110) stays an 错误
    odd = {(f.rule, f.severity, f.stated, f.expected)
           for f in audit_text(text.replace("总分\t\t\t100\t100", "总分\t\t\t105\t105")).findings}
    assert odd == {("table_weight_sum", "错误", "105", "110"), ("table_score_sum", "错误", "105", "110")}
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


def test_expenditure_total_against_its_fund_columns() -> None:
    # 财政拨款收支总表, expenditure side: 合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算 on every row
    text = ("收入\t\t支出\n"
            "项目\t预算数\t项目\t合计\t一般公共预算\t政府性基金预算\t国有资本经营预算\n"
            "一、本年收入\t78.50\t一、本年支出\t78.50\t78.50\t\t\n"
            "一般公共预算资金\t78.50\t一般公共服务支出\t64.05\t64.05\t\t\n"
            "\t\t社会保障和就业支出\t8.45\t8.54\t\t\n"
            "\t\t卫生健康支出\t5.91\t5.91\t\t\n")
    got = {(f.rule, f.severity, f.location, f.stated, f.expected) for f in audit_text(text).findings}
    assert got == {("table_sum", "错误", "第5行（表1 第5行 合计）", "8.45", "8.54"),
                   ("table_sum", "错误", "第3行（表1 第3行 合计）", "78.50", "78.41")}
    (f,) = [f for f in audit_text(text).findings if f.location.startswith("第5行")]
    assert f.quote.endswith("社会保障和就业支出 | 8.45 | 8.54 |  | ")  # the expenditure side's cells only


def test_prose_cell_broken_at_a_space_is_read_whole() -> None:
    text = ("项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 200 200 180 10 90% 9 "
            "年度总体目标 预期目标 实际完成情况 项目申请资金2026400元,其中村级组织运转400000元,村民组长基本报酬252000元,村民监督委员会 "
            "工资28000元,村级事务补助960000元。 绩效指标\n")
    sums = [(f.severity, f.stated, f.expected) for f in audit_text(text).findings if f.rule == "sum"]
    assert sums == [("提示", "2026400元", "1640000.00元")]


def test_fund_rows_without_figures_stay_rows() -> None:
    text = ("项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
            "| 年度资金总额 | 7.29 | 7.29 | 7.29 | 10.00 | 100% | 10.00 |\n"
            "| 其中:当年财政拨款 | 7.29 | 7.29 | 7.30 | | 100% | |\n"
            "| 上年结转资金 | | | | | | |\n"
            "| 其他资金 | | | | | | |\n"
            "| 年度 总体 目标 | 预期目标 | 实际完成情况 |\n")
    (funds,) = document_from_text(text).tables
    assert [r[0].text for r in funds.rows] == ["项目", "年度资金总额", "其中:当年财政拨款", "上年结转资金", "其他资金"]
    got = {(f.rule, f.stated, f.expected) for f in audit_text(text).findings}
    assert got == {("table_sum", "7.29", "7.30")}  # a 其中 part above its total (7.30 ÷ 7.29 still rounds to 100%)


SANGONG = ("“三公”经费支出决算表\n单位：万元\n"
           "一般公共预算财政拨款“三公”经费\t\t\t\t\t\t\t\t\t\t\t\t机关运行经费决算数\n"
           "合计\t\t因公出国（境）费\t\t公务用车购置及运行费\t\t\t\t\t\t公务接待费\t\t\n"
           "\t\t\t\t小计\t\t公务用车购置费\t\t公务用车运行费\t\t\t\t\n"
           "预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t\n"
           "22.00\t8.77\t\t\t14.00\t8.47\t\t\t14.00\t8.47\t8.00\t0.30\t325.88\n")


def test_column_totals_under_a_header_tree() -> None:
    report = audit_text(SANGONG)
    assert report.findings == []
    # 合计 and 小计, for 预算数 and 决算数: four relations checked
    assert sorted((r.stated, r.operands) for r in report.relations if r.rule == "table_sum") == [
        (Decimal("8.47"), (Decimal(0), Decimal("8.47"))),
        (Decimal("8.77"), (Decimal(0), Decimal("8.47"), Decimal("0.30"))),
        (Decimal("14.00"), (Decimal(0), Decimal("14.00"))),
        (Decimal("22.00"), (Decimal(0), Decimal("14.00"), Decimal("8.00"))),
    ]
    wrong = SANGONG.replace("22.00\t8.77", "22.00\t8.87")
    assert [(f.rule, f.severity, f.location, f.stated, f.expected) for f in audit_text(wrong).findings] == [
        ("table_sum", "错误", "第7行（表1 第5行 合计 决算数）", "8.87", "8.77")]
    sub = SANGONG.replace("14.00\t8.47\t\t\t14.00", "14.00\t8.47\t\t\t12.00")  # 运行费 预算 12.00 under a 小计 of 14.00
    assert [(f.stated, f.expected) for f in audit_text(sub).findings] == [("14.00", "12.00")]
    # a blank 小计 stands for its group's columns added up: 100 + (692 + 4612) + 430 = 5834
    blank = ("合计\t因公出国\t公务用车购置及运行维护\t\t\t公务接待费\n"
             "\t\t小计\t公务用车购置\t公车运行及维护\t\n"
             "5834\t100\t\t692\t4612\t430\n")
    assert audit_text(blank).findings == []
    assert [(f.stated, f.expected) for f in audit_text(blank.replace("5834", "5843")).findings] == [("5843", "5834")]


def test_prose_amount_against_the_same_item_in_a_table() -> None:
    prose = ("本单位2023年“三公”经费预算为500万元，其中：因公出国（境）费20万元，公务接待费85万元，"
             "公务用车购置及运行维护费395万元。\n")
    table = ("2023年“三公”经费预算表\n单位：万元\n项目\t预算数\n合计\t500\n1.因公出国（境）费用\t20\n2.公务接待费\t58\n"
             "3.公务用车购置及运行维护费\t395\n")
    got = _found(prose + table, "table_text")
    assert got == [("提示", "第1行", "85万元", "58万元")]
    assert _found(prose + table.replace("\t58", "\t85"), "table_text") == []
    # the table in 元: 850000 元 is 85 万元
    in_yuan = table.replace("单位：万元", "单位：元").replace("\t500\n", "\t5000000\n").replace("\t20\n", "\t200000\n")
    in_yuan = in_yuan.replace("\t58\n", "\t850000\n").replace("\t395\n", "\t3950000\n")
    assert _found(prose + in_yuan, "table_text") == []
    # no unit note: 58 could be in any unit; not judged
    assert _found(prose + table.replace("单位：万元\n", ""), "table_text") == []


def test_prose_amount_goes_to_the_column_its_sentence_names() -> None:
    table = "项目\t预算数\t决算数\n合计\t120.00\t110.00\n公务接待费\t20.00\t12.50\n会议费\t100.00\t97.50\n"
    caption = "支出情况表（单位：万元）\n"
    spent = "全年公务接待费支出12.50万元，会议费决算97.50万元。\n"
    assert _found(caption + table + spent, "table_text") == []
    assert sorted(r.stated for r in audit_text(caption + table + spent).relations if r.rule == "table_text") == [
        Decimal("12.50"), Decimal("97.50")]
    wrong = "全年公务接待费支出15.20万元。\n"
    assert _found(caption + table + wrong, "table_text") == [("提示", "第6行", "15.20万元", "12.50万元")]
    unclear = "公务接待费15.20万元。\n"  # neither 预算 nor 支出: which column?
    assert _found(caption + table + unclear, "table_text") == []


def test_a_criterion_granting_bonus_points_allows_a_score_above_the_weight() -> None:
    # a village-works scoring sheet: one criterion adds points for leaders' instructions (at most 2 more)
    text = ("序号\t一级指标\t二级指标\t评分标准\t分值\t评分\n"
            "1\t过程\t工作部署\t纳入年度重点工作得1分；上级领导批示肯定的每次加1分，最多加2分\t1\t{bonus}\n"
            "2\t过程\t制度建设\t管护制度健全得2分\t2\t{plain}\n"
            "3\t过程\t宣传发动\t召开动员会得1分，有宣传简报的加分\t1\t2\n")
    assert _found(text.format(bonus="3", plain="2"), "table_score_le_max") == []  # 3 ≤ 1 + 2; row 3 names no figure
    assert _found(text.format(bonus="4", plain="3"), "table_score_le_max") == [
        ("错误", "第2行（表1 第2行 评分）", "4", "≤3"),
        ("错误", "第3行（表1 第3行 评分）", "3", "≤2"),
    ]
    # without a stated cap every bonus figure counts: 1 + 0.5 + 1 above the 分值 2
    alt = ("序号\t一级指标\t评分标准\t分值\t评分\n"
           "1\t投入\t按人均5元安排得2分；达到人均10元加0.5分，上级有补助加1分\t2\t{}\n"
           "2\t投入\t资金整合得2分\t2\t2\n")
    assert _found(alt.format("3.5"), "table_score_le_max") == []
    assert _found(alt.format("4"), "table_score_le_max") == [("错误", "第2行（表1 第2行 评分）", "4", "≤3.5")]
