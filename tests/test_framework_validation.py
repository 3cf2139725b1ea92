"""Framework files are validated on load; every problem names its line."""

from __future__ import annotations

from pathlib import Path

from jixiao.findings import Severity
from jixiao.frameworks import bundled_ids, get_framework, load_framework, load_framework_text

GOOD = """\
id: tiny
name: 小框架
indicators:
  - id: a
    name: 投入
    weight: 40
    children:
      - id: staff
        name: 在职人员控制率
        weight: 40
        metric: staff_control_rate
        rule: {kind: linear, baseline: 100, direction: above, step: 1, deduct: 4}
  - id: b
    name: 产出
    weight: 60
    formula: expenditure.total / budget.final * 100
    rule: {kind: proportional, target: 100}
"""


def messages(text: str) -> list[tuple[int | None, str]]:
    _fw, findings = load_framework_text(text, file="f.yaml")
    return [(f.location.line, f.message) for f in findings if f.severity is Severity.ERROR]


def test_good_framework_loads_without_findings() -> None:
    fw, findings = load_framework_text(GOOD, file="f.yaml")
    assert findings == []
    assert fw is not None and [i.id for _, i in fw.walk()] == ["a", "staff", "b"]


def test_weights_must_add_up_at_every_level() -> None:
    text = GOOD.replace("        weight: 40\n        metric", "        weight: 30\n        metric")
    assert messages(text) == [(7, "「投入」的下级指标分值之和为 30，应等于其分值 40")]
    text = GOOD.replace("weight: 60", "weight: 50")
    assert messages(text) == [(3, "一级指标分值之和为 90，应等于总分 100")]


def test_unknown_metric_is_located() -> None:
    text = GOOD.replace("metric: staff_control_rate", "metric: staff_contrl_rate")
    [(line, msg)] = messages(text)
    assert line == 11
    assert msg.startswith("未知的指标计算方法 metric「staff_contrl_rate」")
    assert "staff_control_rate" in msg


def test_bad_rule_parameters_are_located() -> None:
    text = GOOD.replace("deduct: 4}", "deduct: -1}")
    assert messages(text) == [(12, "应大于 0，实际为「-1」")]
    text = GOOD.replace("{kind: linear,", "{kind: linaer,")
    [(line, msg)] = messages(text)
    assert line == 12
    assert msg.startswith("未知的类型「linaer」，应为以下之一：'threshold', 'linear'")


def test_unsafe_or_unknown_formula_is_refused_with_line() -> None:
    text = GOOD.replace("expenditure.total / budget.final * 100", "__import__('os').getcwd()")
    [(line, msg)] = messages(text)
    assert line == 16 and msg.startswith("「产出」的公式有误")
    text = GOOD.replace("expenditure.total / budget.final", "expenditure.totl / budget.final")
    assert messages(text) == [(16, "「产出」的公式引用了不存在的数值字段「expenditure.totl」")]


def test_leaf_needs_rule_and_value_source() -> None:
    text = GOOD.replace("    formula: expenditure.total / budget.final * 100\n", "")
    assert messages(text) == [(13, "「产出」的评分规则需要指标值，请指定 metric 或 formula")]


def test_grade_bands_must_tile_the_range() -> None:
    text = GOOD + """grades:
  - {grade: 优, min: 90, max: 100, max_inclusive: true}
  - {grade: 良, min: 85, max: 90}
"""
    assert (18, "等级区间没有覆盖 0 到 100 分") in messages(text)


def test_yaml_syntax_error_has_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: x\nname: [unclosed\nindicators: []\n", encoding="utf-8")
    fw, findings = load_framework(path)
    assert fw is None
    assert findings[0].location.file == str(path)
    assert findings[0].location.line == 3
    assert findings[0].message.startswith("YAML 格式错误")


def test_every_bundled_framework_is_valid_and_named_by_its_file() -> None:
    for fid in bundled_ids():
        assert get_framework(fid).id == fid
