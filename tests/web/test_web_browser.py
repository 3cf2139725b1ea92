"""Real-browser tests: Debian's headless Chromium (Playwright) against ``jixiao serve`` on loopback.

Each step saves a screenshot under the test's output folder (pytest's ``tmp_path``).
The page must not log a console error (a Content-Security-Policy violation shows as one).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from docx import Document

from tests.web.chromium import chromium
from tests.web.site import EXAMPLES, GUANGZHOU, PASSWORD, WANZHOU

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
SEED_REPORTS = sorted((ROOT / "tests" / "audit" / "data" / "modelled").glob("seed_*.txt"))  # the seeds in our words
SEED_DEPARTMENTS = (WANZHOU, GUANGZHOU, "南昌市外事侨务办公室", "中共韶关市委外事工作委员会办公室",
                    "中共湛江市委外事工作委员会办公室")
# tests/audit/EXPECTED.md: every finding the auditor must list on the seeds, as (report, stated, recomputed)
SEED_FINDINGS = {
    ("seed_000.txt", "89.8%", "89.50%"),
    ("seed_002.txt", "26名", "28名"),
    ("seed_003.txt", "0.04%", "0.05%"),
    ("seed_003.txt", "226.86万元", "226.75万元"),
    ("seed_004.txt", "97.65%", "93.26%"),
    ("seed_004.txt", "91.82万元", "91.76万元"),
    ("seed_004.txt", "7.44元", "7.44万元"),
    ("seed_004.txt", "13.88万元", "≤10万元"),
}


class Shots:
    """Numbered full-page screenshots in the test's folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "screenshots"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.n = 0

    def __call__(self, page: Page, name: str) -> Path:
        self.n += 1
        path = self.folder / f"{self.n:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 5000
        return path


@pytest.fixture
def context(tmp_path: Path) -> Iterator[BrowserContext]:
    with chromium(tmp_path / "downloads") as ctx:
        yield ctx


def open_page(context: BrowserContext, errors: list[str]) -> Page:
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page


def log_in(page: Page, base: str, name: str, shots: Shots) -> None:
    page.goto(base + "/login")
    shots(page, "login")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_department_flow(live_server: str, context: BrowserContext, tmp_path: Path) -> None:
    shots = Shots(tmp_path)
    errors: list[str] = []
    page = open_page(context, errors)
    log_in(page, live_server, "wz", shots)
    assert page.url == live_server + "/department"
    assert WANZHOU in page.inner_text("h1")
    shots(page, "department")

    page.set_input_files("input[name=file]", str(EXAMPLES / "wanzhou-2020.xlsx"))
    page.click("text=上传并评分")
    page.wait_for_url(re.compile(r".*/submissions/\d+$"))
    total = page.inner_text("#total")
    assert "94 分" in total and "优" in total
    assert page.locator("#indicators tbody tr").count() > 20
    assert page.locator("svg.chart").count() >= 2
    shots(page, "result")

    with page.expect_download() as info:
        page.click("text=下载自评报告.docx")
    saved = tmp_path / "自评报告.docx"
    info.value.save_as(saved)
    assert info.value.suggested_filename.endswith("自评报告.docx")
    doc = Document(str(saved))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert WANZHOU in text and "94" in text

    page.click("text=历年记录")
    assert "2020" in page.inner_text("table")
    shots(page, "history")
    assert errors == []


def test_reviewer_flow(live_server: str, context: BrowserContext, tmp_path: Path) -> None:
    assert len(SEED_REPORTS) == 5
    shots = Shots(tmp_path)
    errors: list[str] = []
    page = open_page(context, errors)
    log_in(page, live_server, "rev", shots)
    assert page.url.startswith(live_server + "/review")
    page.select_option("select[name=year]", "all")
    page.click("text=筛选")
    page.wait_for_load_state()
    table = page.inner_text("#dashboard")
    for name in SEED_DEPARTMENTS:
        assert name in table, name
    shots(page, "dashboard")

    page.click(f'#dashboard a:text-is("{WANZHOU}")')
    page.wait_for_url(re.compile(r".*/review/departments/\d+$"))
    years = page.inner_text("#years")
    assert "2020" in years and "94" in years and "优" in years
    shots(page, "drill-down")

    page.click("text=横向比较")
    page.wait_for_load_state()
    assert page.locator("svg.chart").count() >= 2
    shots(page, "compare")

    page.click("text=报告审核")
    page.fill("input[name=name]", "种子报告")
    page.set_input_files("input[name=files]", [str(p) for p in SEED_REPORTS])
    page.click("text=上传并审核")
    page.wait_for_url(re.compile(r".*/audits/\d+$"))
    shots(page, "audit-started")
    page.wait_for_selector("text=审核完成", timeout=120_000)  # htmx polls the progress fragment
    shots(page, "audit-done")
    rows = page.locator("table.findings tbody tr")
    found = set()
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td").all_inner_texts()
        found.add((cells[0], cells[5], cells[6]))
    assert found == SEED_FINDINGS
    with page.expect_download() as info:
        page.click("text=导出 Excel")
    assert info.value.suggested_filename.endswith(".xlsx")
    assert errors == []
