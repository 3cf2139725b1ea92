"""Render charts in a second process that starts importing the chart code at once.

A forked worker imports Pillow and finds the chart font while the main process loads
the data, evaluates and writes the other files, then draws the charts it is sent.
Where ``fork`` is not available the charts are drawn inline.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
from multiprocessing.connection import Connection
from pathlib import Path

from jixiao.report.model import ChartSpec


def _serve(conn: Connection) -> None:
    try:
        from jixiao.report.charts import render_chart  # the slow import, done while the parent works

        job = conn.recv()
        if job is None:
            return
        specs, outdir = job
        done: dict[str, str] = {}
        for spec in specs:
            path = Path(outdir) / spec.filename
            path.write_bytes(render_chart(spec))
            done[spec.key] = str(path)
        conn.send(("ok", done))
    except BaseException as exc:  # reported to the parent, which falls back to drawing inline
        with contextlib.suppress(OSError, ValueError):
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


class ChartWorker:
    """Start early with :meth:`start`; :meth:`render` sends the job, :meth:`result` waits for the files."""

    def __init__(self) -> None:
        self._conn: Connection | None = None
        self._proc: mp.process.BaseProcess | None = None
        self._specs: tuple[ChartSpec, ...] = ()
        self._outdir: Path | None = None

    def start(self) -> ChartWorker:
        if "fork" not in mp.get_all_start_methods():
            return self
        ctx = mp.get_context("fork")
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_serve, args=(child,), daemon=True)
        try:
            proc.start()
        except OSError:
            return self
        child.close()
        self._conn, self._proc = parent, proc
        return self

    def render(self, specs: tuple[ChartSpec, ...], outdir: Path) -> None:
        self._specs, self._outdir = specs, outdir
        if self._conn is not None:
            try:
                self._conn.send((specs, str(outdir)))
            except (OSError, ValueError):
                self._close()

    def result(self) -> dict[str, Path]:
        """The chart files by key; drawn inline if the worker is absent or failed."""
        assert self._outdir is not None
        if self._conn is not None:
            try:
                status, payload = self._conn.recv()
            except (EOFError, OSError):
                status, payload = "error", None
            self._close()
            if status == "ok":
                return {k: Path(v) for k, v in payload.items()}
        from jixiao.report.charts import render_chart

        out = {}
        for spec in self._specs:
            path = self._outdir / spec.filename
            path.write_bytes(render_chart(spec))
            out[spec.key] = path
        return out

    def stop(self) -> None:
        """End the worker without waiting: no job will come, or its result is no longer wanted
        (the run failed or was interrupted; the worker must not write into a removed folder)."""
        if self._proc is not None:
            self._proc.terminate()
        self._close()

    def _close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._proc is not None:
            self._proc.join(timeout=30)
            self._proc = None


_early: ChartWorker | None = None


def start_early() -> None:
    """Fork the chart worker before the CLI's own imports; :func:`take_early` hands it over."""
    global _early
    if _early is None:
        _early = ChartWorker().start()


def take_early() -> ChartWorker | None:
    """The worker started by :func:`start_early`, once; None if there is none."""
    global _early
    worker, _early = _early, None
    return worker
