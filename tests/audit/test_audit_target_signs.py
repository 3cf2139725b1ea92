"""A 绩效目标自评表 one cell per line ending " |" whose targets are written with ASCII signs and per-unit units
(">=900人次", "<=6000元/人", "583元/人*月"), as held-out-8's 安徽 临时救助 form (session 10). Before, such a target
was no 指标值 cell for the flattened reader (the column stayed empty) nor a figure for ``table_score_target``, and
the 未完成原因及拟采取的改进措施 column was unknown; a target missed yet scored in full went unseen.

Our own county 医疗救助 form: 门诊救助 870人次 against >=900人次 and a 住院救助限额 of 6400元/人 against <=6000元/人,
both scored 20 of 20 — 提示 (the form states no scoring rule); with 930人次 and 5800元/人 every target is met."""

from __future__ import annotations

from tests.audit.audit_helpers import checked, found

_ROWS = [
    ("产出指标(60分)", "数量指标", "资助参保人数(≥**人)", "20", ">=3200人", "3350人", "20"),
    ("", "", "门诊救助人次(≥**人次)", "20", ">=900人次", "{visits}", "20"),
    ("", "质量指标", "住院救助限额(<**元/人·年)", "20", "<=6000元/人", "{cap}", "20"),
    ("效益指标(30分)", "社会效益指标", "困难群众就医负担减轻比例(≥**%)", "30", ">=10%", "12%", "30"),
]
_HEAD = ["(医疗救助)绩效目标自评表", "绩效目标自评表 (2020年度) |", "||||||||", "项目名称 |", "医疗救助 |", "|", "|",
         "|||||", "资金情况(万元) |", "|", "全年预算数(A) |", "全年执行数(B) |", "分值 |", "执行率(B/A) |", "得分 |", "||",
         "|", "年度资金总额: |", "80 |", "72 |", "10 |", "90% |", "9 |", "||",
         "年度总体目标 |", "年初设定目标 |", "年度总体目标完成情况综述 |", "||||||",
         "|", "减轻困难群众就医负担 |", "全年资助参保3350人,门诊救助870人次。 |", "||||||",
         "|", "一级指标 |", "二级指标 |", "三级指标 |", "分值 |", "年度指标值 |", "全年实际值 |", "得分 |",
         "未完成原因及拟采取的改进措施 |"]


def _form(visits: str, cap: str) -> str:
    lines = list(_HEAD)
    for l1, l2, name, weight, target, got, score in _ROWS:
        lines += ["|", f"{l1} |" if l1 else "|", f"{l2} |" if l2 else "|", f"{name} |", f"{weight} |", f"{target} |",
                  f"{got} |".format(visits=visits, cap=cap), f"{score} |", "|"]
    return "\n".join(lines) + "\n"


def test_targets_with_ascii_signs_are_read_and_judged() -> None:
    text = _form("930人次", "5800元/人")
    assert found(text) == []
    # 得分 against 完成值 and 分值 on every indicator row, each target read with its sign and unit (a 完成值 with a
    # unit per something or in 人次 is no cell figure, so only the 分值 is an operand there)
    assert checked(text, "table_score_target") == [
        ("20", ("20",)), ("20", ("20",)), ("20", ("20", "3350")), ("30", ("12", "30"))]


def test_missed_targets_scored_in_full_are_hints() -> None:
    assert found(_form("870人次", "6400元/人")) == [
        ("table_score_target", "提示", "第58行（表2 第3行 得分）", "20", "<20"),
        ("table_score_target", "提示", "第67行（表2 第4行 得分）", "20", "<20"),
    ]
