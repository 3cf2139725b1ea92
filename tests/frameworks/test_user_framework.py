"""The documented user framework validates; a broken copy reports errors at the right lines."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from jixiao.cli.app import app
from jixiao.frameworks import load_framework
from tests.frameworks.conftest import ROOT

USER = ROOT / "docs" / "examples" / "user-framework.yaml"
runner = CliRunner()


def test_user_framework_check_passes() -> None:
    res = runner.invoke(app, ["frameworks", "check", str(USER)])
    assert res.exit_code == 0, res.output
    assert "框架「某区部门整体支出绩效自评指标（2024年度，示例）」（my-district-2024）校验通过：12 个指标，总分 100" in res.output


def _line_of(lines: list[str], needle: str) -> int:
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_broken_copy_reports_file_and_lines(tmp_path: Path) -> None:
    text = USER.read_text(encoding="utf-8")
    text = text.replace("formula: expenditure.basic / expenditure.total * 100",
                        "formula: expenditure.basic / expenditure.totl * 100")
    text = text.replace("metric: three_public_control_rate", "metric: three_public_rate")
    text = text.replace("{key: finance_rules_executed, name: 制度得到有效执行, points: 5}",
                        "{key: finance_rules_executed, name: 制度得到有效执行, points: 4}")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text, encoding="utf-8")
    lines = text.splitlines()

    _fw, findings = load_framework(broken)
    got = sorted((f.location.line, f.code, f.message) for f in findings)
    assert got == sorted([
        (_line_of(lines, "expenditure.totl"), "framework.formula",
         "「基本支出占比」的公式引用了不存在的数值字段「expenditure.totl」"),
        (_line_of(lines, "metric: three_public_rate"), "framework.metric",
         "未知的指标计算方法 metric「three_public_rate」；相近的有：three_public_control_rate、three_public_change_rate、three_public_budget_change_rate"),
        (_line_of(lines, "kind: checklist") - 1, "framework.rule",  # the `rule:` key above it
         "「管理制度健全性」的评分规则有误：清单各项分值之和 9 不等于指标分值 10"),
    ])
    assert all(f.location.file == str(broken) for f in findings)

    res = runner.invoke(app, ["frameworks", "check", str(broken)])
    assert res.exit_code == 1
    assert f"第 {_line_of(lines, 'expenditure.totl')} 行" in res.output


def test_user_framework_scores_the_formula() -> None:
    from jixiao.engine.evaluate import evaluate
    from jixiao.frameworks import get_framework
    from tests.frameworks.conftest import load_example

    result = evaluate(load_example("wanzhou-2020"), get_framework(str(USER)))
    share = result.find("basic_share")
    # 166.03 / 226.75 = 73.22% ≤ 80% → 10
    assert share.metric is not None and share.metric.value is not None
    assert share.metric.value.quantize(share.weight.__class__("0.01")) == share.weight.__class__("73.22")
    assert share.score == 10
