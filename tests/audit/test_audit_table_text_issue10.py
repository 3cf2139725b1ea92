"""Tables pasted as text (issue 10, session 11), each on a short table in our own words in a layout met in the
held-out sets. Every expectation was computed by hand.

1. A “三公” 决算 comparison whose group header writes the pair with a 顿号 ("比上年增、减情况") over a second header
   row left-packed under it ("增、减金额 | 增、减幅度 | |||", the merged cell's span moved to the row's end): before,
   no header word named "增、减…" and the flowing ledger reader took the header rows for a row label (nothing
   checked); now the second row is the sub-columns of the last header cell and every row is read in place.
   A change column's 合计 that is its own row's 本期 − 上期 while the parts' changes do not add up to it points at a
   part (the part's row is the 错误): the sum is a 提示 on the total, not a second 错误.
"""

from __future__ import annotations

from tests.audit.audit_helpers import checked, found

# 出国 2.00 → 1.50 (−0.50, −25%), 接待 10.30 → 8.40 (−1.90, −18.45%), 公务用车 36.00 → 32.00 (−4.00, −11.11%) =
# 购置 12.00 → 10.00 (−2.00, −16.67%) + 运行 24.00 → 22.00 (−2.00, −8.33%); 合计 48.30 → 41.90 (−6.40, −13.25%)
SANGONG = """某县水务局2022年“三公”经费决算情况表 | ||||
单位:万元 | ||||
项目 | 上年决算数 | 本年决算数 | 比上年增、减情况 | |
增、减金额 | 增、减幅度 | |||
合计 | 48.30 | 41.90 | -6.40 | -13.25% |
1.因公出国(境)费 | 2.00 | 1.50 | -0.50 | -25% |
2.公务接待费 | 10.30 | 8.40 | {reception} | -18.45% |
3.公务用车购置及运行费 | 36.00 | 32.00 | -4.00 | -11.11% |
其中:(1)公务用车购置费 | 12.00 | 10.00 | -2.00 | -16.67% |
(2)公务用车运行费 | 24.00 | 22.00 | -2.00 | -8.33% |
“三公”经费是部门用财政拨款安排的因公出国(境)费、公务接待费和公务用车购置及运行费。
"""


def test_left_packed_sub_header_under_a_spaced_pair_is_read() -> None:
    text = SANGONG.format(reception="-1.90")
    assert found(text) == []
    # every row's change and rate against its two years (six rows, two columns)
    changes = checked(text, "table_change")
    assert len(changes) == 12
    assert ("-1.90", ("10.30", "8.40")) in changes and ("-13.25", ("41.90", "48.30")) in changes
    # the 合计 over 1. 2. 3. and 3. over its two 其中 rows, in both year columns and the change column
    sums = checked(text, "table_sum")
    assert ("41.90", ("1.50", "32.00", "8.40")) in sums and ("-6.40", ("-0.50", "-1.90", "-4.00")) in sums
    assert ("36.00", ("12.00", "24.00")) in sums and ("-4.00", ("-2.00", "-2.00")) in sums


def test_a_wrong_part_change_is_the_error_and_the_total_a_hint() -> None:
    # 8.40 − 10.30 = −1.90, written −1.09; the 合计 −6.40 is 41.90 − 48.30 and holds, while the parts now add up to
    # −0.50 − 1.09 − 4.00 = −5.59
    assert found(SANGONG.format(reception="-1.09"), "table_change", "table_sum") == [
        ("table_sum", "提示", "第5行（表1 第3行 增、减金额）", "-6.40", "-5.59"),
        ("table_change", "错误", "第7行（表1 第5行 增、减金额）", "-1.09", "-1.90"),
    ]
