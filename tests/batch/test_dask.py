"""Batch commands on a real Dask cluster (a ``dask scheduler`` and two ``dask worker`` processes on loopback):
the same files, byte for byte, as the process pool — also when a worker is killed in the middle of the run."""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import warnings
from pathlib import Path

import dask.config
import pytest

from jixiao.batch.engines import DASK_LOGGERS, DEBUG_LOG_LENGTH, DaskEngine
from tests.batch.cli import jixiao, tree
from tests.batch.memory import inputs_kept, results_let_go
from tests.helpers import EXAMPLES, ROOT
from tests.servers.dask import DaskCluster
from tests.store.generate import generate, write_files

pytestmark = pytest.mark.dask

AUDIT_DATA = ROOT / "tests" / "audit" / "data"


def test_evaluate_on_the_cluster_writes_what_the_process_pool_writes(dask_cluster: DaskCluster, tmp_path: Path) -> None:
    write_files(tmp_path / "in", list(generate(5, seed=21)))
    shutil.copy(EXAMPLES / "wanzhou-2020.xlsx", tmp_path / "in")  # a workbook travels as bytes too
    (tmp_path / "in" / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    pool = jixiao("evaluate", str(tmp_path / "in"), "-o", str(tmp_path / "pool"), "--jobs", "2")
    cluster = jixiao("evaluate", str(tmp_path / "in"), "-o", str(tmp_path / "cluster"), "--cluster", dask_cluster.address)
    assert pool.returncode == cluster.returncode == 1, cluster.stderr  # broken.xlsx failed, the others were written
    assert f"Dask 集群 {dask_cluster.address}" in cluster.stderr
    assert pool.stdout == cluster.stdout.replace(str(tmp_path / "cluster"), str(tmp_path / "pool"))
    written = tree(tmp_path / "pool")
    assert sum(k.endswith("自评报告.docx") for k in written) == 6 and "summary.xlsx" in written
    assert tree(tmp_path / "cluster") == written
    assert f"[失败] 6. {tmp_path / 'in' / 'broken.xlsx'}：" in cluster.stdout


def test_audit_on_the_cluster_finds_what_the_process_pool_finds(dask_cluster: DaskCluster, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for f in [*sorted((AUDIT_DATA / "modelled").glob("*.txt")), *sorted((AUDIT_DATA / "synthetic").glob("*.txt"))]:
        shutil.copy(f, folder)
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 no text layer, not even a real PDF")
    outputs = {}
    for label, engine in (("pool", ["--jobs", "2"]), ("cluster", ["--cluster", dask_cluster.address])):
        run = jixiao("audit", str(folder), "-o", str(tmp_path / f"{label}.json"), *engine)
        assert run.returncode == 1, run.stderr  # the modelled seeds carry real inconsistencies
        outputs[label] = run.stdout.replace(str(tmp_path / f"{label}.json"), "OUT")
    assert outputs["pool"] == outputs["cluster"]
    assert "无法读取 1" in outputs["cluster"] and "[无法读取]" in outputs["cluster"]
    assert (tmp_path / "pool.json").read_bytes() == (tmp_path / "cluster.json").read_bytes()


def test_a_worker_killed_mid_run_loses_nothing_and_duplicates_nothing(dask_cluster: DaskCluster,
                                                                      tmp_path: Path) -> None:
    write_files(tmp_path / "in", list(generate(16, seed=33)))
    pool = jixiao("evaluate", str(tmp_path / "in"), "-o", str(tmp_path / "pool"), "--format", "docx,json", "-j", "2")
    assert pool.returncode == 0, pool.stderr
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    run = subprocess.Popen([sys.executable, "-m", "jixiao", "evaluate", str(tmp_path / "in"), "-o",
                            str(tmp_path / "cluster"), "--format", "docx,json", "--cluster", dask_cluster.address],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
                           stdin=subprocess.DEVNULL)
    victim = None
    try:
        with dask_cluster.client() as client:
            deadline = time.monotonic() + 300
            while victim is None and run.poll() is None and time.monotonic() < deadline:
                busy = {addr for addr, keys in client.processing().items()
                        if any(str(k).startswith("jixiao-") for k in keys)}
                names = {addr: name for name, addr in dask_cluster.live().items()}
                victim = next((names[a] for a in sorted(busy) if a in names), None)
                if victim is None:
                    time.sleep(0.05)
        assert victim is not None, "the run ended before a worker could be killed"
        dask_cluster.kill(victim)  # SIGKILL while it holds a chunk
        stdout, stderr = run.communicate(timeout=600)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 0, stderr
    assert victim not in dask_cluster.live()
    written = tree(tmp_path / "pool")
    assert sum(k.endswith("result.json") for k in written) == 16
    assert tree(tmp_path / "cluster") == written  # every package once, none missing, the same bytes
    assert stdout.count("成功") == 16


def test_the_client_keeps_no_result_once_it_is_handed_over(dask_cluster: DaskCluster) -> None:
    """Each chunk's results are freed in the client once handed over: memory flat in the number of inputs."""
    engine = DaskEngine(dask_cluster.address)
    try:
        assert results_let_go(engine) == 120
    finally:
        engine.close()


def test_a_local_cluster_lets_the_inputs_of_finished_tasks_go() -> None:
    """The scheduler of a local cluster runs in this process: Dask's debugging logs of the messages it sent kept
    each task — its inputs, deserialized — for the last 1,000 batches, so a run held every chunk's inputs to the
    end (~160 KB a chunk of department files). With the engine's log length only the last few batches stay."""
    engine = DaskEngine("local:1")
    try:
        kept = inputs_kept(engine, count=120)
    finally:
        engine.close()
    assert kept <= DEBUG_LOG_LENGTH * 4  # at most the last few batches' tasks, 4 inputs each, of the 30
    assert dask.config.get("distributed.admin.low-level-log-length") == 1000  # as it was before the engine


def test_a_local_cluster_takes_no_fixed_port() -> None:
    """The scheduler of a local cluster serves no dashboard, and its HTTP server (health, metrics) takes a free port:
    with 8787 (Dask's dashboard port) taken, as by another cluster on the machine, it warns of nothing."""
    taken = socket.socket()
    try:
        taken.bind(("127.0.0.1", 8787))
        taken.listen()
    except OSError:
        pass  # already taken on this machine: the same case
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            engine = DaskEngine("local:1")
            try:
                port = engine._client.scheduler_info()["services"]["dashboard"]
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=10) as answer:
                    assert answer.read() == b"ok"
                with pytest.raises(urllib.error.HTTPError) as no_dashboard:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=10)
                assert no_dashboard.value.code == 404
            finally:
                engine.close()
    finally:
        taken.close()
    assert port != 8787
    assert [str(w.message) for w in caught if "already in use" in str(w.message)] == []


