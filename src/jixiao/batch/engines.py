"""Where batch work runs: this process, a process pool on this machine, or a Dask cluster.

The command line chooses once per run (``--jobs N`` or ``--cluster ADDRESS|local:N``); the runner
(:mod:`jixiao.batch.runner`) sees only this small interface: submit a chunk, wait for some to finish,
tell a lost worker from a failed task. Process pools come from :mod:`concurrent.futures`; clusters are
real Dask distributed (a running scheduler, or a ``LocalCluster`` started for the run) — jixiao
schedules nothing itself. A Dask worker that dies mid-task has its task rerun on another worker by
the scheduler; only a chunk that killed workers again and again reaches the runner as lost.
"""

from __future__ import annotations

import logging
import os
import threading
import weakref
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_futures
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Protocol

LOCAL_PREFIX = "local:"
CONNECT_SECONDS = 20
WORKER_WAIT_SECONDS = 60
RETRIES = 2  # a task that raised is retried on another worker (e.g. one worker lacks the package)
# Dask keeps, for its developers, the last ``distributed.admin.low-level-log-length`` (1,000) batches of messages
# each of its streams sent (under 1 MB each), the scheduler's transitions and events: a chunk's task, which carries
# its inputs, stayed in the client's stream to the scheduler and, with a local cluster, in the scheduler's stream
# to the worker — 1,000 chunks of inputs held to the end of the run. A run keeps the last few.
DEBUG_LOG_LENGTH = 10


DASK_LOGGERS = ("distributed", "distributed.worker", "distributed.scheduler", "distributed.nanny")


