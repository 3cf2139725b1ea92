"""The JSON API against a real SQLite store: status codes, bodies, tokens, scopes."""

from __future__ import annotations

import io
import time
import zipfile
from decimal import Decimal

from docx import Document
from fastapi import FastAPI
from fastapi.testclient import TestClient

from jixiao.model.records import replace
from tests.web.conftest import EXAMPLES
from tests.web.site import Site

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_submit_workbook_returns_201_with_score(app: FastAPI, tokens: dict[str, str]) -> None:
    c = TestClient(app)
    body = (EXAMPLES / "wanzhou-2020.xlsx").read_bytes()
    r = c.post("/api/v1/submissions", headers=bearer(tokens["wz"]), files={"file": ("万州2020.xlsx", body, XLSX)})
    assert r.status_code == 201, r.text
    data = r.json()
    assert data["department"] == "重庆市万州区人民政府外事办公室"
    assert data["year"] == 2020
    assert Decimal(data["total"]) == Decimal(94)
    assert data["grade"] == "优"
    assert data["complete"] is True
    # the same data again adds no revision
    again = c.post("/api/v1/submissions", headers=bearer(tokens["wz"]), files={"file": ("again.xlsx", body, XLSX)})
    assert again.status_code == 201
    assert again.json()["status"] == "unchanged"
    assert again.json()["id"] == data["id"]


