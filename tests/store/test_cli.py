"""The store commands end to end in a real subprocess (SQLite file in a temporary folder)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao.store.migrate import head
from tests.store.generate import EXAMPLES

ROOT = Path(__file__).resolve().parents[2]


def jixiao(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "COLUMNS": "250", "PYTHONPATH": str(ROOT / "src"), "JIXIAO_USER": "测试员", **(env or {})}
    full.pop("JIXIAO_DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "jixiao", *args], capture_output=True, text=True, env=full, cwd=cwd,
                          timeout=300, stdin=subprocess.DEVNULL)


def test_import_list_history_export(tmp_path: Path) -> None:
    missing = jixiao(tmp_path, "list")
    assert missing.returncode == 1
    assert "[错误] SQLite 文件 jixiao.db 不存在：请先运行 jixiao db init" in missing.stderr
    assert not (tmp_path / "jixiao.db").exists()
    init = jixiao(tmp_path, "db", "init")
    assert init.returncode == 0 and f"已创建 SQLite 文件 jixiao.db（结构版本 {head()}）" in init.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("profile:\n  name: 测试局\n  year: 2023\nbudget:\n  initial: 三百\n", encoding="utf-8")
    run = jixiao(tmp_path, "import", str(EXAMPLES / "wanzhou-2020.yaml"), str(EXAMPLES / "zhanjiang-2023.xlsx"), str(bad))
    assert run.returncode == 1  # one file failed, the others were imported
    text = run.stdout + run.stderr
    assert "新增 wanzhou-2020.yaml：重庆市万州区人民政府外事办公室 2020 年度（第 1 版），框架 chongqing-district-2020，总分 94 分，优" in text
    assert "新增 zhanjiang-2023.xlsx：中共湛江市委外事工作委员会办公室 2023 年度（第 1 版）" in text
    assert f"[错误] 文件 {bad}，第 5 行，字段 budget.initial：应为数字，实际为「三百」" in text
    assert "共 3 个文件：新增 2，新版本 0，未变化 0，失败 1" in run.stdout
    listed = jixiao(tmp_path, "list", "--year", "2020")
    assert listed.returncode == 0 and "重庆市万州区人民政府外事办公室" in listed.stdout and "湛江" not in listed.stdout
    assert "测试员" in listed.stdout
    hist = jixiao(tmp_path, "history", "重庆市万州区人民政府外事办公室")
    assert hist.returncode == 0 and "第 1 版（当前）" in hist.stdout and "wanzhou-2020.yaml" in hist.stdout
    unknown = jixiao(tmp_path, "history", "不存在的局")
    assert unknown.returncode == 1 and "数据库中没有部门「不存在的局」" in unknown.stderr
    out = tmp_path / "wz.xlsx"
    exported = jixiao(tmp_path, "export", "重庆市万州区人民政府外事办公室", "--year", "2020", "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    assert out.read_bytes() == (EXAMPLES / "wanzhou-2020.xlsx").read_bytes()
    again = jixiao(tmp_path, "export", "重庆市万州区人民政府外事办公室", "--year", "2020", "-o", str(out))
    assert again.returncode == 2 and "已存在，不覆盖" in again.stderr
    assign = jixiao(tmp_path, "db", "assign", "--region", "广东省湛江市", "--year", "2023", "--framework", "guangzhou-2021")
    assert assign.returncode == 0 and "已指定：广东省湛江市 2023 年度使用框架 guangzhou-2021，已重新评价 1 个部门年度" in assign.stdout
    log = jixiao(tmp_path, "db", "log")
    assert log.returncode == 0 and "指定框架" in log.stdout and "测试员" in log.stdout
    status = jixiao(tmp_path, "db", "status")
    assert "部门年度：2" in status.stdout and "指定框架：广东省湛江市 2023 年度 → guangzhou-2021" in status.stdout
    helped = jixiao(tmp_path, "import", "--help")
    assert helped.returncode == 0 and "导入部门年度数据并按所属地区、年度指定的框架评价" in helped.stdout


def test_compare_command(tmp_path: Path) -> None:
    from tests.store.generate import generate, write_files

    files = write_files(tmp_path / "in", generate(12, seed=4, names=("wanzhou-2020",)))
    assert jixiao(tmp_path, "db", "init").returncode == 0
    assert jixiao(tmp_path, "import", str(tmp_path / "in")).returncode == 0
    run = jixiao(tmp_path, "compare", "--year", "2020", "-o", "比较.xlsx", "--charts", "图表", "--top", "5")
    assert run.returncode == 0, run.stderr
    assert "2020 年度 · 重庆市区县部门整体支出绩效评价指标体系（2020年度）（chongqing-district-2020）：12 个部门，12 个参加排名" in run.stdout
    assert "（另有 7 个未显示；完整排名见 -o 写出的 Excel）" in run.stdout
    assert "等级分布：优" in run.stdout and "稳健 z 分数" in run.stdout
    assert (tmp_path / "比较.xlsx").read_bytes()[:2] == b"PK"
    charts = sorted(p.name for p in (tmp_path / "图表").iterdir() if not p.name.startswith("."))  # and the manifest
    assert charts == ["一级指标得分率.png", "总分排名.png", "等级分布.png"]
    assert len(files) == 12
    again = jixiao(tmp_path, "compare", "--year", "2020", "-o", "比较.xlsx")
    assert again.returncode == 2 and "已存在，不覆盖" in again.stderr
    empty = jixiao(tmp_path, "compare", "--year", "1999")
    assert empty.returncode == 1 and "没有1999 年度已评价的部门" in empty.stdout
    # The command reads framework_version.outline through Core: it loads no ORM, framework, data model or engine.
    env = {**os.environ, "COLUMNS": "250", "PYTHONPATH": str(ROOT / "src")}
    env.pop("JIXIAO_DATABASE_URL", None)
    timed = subprocess.run([sys.executable, "-X", "importtime", "-m", "jixiao", "compare", "--year", "2020"],
                           capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300, stdin=subprocess.DEVNULL)
    assert timed.returncode == 0 and "12 个参加排名" in timed.stdout
    loaded = {line.rsplit("|", 1)[-1].strip() for line in timed.stderr.splitlines() if line.startswith("import time:")}
    assert "jixiao.store.compare_read" in loaded and "sqlalchemy" in loaded
    assert not loaded & {"jixiao.frameworks", "jixiao.model", "jixiao.engine", "jixiao.store.importing", "jixiao.store.service",
                          "jixiao.store.tables", "sqlalchemy.orm"}


def test_export_package_uses_last_year_from_the_store(tmp_path: Path) -> None:
    from tests.store.generate import write_data
    from tests.store.test_yoy import _last_year

    assert jixiao(tmp_path, "db", "init").returncode == 0
    assert jixiao(tmp_path, "db", "assign", "--region", "重庆市万州区", "--year", "2019", "-f",
                  "chongqing-district-2020").returncode == 0
    last = write_data(tmp_path / "wz-2019.json", _last_year())
    assert jixiao(tmp_path, "import", str(last), str(EXAMPLES / "wanzhou-2020.yaml")).returncode == 0
    run = jixiao(tmp_path, "export", "重庆市万州区人民政府外事办公室", "--year", "2020", "--package", "-o", "报告")
    assert run.returncode == 0, run.stderr
    assert "（同比数据取自数据库中的 2019 年度）" in run.stdout
    text = (tmp_path / "报告" / "自评报告.md").read_text(encoding="utf-8")
    assert "减少8.04万元，下降40.20%" in text  # 11.96 against the stored 20.00, not the typed 21.97
    assert ("本部门编制数7人，年末实有在职人数7人，在职人员控制率100.00%。编制数比上年减少1人；年末实有在职人数与上年持平。\n"
            in text)  # against the stored 2019: 8 and 7
    assert ("综合以上评价，本部门2020年度部门整体支出绩效自评总分94分，评价等级为“优”。"
            "总分比上年（92分）提高2分，评价等级与上年相同。\n") in text  # the stored 2019 evaluation: 92, 优
    assert (tmp_path / "报告" / "自评报告.docx").stat().st_size > 0
    again = jixiao(tmp_path, "export", "重庆市万州区人民政府外事办公室", "--year", "2020", "--package", "-o", "报告")
    assert again.returncode == 2 and "不覆盖" in again.stderr


def test_commands_refuse_an_older_schema_until_upgraded(tmp_path: Path) -> None:
    """A store left at the previous migration (the real one): compare and list refuse it, `db upgrade` fixes it."""
    from jixiao.store import Database
    from jixiao.store.migrate import upgrade

    db = Database.open(tmp_path / "old.db")
    previous = "0007"
    assert upgrade(db, previous) == (None, previous)
    db.dispose()
    for command in (["compare", "--year", "2020"], ["list"]):
        refused = jixiao(tmp_path, *command, "--db", "old.db")
        assert refused.returncode == 1
        assert (f"[错误] SQLite 文件 old.db 的结构版本 {previous} 旧于本程序所需的 {head()}：请先运行 jixiao db upgrade"
                in refused.stderr)
    upgraded = jixiao(tmp_path, "db", "upgrade", "--db", "old.db")
    assert upgraded.returncode == 0 and f"从结构版本 {previous} 升级到 {head()}" in upgraded.stdout
    empty = jixiao(tmp_path, "compare", "--year", "2020", "--db", "old.db")
    assert empty.returncode == 1 and "没有2020 年度已评价的部门" in empty.stdout


def test_import_shows_a_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    """Many files on a terminal: 读取 and 导入 bars counting up to the number of files; none when piped."""
    import pty
    import re
    import select

    from tests.store.generate import generate, write_files

    write_files(tmp_path / "in", generate(6, seed=4, names=("wanzhou-2020",)))
    assert jixiao(tmp_path, "db", "init").returncode == 0
    env = {**os.environ, "COLUMNS": "120", "TERM": "xterm", "PYTHONPATH": str(ROOT / "src")}
    env.pop("JIXIAO_DATABASE_URL", None)
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "jixiao", "import", "in"], cwd=tmp_path, env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    chunks = []
    try:
        while select.select([master], [], [], 120)[0]:
            try:
                data = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        assert proc.stdout is not None
        stdout = proc.stdout.read().decode("utf-8")
        assert proc.wait(timeout=60) == 0
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode("utf-8", "replace"))
    assert re.search(r"读取 ━+ 6/6", shown) and re.search(r"导入 ━+ 6/6", shown), shown[-500:]
    assert "共 6 个文件：新增 6，新版本 0，未变化 0，失败 0" in stdout
    again = jixiao(tmp_path, "import", "in")  # piped: the file lines and the summary, no bar
    assert again.returncode == 0 and "━" not in again.stdout + again.stderr and "未变化 6" in again.stdout


@pytest.mark.postgres
def test_database_url_in_the_environment_switches_to_postgresql(tmp_path: Path, postgres_url: str) -> None:
    """JIXIAO_DATABASE_URL=postgresql+psycopg://… and no --db: the same commands on PostgreSQL, no SQLite file."""
    env = {**os.environ, "COLUMNS": "250", "PYTHONPATH": str(ROOT / "src"), "JIXIAO_USER": "测试员",
           "JIXIAO_DATABASE_URL": postgres_url}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "jixiao", *args], capture_output=True, text=True, env=env,
                              cwd=tmp_path, timeout=300, stdin=subprocess.DEVNULL)

    init = run("db", "init")
    assert init.returncode == 0 and f"已创建 {postgres_url}（结构版本 {head()}）" in init.stdout, init
    assert run("import", str(EXAMPLES / "wanzhou-2020.yaml")).returncode == 0
    compared = run("compare", "--year", "2020")
    assert compared.returncode == 0 and "1 个部门，1 个参加排名" in compared.stdout, compared.stderr
    assert "重庆市万州区人民政府外事办公室" in compared.stdout
    assert not (tmp_path / "jixiao.db").exists()
