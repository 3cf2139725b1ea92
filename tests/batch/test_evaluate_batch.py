"""``jixiao evaluate FILE|DIR…``: a folder per department-year, failures listed, summary.xlsx, the store."""

from __future__ import annotations

import hashlib
import shutil
import weakref
from collections.abc import Iterator
from pathlib import Path

import openpyxl

from jixiao.batch.evaluation import Evaluated, EvaluateOptions, evaluate_input
from jixiao.batch.runner import Input
from jixiao.cli.evaluate_batch import BatchOptions, write_results
from tests.batch.cli import jixiao, tree
from tests.helpers import EXAMPLES
from tests.store.generate import generate, write_files

WANZHOU = "重庆市万州区人民政府外事办公室"


def _inputs(folder: Path) -> list[Path]:
    folder.mkdir()
    files = [shutil.copy(EXAMPLES / f"{n}.yaml", folder) for n in ("wanzhou-2020", "guangzhou-2021", "nanchang-2017")]
    shutil.copy(EXAMPLES / "wanzhou-2020.xlsx", folder / "wanzhou-2020-workbook.xlsx")  # the same department-year
    (folder / "bad.yaml").write_text("profile:\n  name: 测试局\n  year: 2023\nbudget:\n  initial: 三百\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not a data file", encoding="utf-8")  # not collected from a folder
    return [Path(f) for f in files]


def test_batch_writes_a_folder_per_department_year_lists_failures_and_summarises(tmp_path: Path) -> None:
    _inputs(tmp_path / "in")
    missing = tmp_path / "absent.yaml"
    out = tmp_path / "out"
    run = jixiao("evaluate", str(tmp_path / "in"), str(missing), "-o", str(out), "--format", "json,xlsx", "--jobs", "2")
    assert run.returncode == 1, run.stderr  # some inputs failed, the rest was written
    assert "Traceback" not in run.stderr
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert folders == sorted([f"{WANZHOU}-2020", f"{WANZHOU}-2020（2）", "中共广州市委外事工作委员会办公室-2021",
                              "南昌市外事侨务办公室-2017"])
    assert sorted(p.name for p in (out / f"{WANZHOU}-2020").iterdir()) == [".jixiao-manifest.json", "result.json", "数据表.xlsx",
                                                                            "评分表.xlsx"]
    bad = str(tmp_path / "in" / "bad.yaml")
    assert f"[失败] 1. {bad}：[错误] 文件 {bad}，第 5 行，字段 budget.initial：应为数字，实际为「三百」" in run.stdout
    assert f"[失败] 6. {missing}：文件不存在或无法读取" in run.stdout
    assert "汇总：输入 6，已评价 4，失败 2，等级优 2" in run.stdout

    wb = openpyxl.load_workbook(out / "summary.xlsx")
    rows = [[c.value for c in r] for r in wb["汇总表"].iter_rows(min_row=2)]
    assert [r[1] for r in rows] == [bad, *(str(tmp_path / "in" / n) for n in (
        "guangzhou-2021.yaml", "nanchang-2017.yaml", "wanzhou-2020-workbook.xlsx", "wanzhou-2020.yaml")), str(missing)]
    wanzhou = rows[4]
    assert wanzhou[2:9] == [WANZHOU, 2020, "重庆市区县部门整体支出绩效评价指标体系（2020年度）", 94, 100, "优",
                            "投入 5/5；过程 24.5/25；产出 46/50；效果 18.5/20"]
    assert rows[1][5:8] == [49.81, 100, "未定级（缺 7 项数据）"]  # 广州 2021: the missing data keep it ungraded
    assert rows[3][2:9] == wanzhou[2:9]  # the workbook and the YAML of the same department-year agree
    assert wanzhou[9] == f"{WANZHOU}-2020（2）" and rows[3][9] == f"{WANZHOU}-2020"
    assert str(rows[0][11]).startswith("失败：[错误] 文件") and rows[5][11] == "失败：文件不存在或无法读取"
    failures = [[c.value for c in r] for r in wb["失败"].iter_rows(min_row=2)]
    assert [f[:2] for f in failures] == [[1, bad], [6, str(missing)]]
    stats = {r[0].value: r[1].value for r in wb["统计"].iter_rows(min_row=2)}
    assert (stats["输入"], stats["已评价"], stats["失败"]) == (6, 4, 2)