def test_full_result_and_files(app: FastAPI, tokens: dict[str, str], site: Site) -> None:
    c = TestClient(app)
    r = c.get(f"/api/v1/submissions/{site.wanzhou_revision}", headers=bearer(tokens["wz"]))
    assert r.status_code == 200
    data = r.json()
    assert data["total"] == "94" and data["grade"] == "优"
    assert [n["name"] for n in data["result"]["indicators"]] == ["投入", "过程", "产出", "效果"]  # the seed report's 5 + 24.5 + 46 + 18.5
    assert [Decimal(n["score"]) for n in data["result"]["indicators"]] == [5, Decimal("24.5"), 46, Decimal("18.5")]
    assert "自评报告.docx" in data["files"]
    f = c.get(f"/api/v1/submissions/{site.wanzhou_revision}/files/自评报告.docx", headers=bearer(tokens["wz"]))
    assert f.status_code == 200
    doc = Document(io.BytesIO(f.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "重庆市万州区人民政府外事办公室" in text
    assert "94" in text
    assert f.headers["content-disposition"].startswith('attachment; filename="download.docx"')


def test_bad_workbook_gives_422_with_cells(app: FastAPI, tokens: dict[str, str]) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(EXAMPLES / "wanzhou-2020.xlsx")
    wb["收支情况"]["B4"] = "一百万"  # 年初预算数
    buf = io.BytesIO()
    wb.save(buf)
    r = TestClient(app).post("/api/v1/submissions", headers=bearer(tokens["wz"]),
                             files={"file": ("错误.xlsx", buf.getvalue(), XLSX)})
    assert r.status_code == 422
    findings = r.json()["findings"]
    assert any(f["sheet"] == "收支情况" and f["cell"] == "B4" and f["severity"] == "error" for f in findings), findings
    assert all(f["file"] == "错误.xlsx" for f in findings if f["file"])  # the upload's name, not a temp path
    assert {"sheet", "cell", "line", "message"} <= set(findings[0])


def test_wrong_types_and_zip_bomb_use_the_intake_messages(app: FastAPI, tokens: dict[str, str]) -> None:
    c = TestClient(app)
    exe = c.post("/api/v1/submissions", headers=bearer(tokens["wz"]), files={"file": ("x.exe", b"MZ\x90\x00", "application/octet-stream")})
    assert exe.status_code == 422
    assert "不支持的文件类型「.exe」" in exe.json()["findings"][0]["message"]
    pdf = c.post("/api/v1/submissions", headers=bearer(tokens["wz"]), files={"file": ("报告.xlsx", b"%PDF-1.7\n...", XLSX)})
    assert pdf.status_code == 422
    assert "而是 PDF 文件" in pdf.json()["findings"][0]["message"]
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (30 * 1024 * 1024))
    assert len(bomb.getvalue()) < 200_000
    r = c.post("/api/v1/submissions", headers=bearer(tokens["wz"]), files={"file": ("bomb.xlsx", bomb.getvalue(), XLSX)})
    assert r.status_code == 422
    message = r.json()["findings"][0]["message"]
    assert "疑似压缩炸弹" in message and "超过上限" in message


def test_other_department_is_403_on_submit_and_404_on_read(app: FastAPI, tokens: dict[str, str], site: Site) -> None:
    c = TestClient(app)
    body = (EXAMPLES / "wanzhou-2020.xlsx").read_bytes()
    r = c.post("/api/v1/submissions", headers=bearer(tokens["gz"]), files={"file": ("wz.xlsx", body, XLSX)})
    assert r.status_code == 403
    assert "不是您所属的部门" in r.json()["detail"]
    assert c.get(f"/api/v1/submissions/{site.wanzhou_revision}", headers=bearer(tokens["gz"])).status_code == 404
    assert c.get("/api/v1/submissions/999999", headers=bearer(tokens["gz"])).status_code == 404
    assert c.get(f"/api/v1/submissions/{site.wanzhou_revision}/files/评分表.xlsx", headers=bearer(tokens["gz"])).status_code == 404
    # the regional reviewer of Guangzhou does not see Wanzhou either; the all-region reviewer does
    assert c.get(f"/api/v1/submissions/{site.wanzhou_revision}", headers=bearer(tokens["revgz"])).status_code == 404
    assert c.get(f"/api/v1/submissions/{site.guangzhou_revision}", headers=bearer(tokens["revgz"])).status_code == 200
    assert c.get(f"/api/v1/submissions/{site.wanzhou_revision}", headers=bearer(tokens["rev"])).status_code == 200
    # a 二级单位's user does not see its parent department's data
    assert c.get(f"/api/v1/submissions/{site.wanzhou_revision}", headers=bearer(tokens["wzchild"])).status_code == 404


def test_tokens(app: FastAPI, tokens: dict[str, str], site: Site) -> None:
    c = TestClient(app)
    path = f"/api/v1/submissions/{site.wanzhou_revision}"
    assert c.get(path).status_code == 401
    assert c.get(path).headers["www-authenticate"] == "Bearer"
    assert c.get(path, headers=bearer("jx_not-a-real-token")).status_code == 401
    assert c.get(path, headers={"Authorization": f"Basic {tokens['wz']}"}).status_code == 401
    # the session cookie does not authenticate the API
    from tests.web.conftest import login

    browser = login(TestClient(app), "wz")
    assert browser.get(path).status_code == 401
    assert c.post("/api/v1/submissions", headers=bearer(tokens["rev"]),
                  files={"file": ("a.xlsx", b"x", XLSX)}).status_code == 403


def test_unknown_file_name_is_404(app: FastAPI, tokens: dict[str, str], site: Site) -> None:
    c = TestClient(app)
    for name in ("secret.key", "jixiao.db", "自评报告.exe", "..%2F..%2Fsecret.key", "..%2Fresult.json"):
        r = c.get(f"/api/v1/submissions/{site.wanzhou_revision}/files/{name}", headers=bearer(tokens["wz"]))
        assert r.status_code == 404, name


def test_audit_api_runs_in_background(app: FastAPI, tokens: dict[str, str]) -> None:
    c = TestClient(app)
    text = "三公经费预算2万元，实际支出1.79万元，执行率89.8%。\n"
    r = c.post("/api/v1/audits", headers=bearer(tokens["rev"]),
               files=[("files", ("甲.txt", text.encode(), "text/plain")), ("files", ("乙.txt", "没有数字。".encode(), "text/plain"))])
    assert r.status_code == 202, r.text
    batch = r.json()["id"]
    deadline = time.monotonic() + 60
    while True:
        got = c.get(f"/api/v1/audits/{batch}", headers=bearer(tokens["rev"])).json()
        if got["status"] in ("done", "failed") or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert got["status"] == "done"
    assert [d["name"] for d in got["documents"]] == ["甲.txt", "乙.txt"]
    assert [(f["document"], f["stated"], f["expected"]) for f in got["findings"]] == [("甲.txt", "89.8%", "89.50%")]
    # another reviewer does not see it; a department may not audit
    assert c.get(f"/api/v1/audits/{batch}", headers=bearer(tokens["revgz"])).status_code == 404
    assert c.post("/api/v1/audits", headers=bearer(tokens["wz"]),
                  files=[("files", ("a.txt", b"x", "text/plain"))]).status_code == 403
    bad = c.post("/api/v1/audits", headers=bearer(tokens["rev"]), files=[("files", ("a.exe", b"x", "text/plain"))])
    assert bad.status_code == 422
    assert bad.json()["findings"][0]["file"] == "a.exe"


def test_openapi_documents_the_api(app: FastAPI) -> None:
    schema = TestClient(app).get("/openapi.json").json()
    paths = schema["paths"]
    assert set(paths) == {"/api/v1/submissions", "/api/v1/submissions/{submission_id}",
                          "/api/v1/submissions/{submission_id}/files/{name}", "/api/v1/audits", "/api/v1/audits/{batch_id}"}
    post = paths["/api/v1/submissions"]["post"]
    assert {"201", "401", "403", "413", "422"} <= set(post["responses"])
    assert "multipart/form-data" in post["requestBody"]["content"]
    assert "202" in paths["/api/v1/audits"]["post"]["responses"]


def test_department_submits_for_its_subordinate_unit_not_the_reverse(app: FastAPI, tokens: dict[str, str]) -> None:
    from jixiao.intake.template import workbook_bytes
    from jixiao.model.load import load_department
    from tests.web.site import WANZHOU_CHILD

    dy, _ = load_department(EXAMPLES / "wanzhou-2020.yaml")
    assert dy is not None
    child = replace(dy, **{"profile": replace(dy.profile, **{"name": WANZHOU_CHILD})})
    c = TestClient(app)
    r = c.post("/api/v1/submissions", headers=bearer(tokens["wz"]),
               files={"file": ("二级单位.xlsx", workbook_bytes(child), XLSX)})
    assert r.status_code == 201, r.text
    assert r.json()["department"] == WANZHOU_CHILD
    child_id = r.json()["id"]
    assert c.get(f"/api/v1/submissions/{child_id}", headers=bearer(tokens["wzchild"])).status_code == 200
    parent = c.post("/api/v1/submissions", headers=bearer(tokens["wzchild"]),
                    files={"file": ("主管部门.xlsx", (EXAMPLES / "wanzhou-2020.xlsx").read_bytes(), XLSX)})
    assert parent.status_code == 403


def test_pdf_of_the_report_where_libreoffice_is_installed(app: FastAPI, tokens: dict[str, str], site: Site) -> None:
    import shutil

    r = TestClient(app).get(f"/api/v1/submissions/{site.guangzhou_revision}/files/自评报告.pdf",
                            headers=bearer(tokens["gz"]))
    if shutil.which("soffice") is None:
        assert r.status_code == 404 and "LibreOffice" in r.json()["detail"]
        return
    assert r.status_code == 200, r.text
    assert r.content.startswith(b"%PDF") and r.headers["content-type"] == "application/pdf"
