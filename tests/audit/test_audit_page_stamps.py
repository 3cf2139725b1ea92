"""A web page's publication stamp ("发布时间:2024-03-05 09:12:30", "来源:县水利局 2023-06-23 09:37") stands between
its title and its text (jixiao.audit.readers.stamps): the line reader keeps it a paragraph of its own, so the
title's figures and the stamp are not read into the first paragraph's sentences. The documents are ours, laid out
like the news mirrors and county pages of the held-out sets (a headline repeating the report's figures, a stamp
line, then a lead paragraph: heldout9 jiangsu-zjt, heldout2 liaoning-xqsz, heldout6 guangdong-futian and
sichuan-lezhi, heldout8 xinjiang-yumin, heldout4 guangdong-gyyy among others)."""

from __future__ import annotations

from jixiao.audit.documents import document_from_text
from jixiao.audit.readers.stamps import is_stamp
from tests.audit.audit_helpers import findings_of

NEWS = """宁川县:2023年度衔接推进乡村振兴补助资金2.5亿元 资金到位率100%
发布时间:2024-03-05 09:12:30
3月4日,宁川县财政局公布2023年度衔接推进乡村振兴补助资金绩效自评结果:上级下达该项资金2.5亿元,县级财政已拨付{paid}亿元,资金到位率100%。
一、资金安排情况
县级财政统筹安排衔接资金2.5亿元,其中产业发展1.6亿元、基础设施0.9亿元。
"""

COUNTY = """梅溪镇2022年度农村公路养护资金绩效自评报告 完成率98%
来源:梅溪镇人民政府   2023-06-23 09:37
为加强资金管理,镇财政所对农村公路养护资金开展了绩效自评。全年计划养护农村公路120公里,实际完成养护{done}公里,完成率98%。
"""


def _blocks(text: str) -> list[tuple[int | None, str]]:
    return [(b.line, b.text) for b in document_from_text(text).blocks]


def test_the_stamp_is_a_paragraph_of_its_own() -> None:
    blocks = _blocks(NEWS.format(paid="2.5"))
    assert [line for line, _ in blocks] == [1, 2, 3, 4, 5]
    assert blocks[1] == (2, "发布时间:2024-03-05 09:12:30")
    assert blocks[2][1].startswith("3月4日,")  # not "…09:12:303月4日"


def test_the_lead_paragraphs_rate_is_judged_apart_from_the_headline() -> None:
    # joined with the headline and the stamp, the lead's 到位率 was read against the headline's and never judged
    assert findings_of(NEWS.format(paid="2.5")) == []
    assert findings_of(NEWS.format(paid="2.4")) == [("错误", "rate", "第3行", "100%", "96.00%")]


def test_a_source_line_with_its_date_is_a_stamp_too() -> None:
    assert [line for line, _ in _blocks(COUNTY.format(done="110"))] == [1, 2, 3]
    assert findings_of(COUNTY.format(done="117.6")) == []
    assert findings_of(COUNTY.format(done="110")) == [("错误", "rate", "第3行", "98%", "91.67%")]


def test_what_is_a_stamp() -> None:
    assert is_stamp("发布时间:2024-03-05 09:12:30")
    assert is_stamp("日期:2020-10-21 11:41          字体:[         ]   关闭窗口")
    assert is_stamp("来源:梅溪镇人民政府   2023-06-23 09:37")
    assert not is_stamp("项目实施时间:2023年1月1日至2023年12月31日")  # prose writes dates with 年月日
    assert not is_stamp("2023-06-23")  # a date alone names nothing
    assert not is_stamp("本项目于2023-06-23完成验收,验收时间较计划提前。")  # a sentence
    assert not is_stamp("本项目于2023-06-23完成验收 验收时间较计划提前 共完成农村公路养护120公里 资金到位率100% "
                        "群众满意度达到95%以上 各项指标均已完成 项目档案已整理归档 "
                        "绩效目标全部实现 资金使用规范")  # longer than any stamp line


def test_a_view_counter_before_a_labelled_list_is_no_count() -> None:
    # the stamp splits the page's fields into short lines; "浏览量 31" measures views, it announces no list of 31
    page = "公开目录 绩效评价 发布日期 2022-07-18\n文号 浏览量 31\n主题词 农业、畜牧业、渔业\n"
    assert findings_of(page) == []