def test_a_batch_package_is_the_single_file_package_byte_for_byte(tmp_path: Path) -> None:
    """Full packages (docx, both xlsx, charts, md, json) from the batch equal `evaluate FILE -o DIR`."""
    files = [EXAMPLES / "wanzhou-2020.yaml", EXAMPLES / "zhanjiang-2023.yaml"]
    batch = jixiao("evaluate", *map(str, files), "-o", str(tmp_path / "batch"), "--jobs", "2")
    assert batch.returncode == 0, batch.stderr
    for f, folder in zip(files, (f"{WANZHOU}-2020", "中共湛江市委外事工作委员会办公室-2023"), strict=True):
        single = jixiao("evaluate", str(f), "-o", str(tmp_path / f.stem))
        assert single.returncode == 0, single.stderr
        expected = tree(tmp_path / f.stem)  # its manifest of what jixiao wrote included
        assert "自评报告.docx" in expected and any(k.endswith(".png") for k in expected)
        assert ".jixiao-manifest.json" in expected
        assert tree(tmp_path / "batch" / folder) == expected


def test_jobs_1_and_jobs_2_write_the_same_bytes(tmp_path: Path) -> None:
    write_files(tmp_path / "in", list(generate(12, seed=5)))
    for jobs in ("1", "2"):
        run = jixiao("evaluate", str(tmp_path / "in"), "-o", str(tmp_path / jobs), "--format", "json,xlsx", "-j", jobs)
        assert run.returncode == 0, run.stderr
    one, two = tree(tmp_path / "1"), tree(tmp_path / "2")
    assert len([k for k in one if k.endswith("result.json")]) == 12
    assert one == two


def test_store_imports_each_department_year_once(tmp_path: Path) -> None:
    write_files(tmp_path / "in", list(generate(6, seed=9)))
    db = str(tmp_path / "jixiao.db")
    assert jixiao("db", "init", "--db", db).returncode == 0
    first = jixiao("evaluate", str(tmp_path / "in"), "--store", "--db", db, "-j", "2")
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("成功，新增（第 1 版）") == 6
    again = jixiao("evaluate", str(tmp_path / "in"), "--store", "--db", db, "-j", "2")
    assert again.returncode == 0, again.stderr
    assert again.stdout.count("成功，未变化（第 1 版）") == 6
    listed = jixiao("list", "--db", db)
    assert listed.stdout.count("样本0000") == 6


def test_batch_only_options_are_refused_for_the_wrong_mode(tmp_path: Path) -> None:
    run = jixiao("evaluate", str(EXAMPLES / "wanzhou-2020.yaml"), str(EXAMPLES / "nanchang-2017.yaml"), "--json")
    assert run.returncode == 2 and "--json 只用于单个文件" in run.stderr
    run = jixiao("evaluate", str(EXAMPLES), "--jobs", "2", "--cluster", "local:2")
    assert run.returncode == 2 and "--jobs 与 --cluster 只能选一个" in run.stderr


