"""A 自评报告 in prose whose numbered headings state their 分值 alone on their line and whose 自评得分 comes in the
paragraphs under them (held-out-9 anhui-huoqiu, 学前教育: "（1）项目立项（2分）" / "……程序完整规范。自评得2分。"; a
criterion may be scored twice, once per fund). Each such score is held against its heading's 分值 (indicator_score).
No other labelled document shares the layout. The report is ours; every expectation computed by hand."""

from __future__ import annotations

from jixiao.audit.api import audit_text
from tests.audit.audit_helpers import findings_of

REPORT = """乡镇敬老院改造项目绩效自评报告
一、投入(15分)
(一)项目立项(9分)
(1)立项依据(4分)
项目列入县民政事业发展规划,经局党组会议研究确定,依据充分。自评得{first}分。
(2)立项程序(5分):
项目按规定编制实施方案并报县政府批准,程序规范。自评得5分。
省级补助资金按照下达文件要求单独核算。自评得5分
(二)资金落实(6分):
本年度项目资金共180万元,已全部到位。
上级补助资金到位及时,到位率100%。自评得{funds}分。
二、过程(25分)
(一)项目管理(10分)
(1)制度建设(4分)
制定了项目管理办法和资金管理制度。
"""


def test_scores_in_the_text_under_a_heading_are_traced_against_its_weight() -> None:
    report = audit_text(REPORT.format(first=4, funds=6))
    assert report.findings == []
    traced = sorted((r.location, str(r.stated), str(r.operands[0])) for r in report.relations
                    if r.rule == "indicator_score")
    # (一)项目立项(9分) is followed at once by (1): the scores under (1) and (2) are theirs; 制度建设 states none
    assert traced == [("第11行", "6", "6"), ("第5行", "4", "4"), ("第7行", "5", "5"), ("第8行", "5", "5")]


def test_a_score_above_its_headings_weight_is_an_error() -> None:
    assert findings_of(REPORT.format(first=5, funds=7)) == [
        ("错误", "indicator_score", "第5行", "5分", "≤4分"),
        ("错误", "indicator_score", "第11行", "7分", "≤6分"),
    ]

