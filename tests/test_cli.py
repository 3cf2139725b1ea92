"""The command line end to end, in a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import EXAMPLES, ROOT


def jixiao(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "jixiao", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )


def test_evaluate_prints_table_and_result() -> None:
    run = jixiao("evaluate", str(EXAMPLES / "wanzhou-2020.yaml"))
    assert run.returncode == 0, run.stderr
    assert "得分：投入 5，过程 24.5，产出 46，效果 18.5；总分 94 分（满分 100）" in run.stdout
    assert "评价等级：优" in run.stdout
    assert "- 社会效益（6.5/8）：受疫情影响未完成新引进一所国外学校合作办学落户万州，扣1.5分" in run.stdout


def test_evaluate_json() -> None:
    run = jixiao("evaluate", str(EXAMPLES / "wanzhou-2020.yaml"), "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert (data["total"], data["grade"], data["complete"]) == ("94", "优", True)
    assert [i["score"] for i in data["indicators"]] == ["5", "24.5", "46", "18.5"]


def test_bad_input_gets_chinese_message_and_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("profile:\n  name: 测试局\n  year: 2023\nbudget:\n  initial: 三百\n", encoding="utf-8")
    run = jixiao("evaluate", str(bad))
    assert run.returncode == 1
    assert f"[错误] 文件 {bad}，第 5 行，字段 budget.initial：应为数字，实际为「三百」" in run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    missing = jixiao("evaluate", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 1 and "文件不存在" in missing.stderr
    unknown = jixiao("evaluate", str(EXAMPLES / "wanzhou-2020.yaml"), "--framework", "no-such")
    assert unknown.returncode == 1 and "找不到评价框架「no-such」" in unknown.stderr


def test_frameworks_list_and_check(tmp_path: Path) -> None:
    listed = jixiao("frameworks", "list")
    assert listed.returncode == 0 and "chongqing-district-2020" in listed.stdout
    broken = tmp_path / "fw.yaml"
    broken.write_text(
        "id: t\nname: t\nindicators:\n  - id: a\n    name: 甲\n    weight: 90\n    metric: staff_control_rate\n"
        "    rule: {kind: threshold, op: '<=', target: 100}\n",
        encoding="utf-8",
    )
    checked = jixiao("frameworks", "check", str(broken))
    assert checked.returncode == 1
    assert f"[错误] 文件 {broken}，第 3 行：一级指标分值之和为 90，应等于总分 100" in checked.stderr


def _section(text: str, head: str) -> list[str]:
    """The lines of a printed section ("缺少数据：", "数据检查：") up to the next section or the end."""
    lines = text.splitlines()
    if head not in lines:
        return []
    out = []
    for line in lines[lines.index(head) + 1:]:
        if not line.startswith(("- ", "[")):
            break
        out.append(line)
    return out


def test_each_input_warning_is_printed_once_with_its_location_with_or_without_o(tmp_path: Path) -> None:
    data = tmp_path / "dept.yaml"
    data.write_text(
        "framework: national-2013\nprofile: {name: 测试局, year: 2023}\n"
        "expenditure:\n  total: 990.12\n  basic: 600.12\n  project: 380\n",
        encoding="utf-8",
    )
    plain = jixiao("evaluate", str(data))
    written = jixiao("evaluate", str(data), "-o", str(tmp_path / "out"), "--format", "json")
    assert plain.returncode == written.returncode == 0, plain.stderr + written.stderr
    warning = (f"[警告] 文件 {data}，第 4 行，字段 expenditure.total：基本支出 + 项目支出 = 980.12 万元，"
               "与支出合计 990.12 万元不一致（相差 10.00 万元，超过尾差容许 0.02 万元）")
    for run in (plain, written):
        checks = _section(run.stdout, "数据检查：")
        assert checks == [warning]
        assert run.stdout.count("基本支出 + 项目支出") == 1
    missing = _section(plain.stdout, "缺少数据：")
    assert len(missing) > 5 and missing == _section(written.stdout, "缺少数据：")


def test_the_departments_own_text_is_printed_as_written(tmp_path: Path) -> None:
    """Text that looks like a rich emoji code stays text (a key task's name in the deductions list)."""
    data = (EXAMPLES / "wanzhou-2020.yaml").read_text(encoding="utf-8")
    task = "  - name: 年度对外交往合作、开展友好城市交往工作"
    assert task in data
    (tmp_path / "d.yaml").write_text(data.replace(task, '  - name: "年度对外交往:thumbs_up:合作"'), encoding="utf-8")
    run = jixiao("evaluate", str(tmp_path / "d.yaml"))
    assert run.returncode == 0, run.stderr
    assert "- 年度对外交往:thumbs_up:合作（4/8）：完成程度为50.00%" in run.stdout
