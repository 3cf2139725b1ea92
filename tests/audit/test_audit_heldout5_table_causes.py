"""General causes of the fifth held-out set's table misses (tests/audit/heldout5/first-run.txt: the 项目支出绩效自评表
0/12 recall), each on a short form in our own words modelled on the layout that showed it. Every expectation was
computed by hand."""

from __future__ import annotations

from jixiao.audit import audit_text
from jixiao.audit.documents import document_from_text


def found(text: str, *rules: str) -> list[tuple[str, str, str, str, str]]:
    return [(f.rule, f.severity, f.location, f.stated, f.expected) for f in audit_text(text).findings
            if not rules or f.rule in rules]


def checked(text: str, rule: str) -> list[tuple[str, tuple[str, ...]]]:
    return sorted((str(r.stated), tuple(sorted(str(o) for o in r.operands)))
                  for r in audit_text(text).relations if r.rule == rule)


# --- 1. a first-level block label whose characters were spaced out ("产 出 指 标 (40分)") -------------------------
# A merged cell printed one character a line reaches the page as "产 出 指 标": it is still a first-level block, and
# its 分值 is stated on its own line.

SPACED = ("2023年度项目绩效目标自评表 | ||||||||\n"
          "项目名称 | 某村肉牛养殖奖补项目 | 实施单位 | 某镇人民政府 | |||||\n"
          "绩效指标 | 一级 指标 |\n"
          "二级指标 | 三级指标 | 分值 | 年度指标值 | 全年实际值 | 得分 | 未完成原因及拟采取的改进措施 | ||\n"
          "产 出 指 标 (40分) |\n"
          "数量指标 | 奖补养殖户数 | 20 | 25户 | 25户 | 20 | ||||\n"
          "质量指标 | 肉牛存栏成活率 | 20 | 95% | 93% | 18 | ||||\n"
          "效 益 指 标 (30分) |\n"
          "经济效益 指标 |\n"
          "户均增收 | 20 | ≥3000元 | 3200元 | 20 | ||||\n"
          "社会效益 指标 |\n"
          "带动务工人数 | {w} | 12人 | 12人 | {w} | ||||\n"
          "总分 | {total} | {score} | |||||\n")


def test_spaced_first_level_labels_open_their_blocks() -> None:
    # 效益 (30分) over 20 + 5 = 25; 产出 (40分) = 20 + 20; 总分 65 = 20 + 20 + 20 + 5, 63 = 20 + 18 + 20 + 5
    text = SPACED.format(w=5, total=65, score=63)
    assert found(text) == [("table_weight_sum", "错误", "第8行（表1 第4行 一级 指标）", "30", "25")]
    assert ("40", ("20", "20")) in checked(text, "table_weight_sum")
    # the block's 分值 is traced to the label's own line
    lines = [r.lines[0] for r in audit_text(text).relations if r.rule == "table_weight_sum" and str(r.stated) == "40"]
    assert lines == [5]


def test_spaced_first_level_labels_that_add_up() -> None:
    text = SPACED.format(w=10, total=70, score=68)
    assert found(text) == []
    assert checked(text, "table_weight_sum") == [("30", ("10", "20")), ("40", ("20", "20")),
                                                 ("70", ("10", "20", "20", "20"))]


# --- 2. a glued 项目资金 row under "分值(10分)" with its own rule "执行率*该指标分值" ----------------------------------
# ".doc" text of a 自评表 with every separator lost: "80.540.261050%10" is 80.5 | 40.26 | 10 | 50% | 10. The header
# states the 分值 (10), so a reading that cuts "0.2610 | 5 | 0%" out of the run is not one; 得分 10 at 50 % under the
# row's own rule is an 错误 (10 × 50 % = 5).

GLUED = ("项目支出绩效自评表(2019年度)项目名称村级环境整治经费主管部门某区人民政府某街道办事处项目资金(万元) "
         "年初预算数(A)全年执行数(B)分值(10分)执行率(B/A)得分得分计算方法年度资金总额:80.540.261050%{s}"
         "执行率*该指标分值,最高不得超过分值上限。其中:本年一般公共预算拨款 80.540.26   其他资金\n")


def test_glued_funds_row_under_a_header_that_states_its_weight() -> None:
    text = GLUED.format(s=10)
    assert found(text) == [("table_score_rule", "错误", "第1行（表1 第2行 得分）", "10", "5")]
    table = document_from_text(text).tables[0]
    assert [c.text for c in table.rows[1]][:6] == ["年度资金总额:", "80.5", "40.26", "10", "50%", "10"]
    assert "incomplete" in table.notes  # the 其中 row "80.540.26" can be cut several ways: not read


def test_glued_funds_row_that_follows_its_rule() -> None:
    text = GLUED.format(s=5)
    assert found(text) == []
    assert checked(text, "table_score_rule") == [("5", ("10", "50"))]


# --- 3. a 项目资金 block whose every row repeats the block's 分值 ----------------------------------------------------
# "分值(10分)" names the 分值 column; the 基本支出 and 项目支出 rows repeat 10 | 10. They are parts of the amounts, not
# of the 分值: the block's 10 is not their 20.

FUNDS = ("部门整体支出绩效自评表 | |||||||\n"
         "部门(单位)名称 | 某镇人民政府 | |||||||\n"
         "资金(万元) | 资 金 来 源 | 年初预算数(A) | 全年执行数(B) | 分值(10分) | 得分 | 得分计算方法 | ||\n"
         "年度资金总额: | 860.40 | 902.15 | 10 | 10 | 执行率*该指标分值，最高不得超过分值上限。 | |||\n"
         "基本支出 | 700.10 | 690.35 | 10 | 10 | ||||\n"
         "项目支出 | 160.30 | 211.80 | 10 | 10 | ||||\n")


def test_funds_rows_repeating_the_block_weight_are_not_summed() -> None:
    assert found(FUNDS) == []
    assert checked(FUNDS, "table_weight_sum") == checked(FUNDS, "table_score_sum") == []
    assert checked(FUNDS, "table_score_le_max") == [("10", ("10",))] * 3
    assert checked(FUNDS, "table_sum") == [("860.40", ("160.30", "700.10")), ("902.15", ("211.80", "690.35"))]
