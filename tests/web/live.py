"""``jixiao serve`` in a subprocess on a free loopback port, stopped afterwards."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
JIXIAO = [sys.executable, "-m", "jixiao"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def jixiao(*args: str, db: str, stdin: str | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run the real CLI against ``db`` (a URL or a SQLite path)."""
    return subprocess.run([*JIXIAO, *args, "--db", db], input=stdin, capture_output=True, text=True,
                          check=check, cwd=ROOT, timeout=600)


@contextmanager
def serve(db: str | None, data_dir: Path, log: Path, env: dict[str, str] | None = None,
          extra: list[str] | None = None) -> Iterator[str]:
    """Start the server and wait until /healthz answers; yields the base URL. Without ``db`` the
    server finds its store in the environment (``JIXIAO_DATABASE_URL`` in ``env``)."""
    port = free_port()
    full_env = {**os.environ, "JIXIAO_SECRET_KEY": "test-secret-" + "k" * 40, **(env or {})}
    with log.open("w") as out:
        proc = subprocess.Popen(
            [*JIXIAO, "serve", "--host", "127.0.0.1", "--port", str(port), *(("--db", db) if db else ()),
             "--data-dir", str(data_dir), *(extra or [])],
            stdout=out, stderr=subprocess.STDOUT, cwd=ROOT, env=full_env, start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"jixiao serve exited with {proc.returncode}: {log.read_text()}")
                try:
                    with urllib.request.urlopen(base + "/healthz", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"jixiao serve did not answer within 60 s: {log.read_text()}")
                time.sleep(0.2)
            yield base
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
