"""Causes of held-out-9's missed 三公经费 tables (session 10, round 2), each on a short table in our own words in the
layout met there: a pipe table whose unit row ("? | 单位：万元 |") stands above its header, with a second amount
column no header word names; and the 三公 template's "其中：（1）公务用车运行维护费" / "（2）公务用车购置" parts, the
second one numbered like the first instead of starting with 其中. Every expectation was computed by hand."""

from __future__ import annotations

from jixiao.audit.api import audit_text
from tests.audit.audit_helpers import checked, found

# 因公出国 2.40 + 公务接待 5.10 + 公务用车 18.60 = 26.10; 公务用车 = 运行维护 15.60 + 购置 3.00 = 18.60
SANGONG = """某区水利局2021年“三公”经费预算表 | ||
? | 单位：万元 | |
项 目 | 本年预算数 | 其中：本级财力安排 |
合 计 | {total} | 26.10 |
1.因公出国（境）费用 | 2.40 | 2.40 |
2.公务接待费 | 5.10 | 5.10 |
3.公务用车费 | {car} | 18.60 |
其中：（1）公务用车运行维护费 | 15.60 | 15.60 |
（2）公务用车购置 | 3.00 | 3.00 |
"""


def test_table_under_a_unit_row_is_read_and_holds() -> None:
    # before: the unit row was taken for the header, the body did not fit it and no table was read (nothing checked)
    text = SANGONG.format(total="26.10", car="18.60")
    assert found(text) == []
    # both amount columns (the second one no header word names, read as a column the 合计 row sums)
    assert checked(text, "table_sum") == [("18.60", ("15.60", "3.00")), ("18.60", ("15.60", "3.00")),
                                          ("26.10", ("18.60", "2.40", "5.10")), ("26.10", ("18.60", "2.40", "5.10"))]


def test_total_over_its_numbered_rows_is_judged() -> None:
    # 2.40 + 5.10 + 18.60 = 26.10 ≠ 26.30
    assert found(SANGONG.format(total="26.30", car="18.60"), "table_sum") == [
        ("table_sum", "错误", "第4行（表1 第4行 本年预算数）", "26.30", "26.10")]


def test_car_row_against_both_of_its_parts() -> None:
    # before: "（2）公务用车购置" sat deeper than "其中：（1）…", so 公务用车费 had one part and was never added up;
    # now 15.60 + 3.00 = 18.60 > 15.60 (and the 合计 26.10 over 2.40 + 5.10 + 15.60 = 23.10 fails too)
    assert found(SANGONG.format(total="26.10", car="15.60"), "table_sum") == [
        ("table_sum", "错误", "第4行（表1 第4行 本年预算数）", "26.10", "23.10"),
        ("table_sum", "错误", "第7行（表1 第7行 本年预算数）", "15.60", "18.60")]


def test_parts_under_their_total_may_be_partial() -> None:
    # 其中 rows need not list every part: a car row above its parts (19.60 > 15.60 + 3.00) is not judged;
    # the 合计 2.40 + 5.10 + 19.60 = 27.10 holds
    text = SANGONG.format(total="27.10", car="19.60")
    assert found(text, "table_sum") == []
    assert ("19.60", ("15.60", "3.00")) in checked(text, "table_sum")


def test_unit_row_alone_does_not_make_a_table() -> None:
    # a unit note over prose: no table and nothing judged
    report = audit_text("? | 单位：万元 | |\n本年预算26.10万元，其中公务接待费5.10万元。\n")
    assert [f.rule for f in report.findings if f.rule == "table_sum"] == []


def test_numbered_parts_under_a_header_the_vocabulary_names() -> None:
    # the same table headed 本年预算数 | 一般公共预算拨款 (read by its header words, no unit row): before, only the
    # 合计 was added up; now the car row too (15.60 + 3.00 = 18.60 ≠ 15.60 in the first column)
    text = SANGONG.format(total="23.10", car="15.60").replace("? | 单位：万元 | |\n", "").replace(
        "其中：本级财力安排", "其中：一般公共预算拨款").replace("| 26.10 |", "| 23.10 |").replace("| 18.60 |", "| 15.60 |")
    assert found(text, "table_sum") == [("table_sum", "错误", "第6行（表1 第5行 本年预算数）", "15.60", "18.60"),
                                        ("table_sum", "错误", "第6行（表1 第5行 其中：一般公共预算拨款）", "15.60", "18.60")]