def test_the_test_cluster_takes_no_fixed_port(dask_cluster: DaskCluster) -> None:
    """The tests' ``dask scheduler`` too: its HTTP server on a free port, never 8787, and no warning that it is taken
    (with 8787 free the old one took it, on every interface; with 8787 taken it warned)."""
    with dask_cluster.client() as client:
        port = client.scheduler_info()["services"]["dashboard"]
    assert port != 8787
    assert "already in use" not in dask_cluster.log("scheduler")


def test_two_engines_leave_the_configuration_as_it_was() -> None:
    """dask.config and logging are one for the whole process: an engine sets the log length only while its client,
    cluster and workers are made, and keeps Dask's loggers at ERROR while any engine is open. Two engines open at once,
    closed in the order they were opened, leave both as they were (before, the second engine's close put back the
    first one's log length of 10 for good, and the loggers stayed at ERROR), and the one still open keeps its short
    logs and its quiet."""
    key = "distributed.admin.low-level-log-length"
    levels = {name: logging.getLogger(name).level for name in DASK_LOGGERS}
    for name in DASK_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)  # whatever earlier tests left
    try:
        first = DaskEngine("local:1")
        try:
            assert dask.config.get(key) == 1000
            second = DaskEngine("local:1")
            try:
                assert dask.config.get(key) == 1000
            finally:
                first.close()
            try:
                assert dask.config.get(key) == 1000
                assert {logging.getLogger(name).level for name in DASK_LOGGERS} == {logging.ERROR}
                assert inputs_kept(second, count=120) <= DEBUG_LOG_LENGTH * 4
            finally:
                second.close()
        finally:
            first.close()
        assert dask.config.get(key) == 1000
        assert {logging.getLogger(name).level for name in DASK_LOGGERS} == {logging.WARNING}
    finally:
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


def test_a_local_cluster_writes_what_one_process_writes(tmp_path: Path) -> None:
    """`--cluster local:2` starts a Dask LocalCluster for the run: the same files as `--jobs 1`."""
    write_files(tmp_path / "in", list(generate(10, seed=41)))
    for label, engine in (("one", ["--jobs", "1"]), ("local", ["--cluster", "local:2"])):
        run = jixiao("evaluate", str(tmp_path / "in"), "-o", str(tmp_path / label), "--format", "docx,xlsx,json",
                     *engine)
        assert run.returncode == 0, run.stderr
    assert "Dask 本地集群（2 个工作进程）" in run.stderr
    one = tree(tmp_path / "one")
    assert sum(k.endswith("自评报告.docx") for k in one) == 10 and "summary.xlsx" in one
    assert tree(tmp_path / "local") == one


@pytest.mark.postgres
def test_the_cluster_run_stores_every_department_year_in_postgresql(dask_cluster: DaskCluster, postgres_url: str,
                                                                      tmp_path: Path) -> None:
    """Workers evaluate, the client imports into the shared PostgreSQL store: each department-year once."""
    write_files(tmp_path / "in", list(generate(6, seed=43)))
    assert jixiao("db", "init", "--db", postgres_url).returncode == 0
    first = jixiao("evaluate", str(tmp_path / "in"), "--store", "--db", postgres_url, "--cluster", dask_cluster.address)
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("成功，新增（第 1 版）") == 6
    again = jixiao("evaluate", str(tmp_path / "in"), "--store", "--db", postgres_url, "--cluster", dask_cluster.address)
    assert again.stdout.count("成功，未变化（第 1 版）") == 6, again.stdout
    listed = jixiao("list", "--db", postgres_url)
    assert listed.returncode == 0 and listed.stdout.count("样本0000") == 6
