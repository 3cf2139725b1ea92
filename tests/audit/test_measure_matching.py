"""scripts/measure_audit.py counts one finding for one labelled inconsistency at most (jixiao.audit.measure)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.audit.measure import measure_folder, one_to_one

DOC = """一、预算执行情况
2023年本单位全年预算100万元，实际支出90万元，预算执行率为90%。
二、项目情况
项目甲预算40万元，支出36万元，执行率95%；项目乙执行率同为95%。
项目乙由上级补助，全年到位资金60万元，用于设备购置54万元。
"""

LABELS = """id: matching-two-rates
genre: 部门整体支出绩效自评报告
layout: prose
relations:
  - id: r1
    kind: rate
    text: "2023年本单位全年预算100万元，实际支出90万元，预算执行率为90%"
    stated: "90%"
    operands: ["90", "100"]
    consistent: true
  - id: r2
    kind: rate
    text: "项目甲预算40万元，支出36万元，执行率95%"
    stated: "95%"
    operands: ["36", "40"]
    consistent: false
    severity: 错误
  - id: r3
    kind: rate
    text: "项目乙执行率同为95%"
    stated: "95%"
    operands: ["54", "60"]
    consistent: false
    severity: 错误
"""


def test_one_finding_of_a_value_two_labels_state_finds_one_of_them(tmp_path: Path) -> None:
    # the auditor finds 甲's 95% (36/40 is 90%) on line 4; 乙's 95% (54/60 is 90%, amounts on the next line) stands on
    # the same line with the same value and is not traced: before, the one finding counted for both
    folder = tmp_path / "matching-two-rates"
    folder.mkdir()
    (folder / "doc.txt").write_text(DOC, encoding="utf-8")
    (folder / "labels.yaml").write_text(LABELS, encoding="utf-8")
    r = measure_folder(folder)
    assert (r.found, r.inconsistent, r.missed, r.checked, r.unchecked, r.false) == (1, 2, ["r3"], 2, ["r3"], [])
    assert r.kinds == {"rate": [3, 2, 2, 1]}


@pytest.mark.parametrize(("hits", "found"), [
    ({0: [0], 1: [0]}, {0: 0}),  # one finding, two labels: the first label listed keeps it
    ({0: [0, 1], 1: [0]}, {0: 1, 1: 0}),  # the first label gives up finding 0 for finding 1: both found
    ({0: [], 1: [2], 2: [2, 3]}, {1: 2, 2: 3}),
    ({0: [1], 1: [1], 2: [1]}, {0: 1}),
    ({}, {}),
])
def test_the_largest_one_to_one_assignment(hits: dict[int, list[int]], found: dict[int, int]) -> None:
    assert one_to_one(hits) == found


COUNTS_DOC = "绩效指标分为4类（数量指标、质量指标、时效指标、效益指标）；补助资金由中央、省、市、县四级财政分担。\n"

COUNTS_LABELS = """id: matching-two-counts
genre: 项目支出绩效自评报告
layout: prose
relations:
  - id: r1
    kind: count
    text: "绩效指标分为4类（数量指标、质量指标、时效指标、效益指标）"
    stated: "4"
    operands: ["数量指标", "质量指标", "时效指标", "效益指标"]
    consistent: true
  - id: r2
    kind: count
    text: "中央、省、市、县四级财政"
    stated: "四"
    operands: ["中央", "省", "市", "县"]
    consistent: true
"""


def test_one_traced_relation_checks_one_label(tmp_path: Path) -> None:
    # two counts of 4 on one line, and the auditor traces one count relation (4 on line 1): before, that one relation
    # counted as checking both labels; it checks one of them, as one finding finds one
    folder = tmp_path / "matching-two-counts"
    folder.mkdir()
    (folder / "doc.txt").write_text(COUNTS_DOC, encoding="utf-8")
    (folder / "labels.yaml").write_text(COUNTS_LABELS, encoding="utf-8")
    r = measure_folder(folder)
    assert (r.checked, r.unchecked, r.found, r.false) == (1, ["r2"], 0, [])
    assert r.kinds == {"count": [2, 1, 0, 0]}
