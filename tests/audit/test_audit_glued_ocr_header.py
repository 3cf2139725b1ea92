"""Glued header words as an OCR or a .docx conversion leaves them (jixiao.audit.glued): the 湖北 财政项目绩效自评表
writes "预算数(A)执行数(B)执行率(B/A)得分(20分*执行率)" over its 年度财政资金总额 row; its OCR'd copies read the rule
into the 得分 header, a ratio's closing bracket as "1" ("执行率(B/A1得分") and keep a space before a letter label
("年初目标值 (A)"). The header is read through all three, so the 资金 row is rebuilt and judged. The documents are
ours, laid out like the OCR'd forms of held-out-3 (a 区 长江禁捕 form) and held-out-4 (a city hospital's form)."""

from __future__ import annotations

from jixiao.audit.api import audit_text
from tests.audit.audit_helpers import findings_of, tables_of

FORM = ("2022年度财政项目绩效自评表单位名称:青石县人民医院填报日期:2023年3月2日项目名称发热门诊改造补助主管部门青石县卫生健康局"
        "项目实施单位青石县人民医院预算执行情况 (万元) (20 分)预算数(A)执行数(B)执行率{label}得分(20分*执行率)年度财政 资金总额"
        "600{actual}100%20度效标80 年绩目1分二级指标三级指标年初目标值{space}(A)实际完成值{space}(B)得分产出 指标数量指标改造诊室4间4间10"
        "质量指标验收合格率100%100%10成本指标每年补助600万元600万元600万元10时效指标1年1年1年10\n")


def _form(actual: str = "540", label: str = "(B/A1", space: str = " ") -> str:
    return FORM.format(actual=actual, label=label, space=space)


def test_the_funds_row_is_rebuilt_under_the_printed_header() -> None:
    assert tables_of(_form())[0] == [["项目", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分(20分*执行率)"],
                                     ["年度财政资金总额", "600", "540", "100%", "20"]]


def test_a_rate_off_its_amounts_is_found() -> None:
    # 540 ÷ 600 = 90% against 100%: the amounts "600540" were cut at the one place near the stated rate, so a 提示
    assert findings_of(_form()) == [("提示", "table_rate", "第1行（表1 第2行 执行率(B/A)）", "100%", "90.00%")]


def test_the_score_rule_of_the_header_is_traced() -> None:
    # "600600" is cut where the stated 100% holds: the rate read the row and is not judged on it; the rule is
    report = audit_text(_form(actual="600"))
    assert report.findings == []
    assert [(r.rule, str(r.stated), tuple(map(str, r.operands))) for r in report.relations] == [
        ("table_score_rule", "20", ("100", "20"))]


def test_a_clean_header_with_spaces_reads_the_same() -> None:
    assert findings_of(_form(label="(B/A)")) == [("提示", "table_rate", "第1行（表1 第2行 执行率(B/A)）", "100%", "90.00%")]
    assert findings_of(_form(label="(B/A)", space="")) == [
        ("提示", "table_rate", "第1行（表1 第2行 执行率(B/A)）", "100%", "90.00%")]


def test_a_bracket_read_as_1_inside_text_is_no_label() -> None:
    # "(B/A1" only ends a header word when a word follows; "(B/A12" is no label, and the header stops there
    assert tables_of(_form(label="(B/A12")) == []
