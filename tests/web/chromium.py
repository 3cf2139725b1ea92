"""Debian's headless Chromium driven by Playwright (never a downloaded browser).

``CHROMIUM`` is the system browser from the ``chromium`` package that
scripts/setup.sh installs; Playwright's own browser download is never used.
When the browser cannot start, tests fail under CI=true and are skipped elsewhere.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

CHROMIUM = os.environ.get("JIXIAO_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",  # tests run as root in CI
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser tests need Debian's chromium under CI: {reason}")
    pytest.skip(reason)


@contextmanager
def chromium(downloads: Path) -> Iterator[BrowserContext]:
    """A fresh browser profile (its own --user-data-dir) that accepts downloads."""
    if not Path(CHROMIUM).exists():
        unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as exc:
        unavailable(f"playwright is not installed: {exc}")
        raise
    profile = tempfile.mkdtemp(prefix="jixiao-chromium-")
    try:
        with sync_playwright() as pw:
            try:
                context = pw.chromium.launch_persistent_context(
                    profile, executable_path=CHROMIUM, headless=True, args=FLAGS, accept_downloads=True,
                    downloads_path=str(downloads), locale="zh-CN", viewport={"width": 1280, "height": 900},
                )
            except Error as exc:
                unavailable(f"chromium did not start: {exc}")
                raise
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
