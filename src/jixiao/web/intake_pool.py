"""Reading uploaded workbooks in worker processes, so the server's own process stays free to answer.

Parsing a workbook (openpyxl) takes a few hundred milliseconds of CPU; done in the
server's threads it would hold the interpreter lock while result pages wait. The
pool uses the ``spawn`` start method (the server process has threads, which a fork
would copy mid-flight) and is started on first use; ``workers=0`` reads in-process.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from jixiao.findings import Finding
from jixiao.model import DepartmentYear
from jixiao.store.importing import Source, read_source

Read = tuple[Source | None, DepartmentYear | None, list[Finding]]


def _warm() -> None:
    import jixiao.intake.workbook  # noqa: F401  (the slow import happens once per worker, not per upload)


class IntakePool:
    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(self.workers, mp_context=get_context("spawn"), initializer=_warm)
            return self._pool

    async def read(self, path: Path) -> Read:
        """The file's source, department-year and findings; awaits the worker without holding a thread."""
        if self.workers == 0:
            from fastapi.concurrency import run_in_threadpool

            return await run_in_threadpool(read_source, path)
        return await asyncio.wrap_future(self._executor().submit(read_source, path))

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None
