"""Limits: one table in the code, the same table in docs/security.md, changed by environment or file."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from jixiao.safeio.limits import MB, LimitConfigError, LimitExceeded, Limits, env_name, load, reset, show
from tests.helpers import ROOT


def test_docs_list_every_limit_with_its_default_and_variable() -> None:
    text = (ROOT / "docs/security.md").read_text(encoding="utf-8")
    rows = {m.group(1): (m.group(2), m.group(3)) for m in
            re.finditer(r"^\| `(\w+)` \| `(JIXIAO_LIMIT_\w+)` \| ([^|]+?) \|", text, flags=re.M)}
    for f in fields(Limits):
        assert isinstance(f.default, int)
        assert rows.get(f.name) == (env_name(f.name), show(f.name, f.default)), f.name
    assert set(rows) == {f.name for f in fields(Limits)}


def test_environment_and_file(tmp_path: Path) -> None:
    file = tmp_path / "limits.toml"
    file.write_text('[limits]\nworkbook_bytes = "50MB"\nsheet_rows = 20\n', encoding="utf-8")
    limits = load({"JIXIAO_LIMITS_FILE": str(file), "JIXIAO_LIMIT_SHEET_ROWS": "30", "JIXIAO_LIMIT_YAML_BYTES": "1 gb"})
    assert (limits.workbook_bytes, limits.sheet_rows, limits.yaml_bytes) == (50 * MB, 30, 1024 * MB)
    assert load({}) == Limits()


@pytest.mark.parametrize(("env", "message"), [
    ({"JIXIAO_LIMIT_NO_SUCH": "1"}, "环境变量 JIXIAO_LIMIT_NO_SUCH 不是已知的限制"),
    ({"JIXIAO_LIMIT_SHEET_ROWS": "10MB"}, "限制 sheet_rows 的取值「10MB」无法识别，应为正整数"),
    ({"JIXIAO_LIMIT_YAML_BYTES": "0"}, "限制 yaml_bytes 的取值「0」应大于 0"),
    ({"JIXIAO_LIMITS_FILE": "/nonexistent/limits.toml"}, "无法读取限制配置文件 /nonexistent/limits.toml"),
])
def test_bad_settings_are_explained(env: dict[str, str], message: str) -> None:
    with pytest.raises(LimitConfigError, match=re.escape(message)):
        load(env)


def test_a_violation_names_file_limit_and_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_LIMIT_SHEET_ROWS", "7")
    reset()
    try:
        exc = LimitExceeded("sheet_rows", "工作表「项目支出」超过 7 行", "a.xlsx")
    finally:
        monkeypatch.delenv("JIXIAO_LIMIT_SHEET_ROWS")
        reset()
    assert exc.located() == ("文件 a.xlsx：工作表「项目支出」超过 7 行，超过上限：工作表的行数最多 7"
                             "（如确属正常，可用环境变量 JIXIAO_LIMIT_SHEET_ROWS 调整，见 docs/security.md）")
    assert exc.exit_code == 1


def test_the_command_line_reports_a_bad_setting(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "JIXIAO_LIMIT_SHEET_ROWS": "many", "PYTHONPATH": str(ROOT / "src")}
    run = subprocess.run([sys.executable, "-m", "jixiao", "frameworks", "list"], capture_output=True, text=True,
                         env=env, timeout=60)
    assert run.returncode == 2
    assert "[错误] 限制 sheet_rows 的取值「many」无法识别，应为正整数" in run.stderr