def test_a_batch_never_replaces_what_jixiao_did_not_write_without_force(tmp_path: Path) -> None:
    """The single-file overwrite check, per package folder: a rerun replaces jixiao's own unchanged files;
    a folder holding an edited or a foreign file is refused (named, nothing in it replaced), the rest goes on."""
    files = [EXAMPLES / "wanzhou-2020.yaml", EXAMPLES / "nanchang-2017.yaml"]
    out = tmp_path / "out"
    args = ("evaluate", *map(str, files), "-o", str(out), "--format", "json,xlsx", "-j", "1")
    assert jixiao(*args).returncode == 0
    first = tree(out)
    again = jixiao(*args)  # everything there is jixiao's own, unchanged: replaced without --force
    assert again.returncode == 0, again.stdout + again.stderr
    assert tree(out) == first

    wanzhou, nanchang = out / f"{WANZHOU}-2020", out / "南昌市外事侨务办公室-2017"
    (wanzhou / "result.json").write_text("改过的结果", encoding="utf-8")  # the user edited a file jixiao wrote
    (nanchang / "我的说明.txt").write_text("不是 jixiao 写的", encoding="utf-8")  # and added one of their own
    refused = jixiao(*args)
    assert refused.returncode == 1
    assert f"[失败] 1. {files[0]}：{wanzhou}：输出文件夹中已有不是 jixiao 写出的（或写出后被修改过的）内容：result.json；" \
           "为免覆盖，未写入任何文件。请换一个空文件夹，或加 --force" in refused.stdout
    assert f"[失败] 2. {files[1]}：{nanchang}：输出文件夹中已有不是 jixiao 写出的（或写出后被修改过的）内容：我的说明.txt" \
           in refused.stdout
    assert (wanzhou / "result.json").read_text(encoding="utf-8") == "改过的结果"
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".jixiao-manifest.json"]  # no temporaries

    forced = jixiao(*args, "--force")
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert (wanzhou / "result.json").read_bytes() == first[f"{WANZHOU}-2020/result.json"]
    assert (nanchang / "我的说明.txt").read_text(encoding="utf-8") == "不是 jixiao 写的"  # --force replaces only its own


def test_a_batch_refuses_a_summary_it_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "summary.xlsx").write_bytes(b"the user's own workbook")
    args = ("evaluate", str(EXAMPLES / "wanzhou-2020.yaml"), str(EXAMPLES / "nanchang-2017.yaml"), "-o", str(out),
            "--format", "json", "-j", "1")
    run = jixiao(*args)
    assert run.returncode == 2
    assert f"{out / 'summary.xlsx'} 已存在，且不是 jixiao 写出的（或写出后被修改过）；为免覆盖，未评价任何文件" in run.stderr
    assert (out / "summary.xlsx").read_bytes() == b"the user's own workbook"
    assert [p.name for p in out.iterdir()] == ["summary.xlsx"]
    assert jixiao(*args, "--force").returncode == 0
    assert (out / "summary.xlsx").read_bytes()[:2] == b"PK"


def test_the_client_keeps_no_package_once_it_is_written(tmp_path: Path) -> None:
    """Each outcome that arrives is written and let go before the next one comes: the client's memory does not
    grow with the batch (its rows keep the scores the summary shows, never a package's files or data)."""
    write_files(tmp_path / "in", list(generate(5, seed=51)))
    inputs = [Input(str(p), p.read_bytes()) for p in sorted((tmp_path / "in").iterdir())]
    options = EvaluateOptions(formats=("json", "xlsx"), keep_model=True)
    out = tmp_path / "out"
    opts = BatchOptions(output=out, formats=options.formats, framework=None, store=False, db=None, jobs=2, cluster=None)
    handed: list[weakref.ref[Evaluated]] = []
    digests: list[dict[str, str]] = []

    def arriving() -> Iterator[Evaluated]:
        for item in inputs:
            assert [o.name for o in (ref() for ref in handed) if o is not None] == []  # every earlier one freed
            assert len([p for p in out.glob("*") if p.is_dir()]) == len(handed)  # ... after its folder was written
            outcome = evaluate_input(item, options)
            assert outcome.model is not None and [name for name, _ in outcome.files] == ["result.json", "数据表.xlsx",
                                                                                          "评分表.xlsx"]
            digests.append({name: hashlib.sha256(data).hexdigest() for name, data in outcome.files})
            handed.append(weakref.ref(outcome))
            yield outcome
            del outcome

    rows = write_results(arriving(), opts, None)
    assert [ref() for ref in handed] == [None] * 5
    assert [(r.outcome.files, r.outcome.model) for r in rows] == [((), None)] * 5
    assert [r.outcome.name for r in rows] == [item.name for item in inputs] and all(r.outcome.total for r in rows)
    for row, digest in zip(rows, digests, strict=True):
        written = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (out / row.folder).iterdir()
                   if not p.name.startswith(".")}
        assert written == digest  # the files as they arrived, byte for byte
