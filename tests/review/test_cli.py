"""jixiao frameworks show and jixiao review from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from jixiao.cli.app import app
from tests.frameworks.conftest import ROOT

runner = CliRunner()
EX = ROOT / "examples"


def test_frameworks_show_prints_tree_rules_and_sources() -> None:
    res = runner.invoke(app, ["frameworks", "show", "hunan-province-template"])
    assert res.exit_code == 0, res.output
    out = res.output
    assert "湖南省部门整体支出绩效评价指标表（省级类型模板，投入13／过程61）（hunan-province-template）【模板】" in out
    assert "【一级】投入（13分）  [input]" in out
    assert "        【三级】在职人员控制率（5分）  [staff_control]" in out
    assert "评分标准：≤100.00%得满分；每超过1个百分点扣0.5分，扣完为止" in out
    assert "评分标准：=0.00%得5分；(0.00%，10.00%]得4分；(10.00%，20.00%]得3分；(20.00%，30.00%]得2分；(30.00%，+∞)得0分" in out
    assert "计算公式：（上年结转＋年初预算＋本年追加－年末结余）÷（上年结转＋年初预算＋本年追加）×100%" in out
    assert "来源：未见于任何公开来源；53号指标，按比例计分为 jixiao 推定。" in out


def test_frameworks_show_unknown_id() -> None:
    res = runner.invoke(app, ["frameworks", "show", "no-such"])
    assert res.exit_code == 1
    assert "找不到评价框架「no-such」" in res.output


def test_review_json_zhanjiang() -> None:
    res = runner.invoke(app, ["review", str(ROOT / "README.md"), "--data", str(EX / "zhanjiang-2023.yaml"),
                              "--claims", str(EX / "claims" / "zhanjiang-2023.yaml"), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["total"]["claimed"] == "100" and data["total"]["jixiao"] == "51.5"
    assert data["total"]["jixiao_max"] == "93.5"
    assert {r["name"]: r["kind"] for r in data["unclaimed"] if r["kind"] == "规则适用不同"} == {
        "预算编制准确性": "规则适用不同", "“三公”经费分项控制": "规则适用不同"}


def test_review_text_nanchang_and_missing_claims_message() -> None:
    res = runner.invoke(app, ["review", str(ROOT / "README.md"), "--data", str(EX / "nanchang-2017.yaml"),
                              "--claims", str(EX / "claims" / "nanchang-2017.yaml")])
    assert res.exit_code == 0, res.output
    assert "总分：报告80.71分（良）；jixiao 41.71分（数据不全，未定级）；结论：报告未给出数据" in res.output
    assert "【一致】预算完成率（6分）：报告0，jixiao 0" in res.output
    res = runner.invoke(app, ["review", str(ROOT / "README.md"), "--data", str(EX / "nanchang-2017.yaml")])
    assert res.exit_code == 2
    assert f"[错误] 报告「{ROOT / 'README.md'}」中没有找到所称的总分或指标得分；可用 --claims 指定得分文件" in res.output


def test_claims_file_errors_have_lines(tmp_path: Path) -> None:
    bad = tmp_path / "claims.yaml"
    bad.write_text("total: 90\nscores:\n  - {name: 投入, score: abc}\n", encoding="utf-8")
    res = runner.invoke(app, ["review", str(ROOT / "README.md"), "--data", str(EX / "nanchang-2017.yaml"),
                              "--claims", str(bad)])
    assert res.exit_code == 1
    assert "第 3 行" in res.output


SEEDS = ROOT / "tests" / "audit" / "data" / "modelled"  # our documents modelled on the seeds


def test_review_reads_claims_from_the_report_itself() -> None:
    # Wanzhou: every claimed score is read from the report text and agrees with jixiao.
    res = runner.invoke(app, ["review", str(SEEDS / "seed_003.txt"), "--data", str(EX / "wanzhou-2020.yaml")])
    assert res.exit_code == 0, res.output
    assert "总分：报告94分（优）；jixiao 94分（优）；结论：一致" in res.output
    assert "逐项：一致25项" in res.output
    assert "【一致】社会效益（8分）：报告6.5，jixiao 6.5" in res.output
    # The report's own arithmetic slips come from the auditor.
    assert "- [提示] 第25行：报告称结转结余占总支出的比例为0.04%，但按0.11万元÷226.86万元计算应为0.05%。" in res.output


def test_review_zhanjiang_lists_rule_differences_and_inconsistencies() -> None:
    res = runner.invoke(app, ["review", str(SEEDS / "seed_004.txt"), "--data", str(EX / "zhanjiang-2023.yaml")])
    assert res.exit_code == 0, res.output
    assert "总分：报告100分（优）；jixiao 51.5分（数据不全，未定级）；结论：规则适用不同" in res.output
    assert "【规则适用不同】预算编制准确性（5分）：报告5，jixiao 0" in res.output
    assert "【规则适用不同】“三公”经费分项控制（3分）：报告3，jixiao 1.5" in res.output
    assert "- 报告总分为满分100分，但支出决算1386.01万元超过年初预算1147.27万元（为预算的120.81%）" in res.output
    assert "- 报告总分为满分100分，但因公出国（境）费实际支出13.88万元超过预算10.00万元" in res.output
    assert "但按83万元÷89万元计算应为93.26%" in res.output


def test_review_without_data_extracts_the_department_from_the_report() -> None:
    res = runner.invoke(
        app, ["review", str(SEEDS / "seed_003.txt"), "--framework", "chongqing-district-2020", "--json"]
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert (data["total"]["claimed"], data["total"]["jixiao_max"], data["claimed_grade"]) == ("94", "98", "优")
    rows = {r["name"]: r for r in data["rows"]}
    # The report states 7 在职 against 7 编制: jixiao scores it from the extracted figures.
    assert rows["财政供养人员控制率"]["jixiao"] == "2"
    assert rows["财政供养人员控制率"]["kind"] == "一致"
    assert len(data["audit"]) == 2
