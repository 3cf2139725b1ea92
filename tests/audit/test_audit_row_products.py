"""Per-row products of 补贴 / 发放 tables (rule table_product): 面积 × 每亩标准 = 资金, 人数 × 每人标准 = 金额, the
header words in data/unit_products.yaml (which per_unit_product reads too), the standard in its own column or stated once in the text (held-out-8: 陈仓
with a 补贴标准（元/亩）column, 招远 with "每亩120元" in the paragraph above the table). Short texts in our own words
in those layouts; every figure computed by hand."""

from __future__ import annotations

from jixiao.audit.api import audit_text
from tests.audit.audit_helpers import checked, found

# 36 × 1200 = 43200, 52 × 1200 = 62400, 41 × 1200 = 49200, 28 × 1200 = 33600; 36 + 52 + 41 + 28 = 157 and
# 43200 + 62400 + 49200 + 33600 = 188400
PEOPLE = ("2024年某镇高龄津贴发放表\n"
          "村(社区) | 发放人数 | 发放标准(元/人) | 发放金额(元) |\n"
          "东村 | 36 | 1200 | 43200 |\n"
          "西村 | 52 | 1200 | 62400 |\n"
          "南村 | 41 | 1200 | 49200 |\n"
          "北村 | 28 | 1200 | {x} |\n"
          "合计 | 157 | | {t} |\n")


def test_people_times_standard_column_holds() -> None:
    text = PEOPLE.format(x="33600", t="188400")
    assert found(text) == []
    assert checked(text, "table_product") == [("33600", ("1200", "28")), ("43200", ("1200", "36")),
                                              ("49200", ("1200", "41")), ("62400", ("1200", "52"))]


def test_row_amount_off_its_product_is_an_error() -> None:
    # 北村 36600 for 28 × 1200 = 33600; the 合计 (188400) no longer adds up either: 43200 + 62400 + 49200 + 36600 = 191400
    got = audit_text(PEOPLE.format(x="36600", t="188400")).findings
    assert [(f.rule, f.severity, f.location, f.stated, f.expected) for f in got] == [
        ("table_sum", "错误", "第7行（表1 第6行 发放金额(元)）", "188400", "191400"),
        ("table_product", "错误", "第6行（表1 第5行 发放金额(元)）", "36600", "33600")]
    assert got[1].explanation == "北村的发放金额(元)写作36600，按发放人数28×发放标准(元/人)1200元计算应为33600（表中多数行按此计算）。"


# the standard stated once above the table, the amounts in 万元 to two places: 1520.4 × 85 = 129234 元 = 12.92 万元,
# 2860.75 × 85 = 243163.75 → 24.32, 980.2 × 85 = 83317 → 8.33, 4105.6 × 85 = 348976 → 34.90;
# 1520.4 + 2860.75 + 980.2 + 4105.6 = 9466.95, 12.92 + 24.32 + 8.33 + 34.90 = 80.47
AREA = ("今年耕地地力保护补贴按核定面积发放，每亩补贴85元，已全部打卡到户。\n"
        "乡镇 | 补贴面积(亩) | 补贴资金(万元) |\n"
        "甲乡 | 1520.4 | 12.92 |\n"
        "乙乡 | 2860.75 | 24.32 |\n"
        "丙乡 | 980.2 | 8.33 |\n"
        "丁乡 | 4105.6 | {x} |\n"
        "合计 | 9466.95 | {t} |\n")


def test_standard_stated_in_the_text_and_amounts_in_ten_thousands() -> None:
    text = AREA.format(x="34.90", t="80.47")
    assert found(text) == []
    assert checked(text, "table_product") == [("12.92", ("1520.4", "85")), ("24.32", ("2860.75", "85")),
                                              ("34.90", ("4105.6", "85")), ("8.33", ("85", "980.2"))]


def test_row_off_the_stated_standard_is_an_error() -> None:
    # 丁乡 34.09 for 4105.6 × 85 = 34.8976 万元 → 34.90; the 合计 written for the figures as they stand (79.66)
    got = audit_text(AREA.format(x="34.09", t="79.66")).findings
    assert [(f.rule, f.severity, f.location, f.stated, f.expected) for f in got] == [
        ("table_product", "错误", "第6行（表1 第5行 补贴资金(万元)）", "34.09", "34.90")]
    assert got[0].explanation == ("丁乡的补贴资金(万元)写作34.09，按补贴面积(亩)4105.6×文中所述每亩标准85元计算应为34.90"
                                  "（表中多数行按此计算）。")


def test_two_standards_in_the_text_judge_nothing() -> None:
    # which of 85 and 90 a row was paid at the text does not say
    text = AREA.format(x="34.09", t="79.66").replace("已全部打卡到户", "种粮大户每亩补贴90元")
    assert checked(text, "table_product") == []
    assert [f.rule for f in audit_text(text).findings] == []


def test_rows_that_do_not_show_the_product_judge_nothing() -> None:
    # only two of four rows are 人数 × 1200 (东村 36 × 1200, 南村 41 × 1200): too few to say the table pays so;
    # 43200 + 62000 + 49200 + 30000 = 184400
    text = PEOPLE.format(x="30000", t="184400").replace("62400", "62000")
    assert checked(text, "table_product") == []
    assert found(text) == []


# the standard stated per 名 above a table of 人数: one product (data/unit_products.yaml: per [人, 名]), read alike by
# the sentence rule and the table rule; 36 × 1200 = 43200, 52 × 1200 = 62400, 41 × 1200 = 49200, 28 × 1200 = 33600
PER_NAME = ("今年高龄津贴每名发放1200元，由各村核对后发放。\n"
            "村(社区) | 发放人数 | 发放金额(元) |\n"
            "东村 | 36 | 43200 |\n"
            "西村 | 52 | 62400 |\n"
            "南村 | 41 | 49200 |\n"
            "北村 | 28 | {x} |\n")


def test_standard_stated_per_name_serves_a_table_of_people() -> None:
    assert checked(PER_NAME.format(x="33600"), "table_product") == [
        ("33600", ("1200", "28")), ("43200", ("1200", "36")), ("49200", ("1200", "41")), ("62400", ("1200", "52"))]
    got = audit_text(PER_NAME.format(x="35200")).findings
    assert [(f.rule, f.severity, f.location, f.stated, f.expected) for f in got] == [
        ("table_product", "错误", "第6行（表1 第5行 发放金额(元)）", "35200", "33600")]
    assert got[0].explanation == ("北村的发放金额(元)写作35200，按发放人数28×文中所述每人标准1200元计算应为33600"
                                  "（表中多数行按此计算）。")
