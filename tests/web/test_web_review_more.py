"""Reviewer pages beyond the dashboard: a drill-down's year-on-year table over two submitted years,
and an audit batch that mixes every document format the auditor reads."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import docx
from fastapi import FastAPI
from fastapi.testclient import TestClient
from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from jixiao.intake.template import workbook_bytes
from jixiao.model.load import load_department
from jixiao.model.records import replace
from jixiao.store.tables import Department
from jixiao.web import admin
from tests.helpers import needs_tool
from tests.web.conftest import EXAMPLES, audit_batch, page_csrf
from tests.web.site import WANZHOU, WANZHOU_REGION
from tests.web.test_web_pages import cells

Client = Callable[[str | None], TestClient]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UNIT = "重庆市万州区外事服务中心（同比测试）"  # a 二级单位 of Wanzhou made for this test only


def test_drilldown_compares_adjacent_years(app: FastAPI, client_for: Client, tokens: dict[str, str]) -> None:
    def unit(session: Session) -> None:
        admin.add_department(session, WANZHOU_REGION, UNIT, None, WANZHOU, None)

    app.state.services.db.write(unit)
    # the bundled framework covers 2020 only: the admin assigns it to the region's 2019 on the admin page
    root = client_for("root")
    r = root.post("/admin/frameworks", data={"csrf_token": page_csrf(root, "/admin/frameworks"), "region": WANZHOU_REGION,
                                             "year": "2019", "framework": "chongqing-district-2020"},
                  follow_redirects=False)
    assert r.status_code == 303, r.text[:500]
    dy, _ = load_department(EXAMPLES / "wanzhou-2020.yaml")
    assert dy is not None
    profile = replace(dy.profile, **{"name": UNIT})
    y2020 = replace(dy, **{"profile": profile})
    # the year before: same budget, one person fewer on the payroll (6 of 7 posts instead of 7)
    y2019 = replace(dy, **{"profile": replace(profile, **{"year": 2019}),
                                  "staffing": replace(dy.staffing, **{"actual": 6})})
    api = TestClient(app)
    totals = {}
    for year, data in ((2019, y2019), (2020, y2020)):
        r = api.post("/api/v1/submissions", headers={"Authorization": f"Bearer {tokens['wz']}"},
                     files={"file": (f"{year}.xlsx", workbook_bytes(data), XLSX)})
        assert r.status_code == 201, r.text
        assert (r.json()["department"], r.json()["year"]) == (UNIT, year)
        totals[year] = Decimal(r.json()["total"])

    with app.state.services.db.reading() as session:
        unit_id = session.scalars(select(Department.id).where(Department.name == UNIT)).one()
    page = client_for("rev").get(f"/review/departments/{unit_id}")
    assert page.status_code == 200
    assert "2020 年度与 2019 年度相比" in page.text
    assert [row[0] for row in cells(page.text, "years")[1:]] == ["2019", "2020"]
    yoy = {row[0]: row[1:] for row in table_rows(page.text, '<table class="yoy">')}
    assert yoy["在职人数"] == ["6", "7", "1", "16.67%"]  # 1 ÷ 6 = 16.666…%, shown half up
    assert yoy["全年预算数"] == ["226.86", "226.86", "0.00", "0.00%"]
    assert yoy["支出合计"] == ["226.75", "226.75", "0.00", "0.00%"]
    before, after, diff = (Decimal(v) for v in yoy["自评总分"][:3])
    assert (before, after, diff) == (totals[2019], totals[2020], totals[2020] - totals[2019])


def table_rows(html: str, opening: str) -> list[list[str]]:
    """Cell texts of the first table that starts with ``opening``, header row dropped."""
    body = html.split(opening, 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    parsed = [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S)]
              for r in rows]
    return parsed[1:]


# One sentence of a self-evaluation report with a rate that does not follow from its figures:
# 1.79 ÷ 2 = 89.50%, not 89.8%.
SENTENCE = "公务用车购置及运行费支出决算为1.79万元，完成预算2万元的89.8%。"


def documents(folder: Path) -> dict[str, bytes]:
    d = docx.Document()
    d.add_paragraph("某某局2022年度部门整体支出绩效自评报告")
    d.add_paragraph(SENTENCE)
    d.save(str(folder / "报告.docx"))
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "自评表"
    ws["A1"] = "某某局2022年度部门整体支出绩效自评表"
    ws["A2"] = SENTENCE
    buf = io.BytesIO()
    wb.save(buf)
    from jixiao.report.pdf import docx_to_pdf

    docx_to_pdf(folder / "报告.docx", folder)  # the same report printed to PDF (LibreOffice)
    return {"报告.txt": SENTENCE.encode(), "报告.docx": (folder / "报告.docx").read_bytes(),
            "自评表.xlsx": buf.getvalue(), "报告.pdf": (folder / "报告.pdf").read_bytes()}


@needs_tool("soffice")
def test_audit_batch_of_every_format(client_for: Client, tmp_path: Path) -> None:
    files = documents(tmp_path)
    done = audit_batch(client_for("rev"), "四种格式", files)
    assert "审核完成" in done
    found = sorted((row[0], row[5], row[6]) for row in table_rows(done, '<table class="findings">'))
    assert found == sorted((name, "89.8%", "89.50%") for name in files)


def test_dashboard_sorts_and_searches(client_for: Client) -> None:
    # three seeds no other web test re-submits (Wanzhou and Guangzhou get new revisions elsewhere)
    seeds = {"南昌市外事侨务办公室", "中共韶关市委外事工作委员会办公室", "中共湛江市委外事工作委员会办公室"}
    c = client_for("rev")

    def board(query: str) -> list[list[str]]:
        return [row for row in cells(c.get(f"/review?{query}").text, "dashboard")[1:] if len(row) > 1]

    def total(row: list[str]) -> Decimal:
        return Decimal(row[5].removesuffix("（不完整）")) if row[5] else Decimal(-1)

    everything = board("year=all&sort=total")
    assert len(everything) >= 5 and [total(r) for r in everything] == sorted((total(r) for r in everything), reverse=True)
    # totals as stored: all three are incomplete (missing data under their frameworks)
    assert [(r[1], r[5]) for r in everything if r[1] in seeds] == [
        ("中共湛江市委外事工作委员会办公室", "51.5（不完整）"), ("南昌市外事侨务办公室", "41.71（不完整）"),
        ("中共韶关市委外事工作委员会办公室", "23（不完整）")]
    by_year = [int(r[3]) for r in board("year=all&sort=year")]
    assert by_year == sorted(by_year, reverse=True) and {2023, 2022, 2021, 2020, 2017} <= set(by_year)
    assert [r[1] for r in board("year=all&q=湛江")] == ["中共湛江市委外事工作委员会办公室"]
    assert cells(c.get("/review?year=all&q=不存在的部门").text, "dashboard")[1:] == [["没有符合条件的部门。"]]
