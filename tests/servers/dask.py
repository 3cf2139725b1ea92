"""A real Dask cluster for tests: ``dask scheduler`` and ``dask worker`` processes on loopback.

Import the fixture into a ``conftest.py`` (``from tests.servers.dask import dask_cluster``).
``dask_cluster`` (session scope) starts the scheduler on a free port and two single-threaded
workers, each its own process (no nanny, so killing one really loses it), from the CLIs of the
virtualenv that runs the tests. Each test gets it with two live workers (a killed one is
replaced). Workers run in an empty folder of their own: inputs reach them only as bytes.

When the cluster cannot start, tests that need it fail under ``CI=true`` and are skipped with
the reason otherwise.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from distributed import Client

START_SECONDS = 120  # a loaded machine imports distributed slowly
WORKERS = 2


class ClusterUnavailable(Exception):
    pass


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _dask_cli() -> str:
    candidate = Path(sys.executable).with_name("dask")
    if candidate.exists():
        return str(candidate)
    found = shutil.which("dask")
    if found is None:
        raise ClusterUnavailable("找不到 dask 命令（dask[distributed] 未安装？）")
    return found


@dataclass
class DaskCluster:
    """A running scheduler at ``address`` and its worker processes by name."""

    address: str
    scheduler: subprocess.Popen[bytes]
    folder: Path
    workers: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    started: int = 0

    def start_worker(self) -> str:
        self.started += 1
        name = f"w{self.started}"
        log = (self.folder / f"{name}.log").open("wb")
        work = self.folder / name
        work.mkdir()
        self.workers[name] = subprocess.Popen(
            [_dask_cli(), "worker", self.address, "--name", name, "--nthreads", "1", "--no-nanny",
             "--no-dashboard", "--host", "127.0.0.1", "--local-directory", str(work), "--memory-limit", "0"],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=work, env=_env())
        return name

    def client(self) -> Client:
        from distributed import Client

        return Client(self.address, timeout=30, set_as_default=False)  # type: ignore[no-untyped-call]

    def live(self) -> dict[str, str]:
        """Connected workers: name → address."""
        with self.client() as c:
            return {str(w["name"]): addr for addr, w in c.scheduler_info()["workers"].items()}

    def ensure_workers(self, n: int = WORKERS) -> None:
        for name, proc in list(self.workers.items()):
            if proc.poll() is not None:
                del self.workers[name]
        while len(self.workers) < n:
            self.start_worker()
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.scheduler.poll() is not None:
                raise ClusterUnavailable(f"dask scheduler 已退出：\n{self.log('scheduler')}")
            dead = [name for name, p in self.workers.items() if p.poll() is not None]
            if dead:
                raise ClusterUnavailable(f"dask worker {dead[0]} 已退出：\n{self.log(dead[0])}")
            try:
                if set(self.workers) <= set(self.live()):
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise ClusterUnavailable(f"{START_SECONDS} 秒内工作进程未全部连上调度器")

    def kill(self, name: str) -> None:
        proc = self.workers.pop(name)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)

    def log(self, name: str) -> str:
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def stop(self) -> None:
        for proc in [*self.workers.values(), self.scheduler]:
            if proc.poll() is None:
                proc.terminate()
        for proc in [*self.workers.values(), self.scheduler]:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DASK_")}
    root = Path(__file__).resolve().parents[2]  # src for jixiao, the root for test tasks (tests.batch.tasks)
    paths = [str(root / "src"), str(root), *filter(None, [env.get("PYTHONPATH")])]
    env["PYTHONPATH"] = os.pathsep.join(paths)
    return env


def start_cluster(folder: Path) -> DaskCluster:
    port = _free_port()
    log = (folder / "scheduler.log").open("wb")
    scheduler = subprocess.Popen(
        # no dashboard; its HTTP server (health, metrics) would still take 8787 on every interface: a free loopback port
        [_dask_cli(), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard",
         "--dashboard-address", "127.0.0.1:0"],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=folder, env=_env())
    cluster = DaskCluster(f"tcp://127.0.0.1:{port}", scheduler, folder)
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            if scheduler.poll() is not None:
                raise ClusterUnavailable(f"dask scheduler 未能启动：\n{cluster.log('scheduler')}")
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if time.monotonic() > deadline:
                raise ClusterUnavailable(f"dask scheduler {START_SECONDS} 秒内未开始监听")
            time.sleep(0.2)
        cluster.ensure_workers()
    except BaseException:
        cluster.stop()
        raise
    return cluster


@pytest.fixture(scope="session")
def dask_session() -> Iterator[DaskCluster]:
    folder = Path(tempfile.mkdtemp(prefix="jixiao-dask-"))
    try:
        cluster = start_cluster(folder)
    except (ClusterUnavailable, OSError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        if os.environ.get("CI") == "true":
            pytest.fail(f"Dask 集群无法启动（CI 中必须可用）：{exc}")
        pytest.skip(f"Dask 集群无法启动：{exc}")
    try:
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def dask_cluster(dask_session: DaskCluster) -> DaskCluster:
    """The session's cluster with two live workers."""
    try:
        dask_session.ensure_workers()
    except ClusterUnavailable as exc:
        pytest.fail(str(exc))
    return dask_session
