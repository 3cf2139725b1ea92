"""Funds blocks of a 转移支付 自评表 written one labelled amount per line (PDF text, cells separated by spaces) or per
table row (held-out-7's 彭水 计生 form, session 9): a fund's block (年度预算资金总额 and its sources 中央/市级/本级) and,
under "其中:", one block per programme. The documents are ours: a county's 公共文化 transfer form with figures of our
own, every expectation computed by hand."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl

from jixiao.audit.api import audit_path
from tests.audit.audit_helpers import checked, found

# 文化 fund 900.00 = 中央 500.00 + 市级 300.00 + 本级 100.00; 图书馆 600.00 = 350 + 180 + 70; 文化馆 300.00 = 150 + {city}
# + 30 (with {city} = 120.00 every block and every source adds up)
FORM = " \n".join((  # every line ends in a space, as the PDF text gives it
    "某县2023年度中央对地方转移支付公共文化服务体系项目绩效自评表",
    "一级指标 二级指标 三级指标 自评内容 完成情况",
    "项目预算管理 资金投入 预算编制科学性 预算编制合乎政策 已按要求编制预算",
    "预算资金安排 2023年度公共文化转移支付资金的预算安排。",
    "公共文化转移支付资金合计(万元) 年度预算资金总额): 900.00",
    "其中:中央补助 500.00",
    "市级资金 300.00",
    "本级资金(包括结转结余) 100.00",
    "其中:",
    "公共图书馆免费开放补助资金(万元)",
    "年度预算资金总额: 600.00",
    "其中:中央补助 350.00",
    "市级资金 180.00",
    "本级资金(包括结转结余) 70.00",
    "其中:",
    "文化馆免费开放补助资金(万元)",
    "年度预算资金总额: 300.00",
    "其中:中央补助 150.00",
    "市级资金 {city}",
    "本级资金(包括结转结余) 30.00",
    "其中:",
    "上年绩效调整资金(万元)",
    "年度预算资金总额:",
    "其中:中央补助",
    "市级资金",
    "本级资金(包括结转结余)",
    "资金下达 资金发放及时性 收到资金后30日内下达 已按时下达",
))


def test_a_consistent_form_is_checked_block_by_block_and_source_by_source() -> None:
    text = FORM.format(city="120.00")
    assert found(text) == []
    assert checked(text, "fund_blocks") == [
        ("100.00", ("30.00", "70.00")),  # 本级 over the two programmes
        ("300.00", ("120.00", "150.00", "30.00")),  # the 文化馆 block
        ("300.00", ("120.00", "180.00")),  # 市级 over the programmes
        ("500.00", ("150.00", "350.00")),  # 中央 over the programmes
        ("600.00", ("180.00", "350.00", "70.00")),  # the 图书馆 block
        ("900.00", ("100.00", "300.00", "500.00")),  # the fund's block
        ("900.00", ("300.00", "600.00")),  # the fund over its programmes
    ]


def test_one_wrong_source_breaks_its_block_and_its_column() -> None:
    # 文化馆 市级 121.00: its block 150 + 121 + 30 = 301.00 over 300.00, and 市级 180 + 121 = 301.00 over 300.00
    assert found(FORM.format(city="121.00"), "fund_blocks") == [
        ("fund_blocks", "错误", "第17行", "300.00", "301.00"),
        ("fund_blocks", "错误", "第7行", "300.00", "301.00"),
    ]


def test_sources_below_a_block_total_are_a_partial_list() -> None:
    # 其中 may leave a source out: 150 + 110 + 30 = 290 under 300 is not judged in the block; the programmes' totals do
    # make up the fund (600 + 300 = 900), so 市级 180 + 110 = 290 against 300 is certain to be wrong
    assert found(FORM.format(city="110.00"), "fund_blocks") == [("fund_blocks", "错误", "第7行", "300.00", "290.00")]


def test_blocks_after_a_bare_marker_are_judged_only_when_they_make_up_the_fund() -> None:
    # no 合计 in the first title and programme totals 600 + 250 ≠ 900: the programmes need not be the whole fund, so
    # neither their totals nor their sources are held against it; each block alone still is
    text = FORM.format(city="70.00").replace("公共文化转移支付资金合计(万元) ", "").replace(
        "年度预算资金总额: 300.00", "年度预算资金总额: 250.00")
    assert found(text) == []
    assert checked(text, "fund_blocks") == [
        ("250.00", ("150.00", "30.00", "70.00")),
        ("600.00", ("180.00", "350.00", "70.00")),
        ("900.00", ("100.00", "300.00", "500.00")),
    ]


def test_prose_and_other_tables_are_no_funds_block() -> None:
    text = ("一、项目资金情况\n项目资金总额 500.00\n中央补助 300.00\n说明:本年度中央补助300.00万元,市级资金300.00万元,"
            "均已拨付到位,资金使用符合规定。\n市级资金 300.00\n")
    # the prose line ends the block after one source: nothing to add up
    assert checked(text, "fund_blocks") == []
    assert found(text, "fund_blocks") == []


ROWS = [
    ("公共文化转移支付资金合计(万元)", "年度预算资金总额):", "900.00"),
    ("", "其中:中央补助", "500.00"),
    ("", "市级资金", "300.00"),
    ("", "本级资金(包括结转结余)", "100.00"),
    ("公共图书馆免费开放补助资金(万元)", "年度预算资金总额:", "600.00"),
    ("", "其中:中央补助", "350.00"),
    ("", "市级资金", "180.00"),
    ("", "本级资金(包括结转结余)", "70.00"),
    ("文化馆免费开放补助资金(万元)", "年度预算资金总额:", "300.00"),
    ("", "其中:中央补助", "150.00"),
    ("", "市级资金", "121.00"),
    ("", "本级资金(包括结转结余)", "30.00"),
]


def _findings(path: Path) -> list[tuple[str, str, str, str]]:
    return [(f.severity, f.location, f.stated, f.expected) for f in audit_path(path).findings if f.rule == "fund_blocks"]


def test_the_same_form_as_a_workbook_with_merged_titles(tmp_path: Path) -> None:
    # no "其中:" row between the blocks: the 合计 in the first block's title makes it the fund's block
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "自评表"
    ws.append(["预算资金安排", None, None])
    for title, label, amount in ROWS:
        ws.append([title or None, label, amount])
    for first in (2, 6, 10):
        ws.merge_cells(start_row=first, start_column=1, end_row=first + 3, end_column=1)
    path = tmp_path / "form.xlsx"
    wb.save(path)
    assert _findings(path) == [("错误", "自评表!C10", "300.00", "301.00"), ("错误", "自评表!C4", "300.00", "301.00")]


def test_the_same_form_as_a_word_table(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("某县2023年度中央对地方转移支付公共文化服务体系项目绩效自评表")
    table = d.add_table(rows=len(ROWS), cols=3)
    for r, row in enumerate(ROWS):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for first in (0, 4, 8):
        table.cell(first, 0).merge(table.cell(first + 3, 0))
    path = tmp_path / "form.docx"
    d.save(str(path))
    assert _findings(path) == [("错误", "表1第9行第3列", "300.00", "301.00"), ("错误", "表1第3行第3列", "300.00", "301.00")]
