"""Administration: departments (with 二级单位) and framework assignments, through the store's own rules."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from jixiao.store.importing import department_key
from jixiao.store.rows import insert_or_get, now, region_id
from jixiao.store.tables import Department, FrameworkAssignment, Region
from jixiao.web.accounts import AccountError


def add_department(session: Session, region: str, name: str, code: str | None, parent: str | None,
                   level: str | None) -> Department:
    """A department keyed exactly as the store's import keys it (region + 预算编码, or region + name),
    so that its uploads land on this row."""
    name, region = name.strip(), region.strip()
    code = (code or "").strip() or None
    if not name:
        raise AccountError("部门名称不能为空")
    key = department_key(region or None, code, name)
    if session.scalars(select(Department.id).where(Department.key == key)).first() is not None:
        raise AccountError(f"部门「{name}」已存在")
    parent_id = None
    if parent:
        found = session.scalars(select(Department).join(Region).where(
            Region.name == region, (Department.name == parent) | (Department.code == parent))).first()
        if found is None:
            raise AccountError(f"地区「{region or '未注明'}」中没有主管部门「{parent}」")
        parent_id = found.id
    dept_id = insert_or_get(session, Department, {"key": key},
                            {"region_id": region_id(session, region or None), "code": code, "name": name,
                             "level": (level or "").strip() or None, "parent_id": parent_id, "created_at": now()})
    dept = session.get(Department, dept_id)
    assert dept is not None
    return dept


def departments(session: Session) -> list[tuple[Department, str, str | None]]:
    parents = {i: n for i, n in session.execute(select(Department.id, Department.name))}
    rows = session.execute(select(Department, Region.name).join(Region).order_by(Region.name, Department.name))
    return [(d, r, parents.get(d.parent_id) if d.parent_id else None) for d, r in rows]


def assignments(session: Session) -> list[FrameworkAssignment]:
    return list(session.scalars(select(FrameworkAssignment).join(Region)
                                .order_by(Region.name, FrameworkAssignment.year.desc())))


def regions(session: Session) -> list[str]:
    return [r for r in session.scalars(select(Region.name).order_by(Region.name)) if r]
