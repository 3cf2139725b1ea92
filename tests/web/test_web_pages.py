"""The pages through an HTTP client (the browser tests drive the same pages in Chromium)."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Callable

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import select

from jixiao.model.records import replace
from jixiao.store.tables import ChangeLogEntry
from tests.web.conftest import EXAMPLES, page_csrf
from tests.web.site import GUANGZHOU, WANZHOU, Site

Client = Callable[[str | None], TestClient]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cells(html: str, table_id: str) -> list[list[str]]:
    body = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S)] for r in rows]


def test_upload_with_errors_lists_sheet_and_cell(client_for: Client) -> None:
    c = client_for("wz")
    wb = load_workbook(EXAMPLES / "wanzhou-2020.xlsx")
    wb["收支情况"]["B4"] = "约二百万"
    wb["人员编制"]["B4"] = -3
    buf = io.BytesIO()
    wb.save(buf)
    r = c.post("/submissions", data={"csrf_token": page_csrf(c, "/department")},
               files={"file": ("填报.xlsx", buf.getvalue(), XLSX)})
    assert r.status_code == 422
    rows = cells(r.text, "upload-findings")
    located = {(row[2], row[3]) for row in rows[1:]}
    assert {row[1] for row in rows[1:]} == {"填报.xlsx"}
    assert ("收支情况", "B4") in located
    assert ("人员编制", "B4") in located
    assert "未保存" in r.text


def test_department_flow_result_charts_manual_history(client_for: Client, app: object) -> None:
    c = client_for("wz")
    home = c.get("/department")
    assert home.status_code == 200 and WANZHOU in home.text
    template = c.get("/department/template.xlsx?year=2020")
    assert template.status_code == 200
    assert "管理评价" in load_workbook(io.BytesIO(template.content)).sheetnames
    assert template.headers["content-disposition"].endswith("''" + "%E7%BB%A9%E6%95%88%E8%87%AA%E8%AF%84%E5%A1%AB%E6%8A%A5-2020.xlsx")

    wb = load_workbook(EXAMPLES / "wanzhou-2020.xlsx")
    wb["收支情况"]["B4"] = 230  # a changed 年初预算数 makes a new revision
    buf = io.BytesIO()
    wb.save(buf)
    r = c.post("/submissions", data={"csrf_token": page_csrf(c, "/department")},
               files={"file": ("万州 2020 修订.xlsx", buf.getvalue(), XLSX)}, follow_redirects=False)
    assert r.status_code == 303
    page = c.get(r.headers["location"])
    assert page.status_code == 200
    assert "第 2 版" in page.text
    table = cells(page.text, "indicators")
    assert table[0][:4] == ["编号", "指标", "分值", "得分"]
    assert len(table) > 20
    assert page.text.count("<svg") >= 2  # the report's charts, drawn inline
    assert 'href="/submissions/' in page.text and "自评报告.docx" in page.text

    hist = c.get("/department/history")
    versions = [row[2] for row in cells(hist.text, "history")[1:] if row[0] == WANZHOU and row[1] == "2020"]
    assert versions == ["第 2 版 最新", "第 1 版"]  # newest first, nothing overwritten


def test_manual_scores_make_a_new_revision(client_for: Client, site: Site) -> None:
    c = client_for("gz")
    page = c.get(f"/submissions/{site.guangzhou_revision}")
    assert page.status_code == 200
    fields = re.findall(r'name="score-([^"]+)"', page.text)
    assert fields  # the Guangzhou 2021 framework has hand-scored (qualitative) indicators
    ind = fields[0]
    bad = c.post(f"/submissions/{site.guangzhou_revision}/manual",
                 data={"csrf_token": page_csrf(c, f"/submissions/{site.guangzhou_revision}"), f"score-{ind}": "999",
                       f"reason-{ind}": "测试"})
    assert bad.status_code == 422 and "之间" in bad.text
    ok = c.post(f"/submissions/{site.guangzhou_revision}/manual",
                data={"csrf_token": page_csrf(c, f"/submissions/{site.guangzhou_revision}"), f"score-{ind}": "1",
                      f"reason-{ind}": "按制度执行，有记录"}, follow_redirects=False)
    assert ok.status_code == 303
    assert ok.headers["location"] != f"/submissions/{site.guangzhou_revision}"
    new = c.get(ok.headers["location"])
    assert "第 2 版" in new.text
    assert "按制度执行，有记录" in new.text
    # the old revision is kept and says it is not the newest
    assert "不是最新版本" in c.get(f"/submissions/{site.guangzhou_revision}").text


def test_reviewer_dashboard_drilldown_compare(client_for: Client, site: Site) -> None:
    c = client_for("rev")
    r = c.get("/review?year=all&sort=name")
    assert r.status_code == 200
    rows = cells(r.text, "dashboard")[1:]
    names = {row[1].split("\n")[0] for row in rows}
    assert {WANZHOU, GUANGZHOU, "南昌市外事侨务办公室", "中共韶关市委外事工作委员会办公室",
            "中共湛江市委外事工作委员会办公室"} <= names
    wz = next(row for row in rows if row[1].startswith(WANZHOU) and row[3] == "2020")
    assert wz[5].startswith("94") and wz[6] == "优" and wz[4] == "已提交"
    # the year 2020 view ranks Wanzhou first among 2020 submissions and lists unsubmitted departments
    y2020 = cells(c.get("/review?year=2020").text, "dashboard")[1:]
    assert any(row[4] == "未提交" for row in y2020)
    assert next(row for row in y2020 if row[1].startswith(WANZHOU))[0] == "1"
    only = cells(c.get("/review?year=2020&status=missing").text, "dashboard")[1:]
    assert only and all(row[4] == "未提交" for row in only)
    graded = cells(c.get("/review?year=all&grade=优").text, "dashboard")[1:]
    assert graded and all(row[6] == "优" for row in graded)

    d = c.get(f"/review/departments/{site.wanzhou_department}")
    assert d.status_code == 200
    years = cells(d.text, "years")
    assert years[1][0] == "2020" and years[1][1].startswith("94")
    comp = c.get("/review/compare?year=2020")
    assert comp.status_code == 200 and comp.text.count("<svg") >= 2
    # the Guangzhou reviewer sees Guangzhou only
    g = client_for("revgz")
    assert GUANGZHOU in g.get("/review?year=all").text
    assert WANZHOU not in g.get("/review?year=all").text
    assert g.get(f"/review/departments/{site.wanzhou_department}").status_code == 404


def test_audit_page_progress_and_export(client_for: Client) -> None:
    c = client_for("rev")
    token = page_csrf(c, "/audits")
    text = "公务用车购置及运行费预算2万元，实际支出1.79万元，执行率89.8%。\n"
    r = c.post("/audits", data={"csrf_token": token, "name": "测试批次"},
               files=[("files", ("../../韶关.txt", text.encode(), "text/plain"))], follow_redirects=False)
    assert r.status_code == 303
    url = r.headers["location"]
    page = c.get(url)
    assert page.status_code == 200
    deadline = time.monotonic() + 60
    while "hx-trigger=\"every 1s\"" in c.get(url + "/progress").text and time.monotonic() < deadline:
        time.sleep(0.2)
    done = c.get(url + "/progress").text
    assert "审核完成" in done and "hx-trigger" not in done
    assert "韶关.txt" in done and "../" not in done  # only the file's own name is kept
    assert "89.8%" in done and "89.50%" in done
    xlsx = c.get(url + "/export.xlsx")
    assert xlsx.status_code == 200
    ws = load_workbook(io.BytesIO(xlsx.content))["审核发现"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1][0] == "韶关.txt" and rows[1][5] == "89.8%" and rows[1][6] == "89.50%"
    wrong = c.post("/audits", data={"csrf_token": token}, files=[("files", ("a.exe", b"MZ", "application/octet-stream"))])
    assert wrong.status_code == 422 and "不支持的文件类型 .exe" in wrong.text


def test_admin_pages_change_log(client_for: Client, app: object) -> None:
    c = client_for("root")
    token = page_csrf(c, "/admin/departments")
    r = c.post("/admin/departments", data={"csrf_token": token, "region": "重庆市万州区", "name": "测试新部门",
                                           "code": "999001"}, follow_redirects=False)
    assert r.status_code == 303
    assert "测试新部门" in c.get("/admin/departments").text
    dup = c.post("/admin/departments", data={"csrf_token": token, "region": "重庆市万州区", "name": "测试新部门",
                                             "code": "999001"})
    assert dup.status_code == 422 and "已存在" in dup.text
    users = c.get("/admin/users")
    dept_id = re.search(r'<option value="(\d+)">重庆市万州区 · 测试新部门', users.text)
    assert dept_id
    r = c.post("/admin/users", data={"csrf_token": token, "name": "newdept", "role": "department",
                                     "password": "a-long-password", "department_id": dept_id.group(1)},
               follow_redirects=False)
    assert r.status_code == 303
    short = c.post("/admin/users", data={"csrf_token": token, "name": "x2", "role": "reviewer", "password": "short"})
    assert short.status_code == 422 and "密码太短" in short.text
    tok = c.post("/admin/users/newdept/token", data={"csrf_token": token})
    assert re.search(r'<code id="new-token">jx_[\w-]{40,}</code>', tok.text)
    assert c.post("/admin/users/newdept/disable", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    assert "已停用" in c.get("/admin/users").text
    fw = c.post("/admin/frameworks", data={"csrf_token": token, "region": "重庆市万州区", "year": "2021",
                                           "framework": "chongqing-district-2020"}, follow_redirects=False)
    assert fw.status_code == 303
    assert "chongqing-district-2020" in c.get("/admin/frameworks").text
    bad = c.post("/admin/frameworks", data={"csrf_token": token, "region": "x", "year": "2021", "framework": "/etc/passwd"})
    assert bad.status_code == 422
    with app.state.services.db.reading() as session:  # type: ignore[attr-defined]
        log = [(e.actor, e.action) for e in session.scalars(select(ChangeLogEntry).order_by(ChangeLogEntry.id))]
    assert [a for a in log if a[0] == "root"] == [("root", "department.add"), ("root", "user.add"),
                                                   ("root", "user.token"), ("root", "user.disable"), ("root", "assign")]


def test_login_limits_and_logout(client_for: Client) -> None:
    from tests.web.site import PASSWORD

    c = client_for(None)
    for _ in range(5):
        r = c.post("/login", data={"username": "wzchild", "password": "wrong-password", "csrf_token": page_csrf(c)})
        assert r.status_code == 401 and "用户名或密码错误" in r.text
    r = c.post("/login", data={"username": "wzchild", "password": PASSWORD, "csrf_token": page_csrf(c)})
    assert r.status_code == 429 and "登录失败次数过多" in r.text
    other = client_for("wz")
    assert other.get("/department").status_code == 200
    out = other.post("/logout", data={"csrf_token": page_csrf(other, "/department")}, follow_redirects=False)
    assert out.status_code == 303
    assert other.get("/department", follow_redirects=False).headers["location"] == "/login?next=/department"


def test_missing_data_names_the_field_to_fill(client_for: Client) -> None:
    from jixiao.intake.template import workbook_bytes
    from jixiao.model.load import load_department

    dy, _ = load_department(EXAMPLES / "wanzhou-2020.yaml")
    assert dy is not None
    without = replace(dy, **{"staffing": replace(dy.staffing, **{"actual": None})})
    c = client_for("wz")
    r = c.post("/submissions", data={"csrf_token": page_csrf(c, "/department")},
               files={"file": ("缺人数.xlsx", workbook_bytes(without), XLSX)}, follow_redirects=False)
    assert r.status_code == 303
    page = c.get(r.headers["location"]).text
    assert "总分不完整、不定等级" in page
    missing = cells(page, "missing")
    assert missing[0] == ["指标", "需要填写", "说明"]
    assert missing[1][:2] == ["财政供养人员控制率", "工作表「人员编制」的「年末实有在职人数」"]