class _QuietDask:
    """Dask's loggers at ERROR while any engine is open (a run's output is jixiao's), as they were once the last one
    closes: logging, like dask.config, is one for the whole process, and engines may overlap."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open = 0
        self._levels: dict[str, int] = {}

    def enter(self) -> None:
        with self._lock:
            if self._open == 0:
                self._levels = {name: logging.getLogger(name).level for name in DASK_LOGGERS}
                for name in DASK_LOGGERS:
                    logging.getLogger(name).setLevel(logging.ERROR)
            self._open += 1

    def leave(self) -> None:
        with self._lock:
            self._open -= 1
            if self._open == 0:
                for name, level in self._levels.items():
                    logging.getLogger(name).setLevel(level)


_QUIET = _QuietDask()


class EngineError(Exception):
    """The engine cannot start (no scheduler at the address, bad option); the message is Chinese."""


@dataclass(frozen=True)
class EngineSpec:
    """What the user asked for: ``jobs`` processes here, or a Dask ``cluster``."""

    jobs: int | None = None
    cluster: str | None = None

    def __post_init__(self) -> None:
        if self.jobs is not None and self.jobs < 1:
            raise EngineError(f"--jobs 应为正整数，实际为 {self.jobs}")
        if self.cluster is not None:
            if self.jobs is not None:
                raise EngineError("--jobs 与 --cluster 只能选一个：--jobs 在本机并行，--cluster 交给 Dask 集群")
            local_workers(self.cluster)  # validates local:N

    def describe(self) -> str:
        if self.cluster is None:
            n = self.jobs or os.cpu_count() or 1
            return "本进程" if n == 1 else f"本机 {n} 个进程"
        n_local = local_workers(self.cluster)
        return f"Dask 本地集群（{n_local} 个工作进程）" if n_local else f"Dask 集群 {self.cluster}"


def local_workers(cluster: str) -> int | None:
    """N for ``local:N``; None for a scheduler address; raises :class:`EngineError` on a bad value."""
    if not cluster.startswith(LOCAL_PREFIX):
        if "://" not in cluster and ":" not in cluster:
            raise EngineError(f"--cluster 应为调度器地址（如 tcp://10.0.0.5:8786）或 local:N，实际为「{cluster}」")
        return None
    text = cluster[len(LOCAL_PREFIX):]
    if not text.isdigit() or int(text) < 1:
        raise EngineError(f"--cluster local:N 中的 N 应为正整数，实际为「{text}」")
    return int(text)


class Engine(Protocol):
    """A place to run chunk tasks."""

    workers: int  # how many tasks run at once (for chunk sizes and the submission window)
    attributes_loss: bool  # a lost task is known to be the culprit (Dask), not a bystander (a broken pool)

    def submit(self, fn: Callable[..., Any], *args: Any, key: str) -> Any: ...

    def wait(self, futures: Iterable[Any]) -> set[Any]: ...

    def lost(self, exc: BaseException) -> bool: ...

    def recover(self, future: Any) -> None: ...

    def close(self) -> None: ...


class InlineEngine:
    """``--jobs 1``: every chunk in this process, one after the other (no pool to start)."""

    workers = 1
    attributes_loss = True

    def submit(self, fn: Callable[..., Any], *args: Any, key: str) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args))
        except Exception as exc:
            future.set_exception(exc)
        return future

    def wait(self, futures: Iterable[Any]) -> set[Any]:
        return set(futures)

    def lost(self, exc: BaseException) -> bool:
        return False

    def recover(self, future: Any) -> None:
        pass

    def close(self) -> None:
        pass


class PoolEngine:
    """``--jobs N``: a :class:`ProcessPoolExecutor` of N processes on this machine.

    A process that dies (out of memory, a crash in C code) breaks the whole pool: every chunk in
    flight fails with :class:`BrokenProcessPool`. :meth:`recover` starts a fresh pool once per
    breakage; the runner then reruns those chunks one at a time to find the culprit. Which pool a future
    was born in is kept only while someone holds the future: a finished chunk's results (a package's
    files, as bytes) must not stay in memory after the runner has let go of them.
    """

    attributes_loss = False

    def __init__(self, jobs: int) -> None:
        self.workers = jobs
        self._pool = ProcessPoolExecutor(max_workers=jobs)
        self._generation = 0
        self._born: weakref.WeakKeyDictionary[Future[Any], int] = weakref.WeakKeyDictionary()

    def submit(self, fn: Callable[..., Any], *args: Any, key: str) -> Future[Any]:
        future = self._pool.submit(fn, *args)
        self._born[future] = self._generation
        return future

    def wait(self, futures: Iterable[Any]) -> set[Any]:
        done, _ = wait_futures(list(futures), return_when=FIRST_COMPLETED)
        return set(done)

    def lost(self, exc: BaseException) -> bool:
        return isinstance(exc, BrokenProcessPool)

    def recover(self, future: Any) -> None:
        if self._born.pop(future, self._generation) == self._generation:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = ProcessPoolExecutor(max_workers=self.workers)
            self._generation += 1

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskEngine:
    """``--cluster``: tasks go to a Dask distributed scheduler, which places them on its workers.

    Inputs travel inside the tasks (bytes), so workers need no shared file system, and the
    scheduler keeps them to rerun a task whose worker died. Each chunk has its own key, unique
    to the run, so a rerun result replaces nothing and is never counted twice. Dask's debugging logs of the
    client, the local cluster and its workers keep :data:`DEBUG_LOG_LENGTH` entries (the configuration is set
    while they are made, and only then), so a task's inputs are let go once it is done.
    """

    attributes_loss = True

    def __init__(self, cluster: str) -> None:
        try:
            import dask.config
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - dask[distributed] is a dependency
            raise EngineError(f"未安装 Dask（dask[distributed]）：{exc}") from None
        self._cluster: Any = None
        n_local = local_workers(cluster)
        _QUIET.enter()
        self._quiet = True
        try:
            # Dask reads the log length when the client, the scheduler, its streams and the workers are made: it is
            # set while they are made and is as it was at once after, for the rest of the process (another engine,
            # the caller) — dask.config is one for the whole process
            with dask.config.set({"distributed.admin.low-level-log-length": DEBUG_LOG_LENGTH}):
                self._client: Any = self._connect(cluster, n_local, Client, LocalCluster)
                try:
                    self._client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
                except Exception:
                    self.close()
                    raise EngineError(f"Dask 调度器 {cluster} 在 {WORKER_WAIT_SECONDS} 秒内没有可用的工作进程"
                                      "（dask worker）") from None
        except BaseException:
            self._speak()
            raise
        info = self._client.scheduler_info()
        self.workers = max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))

    def _connect(self, cluster: str, n_local: int | None, client: Any, local_cluster: Any) -> Any:
        """A client of the scheduler at ``cluster``, or of a local cluster of ``n_local`` workers started here."""
        try:
            if n_local is None:
                return client(cluster, timeout=CONNECT_SECONDS, set_as_default=False)
            # no dashboard; the scheduler's HTTP server (health, metrics) still starts, on port 8787 unless told
            # otherwise ("Port 8787 is already in use" beside another cluster): a free loopback port
            self._cluster = local_cluster(n_workers=n_local, threads_per_worker=1, processes=True, host="127.0.0.1",
                                          dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                                          silence_logs=logging.ERROR)
            return client(self._cluster, set_as_default=False)
        except OSError as exc:
            self._shutdown_cluster()
            raise EngineError(f"无法连接 Dask 调度器 {cluster}：{exc}（请确认 dask scheduler 已启动、地址和端口正确）") from None
        except BaseException:
            self._shutdown_cluster()
            raise

    def submit(self, fn: Callable[..., Any], *args: Any, key: str) -> Any:
        return self._client.submit(fn, *args, key=key, pure=False, retries=RETRIES)

    def wait(self, futures: Iterable[Any]) -> set[Any]:
        from distributed import wait

        with self._client.as_current():
            done, _ = wait(list(futures), return_when="FIRST_COMPLETED")
        return set(done)

    def lost(self, exc: BaseException) -> bool:
        from distributed import KilledWorker

        return isinstance(exc, KilledWorker)

    def recover(self, future: Any) -> None:
        pass

    def close(self) -> None:
        try:
            self._client.close()
        finally:
            try:
                self._shutdown_cluster()
            finally:
                self._speak()

    def _speak(self) -> None:
        """Dask's loggers back to their levels once the last engine is done (once per engine)."""
        if self._quiet:
            self._quiet = False
            _QUIET.leave()

    def _shutdown_cluster(self) -> None:
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


def start(spec: EngineSpec) -> Engine:
    """The engine for ``spec``, started; the caller closes it. Raises :class:`EngineError`."""
    if spec.cluster is not None:
        return DaskEngine(spec.cluster)
    jobs = spec.jobs or os.cpu_count() or 1
    return InlineEngine() if jobs == 1 else PoolEngine(jobs)
