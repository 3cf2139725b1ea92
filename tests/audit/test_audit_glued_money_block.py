"""A 项目基本信息 money block glued into one text by a document-sharing site's copy (heldout12 hainan-wenchang; the
block's layout, columns with their 其中 source rows repeated once per column, is read in eight labelled reports of seven
older sets, one cell per line or between "|"). The text below is our own, in the 海南 form's words; every figure was
computed by hand."""

from __future__ import annotations

from tests.audit.audit_helpers import checked, found

_COVER = ("某镇2022年农村人居环境整治项目财政支出绩效评价报告评价类型:□实施过程评价☑完成结果评价项目名称:农村人居环境"
          "整治项目项目单位:某镇人民政府主管部门:某县人民政府评价时间:2023年5月上报时间:2023年6月")


def _doc(county_used: str = "127.50", row: str = "市县财政预算") -> str:
    """Three pages of a site's copy: the cover, then the block, whose page break cuts a source label (省财 / 3、政)."""
    return ("浏览记录\n"
            f"1、{_COVER}项目绩效目标表项目名称:农村人居环境整治项目年度指标数量指标改造户数300户300户\n"
            "2、项目基本信息项目实施单位某镇人民政府项目类型经常性项目()一次性项目(√)计划投资额(万元)200.00"
            "实际到位资金(万元)180.00实际使用情况(万元)175.50其中:中央财政其中:中央财政其中:中央财政省财政预算50.00"
            "省财政预算50.00省财\n"
            f"3、政预算48.00市县财政预算150.00市县财政预算130.00{row}{county_used}地方债券资金地方债券资金"
            "地方债券资金二、绩效评价指标评分一级指标分值二级指标分值\n")


def test_glued_money_block_across_pages() -> None:
    text = _doc()
    assert found(text) == []
    # each column against its source rows: 50 + 150 = 200, 50 + 130 = 180, 48 + 127.50 = 175.50
    assert checked(text, "money_block") == [("175.50", ("127.50", "48.00")), ("180.00", ("130.00", "50.00")),
                                            ("200.00", ("150.00", "50.00"))]


def test_glued_money_block_difference() -> None:
    # 48 + 126.50 = 174.50 in the 实际使用情况 column, against 175.50
    assert found(_doc("126.50"), "money_block") == [("money_block", "提示", "第3行", "175.50", "174.5")]


def test_glued_money_block_not_read_when_a_row_breaks_the_pattern() -> None:
    # the last 市县 repeat written otherwise: the row's label does not repeat once per column, nothing is read
    text = _doc(row="市县财政")
    assert checked(text, "money_block") == []
    assert found(text, "money_block") == []
