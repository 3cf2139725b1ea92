"""A seeded store for the web tests, the browser tests and the benchmark.

The five seed departments are imported from ``examples/*.xlsx`` with the store's
own import (each under the framework of its region and year); one 二级单位 is
added under Wanzhou; users of every role get known passwords.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from jixiao.model import DepartmentYear
from jixiao.store.database import Database
from jixiao.store.importing import Source, read_source, store_department
from jixiao.store.migrate import upgrade
from jixiao.store.tables import Department, DepartmentYearRow, Revision
from jixiao.web import accounts, admin

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SEEDS = ("wanzhou-2020", "guangzhou-2021", "nanchang-2017", "shaoguan-2022", "zhanjiang-2023")
PASSWORD = "jixiao-test-password"

WANZHOU = "重庆市万州区人民政府外事办公室"
WANZHOU_REGION = "重庆市万州区"
WANZHOU_CHILD = "万州区对外友好协会"
GUANGZHOU = "中共广州市委外事工作委员会办公室"
GUANGZHOU_REGION = "广东省广州市"

# name: (role, department, region)
USERS = {
    "wz": ("department", WANZHOU, None),
    "wzchild": ("department", WANZHOU_CHILD, WANZHOU_REGION),
    "gz": ("department", GUANGZHOU, None),
    "nc": ("department", "南昌市外事侨务办公室", None),
    "sg": ("department", "中共韶关市委外事工作委员会办公室", None),
    "zj": ("department", "中共湛江市委外事工作委员会办公室", None),
    "rev": ("reviewer", None, None),
    "revgz": ("reviewer", None, GUANGZHOU_REGION),
    "root": ("admin", None, None),
}


@dataclass(frozen=True)
class Site:
    url: str  # SQLAlchemy URL of the store
    wanzhou_revision: int  # submission id of Wanzhou 2020, revision 1
    guangzhou_revision: int
    wanzhou_department: int
    guangzhou_department: int


def _store(session: Session, source: Source, dy: DepartmentYear) -> None:
    store_department(session, dy, source, "导入")


def build(folder: Path, url: str | None = None) -> Site:
    """A fresh store (SQLite under ``folder``, or the empty database ``url``) with the seeds, the 二级单位
    and the users."""
    url = url or f"sqlite:///{folder / 'jixiao.db'}"
    db = Database.open(url)
    try:
        upgrade(db)
        for seed in SEEDS:
            source, dy, findings = read_source(EXAMPLES / f"{seed}.xlsx")
            assert source is not None and dy is not None, findings
            db.write(partial(_store, source=source, dy=dy))

        def people(session: Session) -> None:
            admin.add_department(session, WANZHOU_REGION, WANZHOU_CHILD, None, WANZHOU, None)
            for name, (role, dept, region) in USERS.items():
                accounts.create_user(session, name, role, PASSWORD, department=dept, region=region, created_by="测试")

        db.write(people)
        with db.reading() as session:
            def revision(name: str) -> tuple[int, int]:
                dept = session.scalars(select(Department).where(Department.name == name)).one()
                rev = session.scalars(select(Revision.id).join(DepartmentYearRow).where(
                    DepartmentYearRow.department_id == dept.id, Revision.number == 1)).one()
                return rev, dept.id

            wz, wz_dept = revision(WANZHOU)
            gz, gz_dept = revision(GUANGZHOU)
    finally:
        db.dispose()
    return Site(url, wz, gz, wz_dept, gz_dept)


CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    m = CSRF.search(html)
    assert m, "page has no CSRF token"
    return m.group(1)
