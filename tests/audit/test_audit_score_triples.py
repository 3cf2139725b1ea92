"""The scored rows of a PDF 评分表 whose text layer came out as one line (jixiao.audit.scoretriples): "决策依据 2 2 复核分
…", modelled on the layout of 湖北 广水's 财政预算支出项目绩效目标自评表 (评价内容 | 分值 | 自评分 | 复核分 | 评价标准), the
criteria text wrapping around the rows' cells. The text is ours; every expectation computed by hand."""

from __future__ import annotations

from jixiao.audit.documents import document_from_text
from tests.audit.audit_helpers import checked, found

FORM = ("某县2022年度农村饮水维护项目绩效自评表.pdf\n"
        "某县财政预算支出项目绩效目标自评表 填报日期:2023 年 3 月 6 日 自评总分: 90 项目名称 农村饮水维护 执行数 "
        "(万元) 12 12 执行率 100% 项目权重 评价内容 分值 自评分 项目决策 2 分 决策依据 2 {a} 复核分 评价标准及依据 有年度"
        "计划或上级文件的计 2 分,缺少不得分。 1、有财务管理制度 1 分; 财务制度 3 3 2、有项目管理制度 1 分; 3、有制度执行的"
        "记录 1 分。 组织机构 项目管理 13 分 2 设有专人负责绩效管理的计 2 分。 2 1、有运行监管记录 3 分; 运行监管 4 {b} 2、"
        "报送了监控表 1 分。 项目年度目标 1:保障供水 一级 指标 二级 指标名称 年初指 年终完 自评 复核 指标 (三级指标) 标值 "
        "成值 分 分 数量指 标 15 分 维修管网 12 15 公里 15\n")


def form(a: str = "2", b: str = "3") -> str:
    return FORM.format(a=a, b=b)


def test_name_weight_score_triples_read_after_the_header() -> None:
    text = form()
    tables = [t for t in document_from_text(text).tables if t.caption == "评分表（PDF文字）"]
    assert [[c.text for c in row] for row in tables[0].rows] == [
        ["指标", "分值", "自评分"], ["决策依据", "2", "2"], ["财务制度", "3", "3"], ["运行监管", "4", "3"]]
    # 组织机构 (its 2 and 2 split by the criteria text) and the targets after 年初指/年终完 ("维修管网 12 15") are not read
    assert checked(text, "table_score_le_max") == [("2", ("2",)), ("3", ("3",)), ("3", ("4",))]
    assert found(text) == []


def test_a_score_above_its_weight() -> None:
    assert found(form(b="5")) == [("table_score_le_max", "错误", "第2行（表1 第4行 自评分）", "5", "≤4")]


def test_one_triple_alone_is_not_the_forms_structure() -> None:
    text = form().replace("财务制度 3 3", "财务制度 3").replace("运行监管 4 3", "运行监管 4")
    assert found(text.replace("决策依据 2 2", "决策依据 2 5")) == []
    assert checked(text, "table_score_le_max") == []
