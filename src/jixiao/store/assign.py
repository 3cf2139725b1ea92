"""Framework versions (by content hash) and which one evaluates a region's departments in a year.

Resolution for a department-year: the framework assigned to its (region, year)
with ``jixiao db assign``; otherwise the one bundled framework whose region and
year are the department's; otherwise an error that says how to assign one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from jixiao.findings import InputError, Severity, has_errors
from jixiao.frameworks import Framework, FrameworkNotFound, bundled_ids, get_framework, load_framework_text
from jixiao.store.rows import insert_or_get, now, region_id
from jixiao.store.tables import FrameworkAssignment, FrameworkVersion, Region


class NoFramework(Exception):
    """No framework for a department-year; the message (Chinese) says how to assign one."""


@dataclass(frozen=True)
class FrameworkText:
    """A framework with the exact text it was read from."""

    framework: Framework
    text: str
    bundled: bool
    sha256: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sha256", hashlib.sha256(self.text.encode("utf-8")).hexdigest())


def bundled_text(framework_id: str) -> str:
    entry = resources.files("jixiao.frameworks") / "data" / f"{framework_id}.yaml"
    return entry.read_text(encoding="utf-8")


def framework_text(ref: str) -> FrameworkText:
    """A bundled framework by id or a framework file by path; raises FrameworkNotFound / InputError."""
    if ref in bundled_ids():
        return FrameworkText(get_framework(ref), bundled_text(ref), bundled=True)
    path = Path(ref)
    if path.suffix.lower() not in {".yaml", ".yml"} or not path.is_file():
        get_framework(ref)  # raises FrameworkNotFound with the list of bundled frameworks
    text = path.read_text(encoding="utf-8")
    fw, findings = load_framework_text(text, file=str(path))
    if fw is None or has_errors(findings):
        raise InputError([f for f in findings if f.severity is Severity.ERROR])
    return FrameworkText(fw, text, bundled=False)


@lru_cache(maxsize=64)
def framework_from_text(text: str) -> Framework:
    """The framework of a stored version (cached by its text)."""
    fw, findings = load_framework_text(text)
    if fw is None or has_errors(findings):
        raise InputError(findings)
    return fw


def outline(fw: Framework) -> str:
    """What `compare` needs of a framework, as the JSON text of `framework_version.outline` (read back by
    :func:`jixiao.store.compare.Outline.parse`): total, grade order, first-level (name, weight), decimals as text."""
    return json.dumps({"total": str(fw.total), "grades": [b.grade for b in fw.grades],
                       "indicators": [[t.name, str(t.weight)] for t in fw.indicators]},
                      ensure_ascii=False, separators=(",", ":"))


def version_id(session: Session, ft: FrameworkText) -> int:
    """The row of this exact framework text, added when new."""
    fw = ft.framework
    return insert_or_get(
        session, FrameworkVersion, {"sha256": ft.sha256},
        {"framework_id": fw.id, "name": fw.name, "region": fw.region, "year": fw.year, "bundled": ft.bundled,
         "content": ft.text, "outline": outline(fw), "added_at": now()},
    )


@lru_cache(maxsize=256)
def default_for(region: str | None, year: int) -> FrameworkText | None:
    """The one bundled, non-template framework made for exactly this region and year."""
    if not region:
        return None
    found = [fid for fid in bundled_ids() if _matches(get_framework(fid), region, year)]
    if len(found) != 1:
        return None
    return framework_text(found[0])


def _matches(fw: Framework, region: str, year: int) -> bool:
    return not fw.template and fw.region == region and fw.year == year


def how_to_assign(region: str | None, year: int) -> str:
    if not region:
        return (f"数据中没有写地区（profile.region），无法确定 {year} 年度所用的评价框架：请在数据中填写地区，"
                f"或在导入时用 --framework 指定框架")
    return (f"没有为「{region}」{year} 年度指定评价框架，也没有与该地区、年度完全对应的内置框架。请先运行："
            f"jixiao db assign --region {region} --year {year} --framework 框架ID或框架文件"
            f"（内置框架见 jixiao frameworks list）")


def _assigned(session: Session, region: str | None, year: int) -> tuple[int, str, str] | None:
    """(version id, sha256, text) of the framework assigned to (region, year)."""
    if region is None:
        return None
    row = session.execute(
        select(FrameworkVersion.id, FrameworkVersion.sha256, FrameworkVersion.content)
        .join(FrameworkAssignment, FrameworkAssignment.framework_version_id == FrameworkVersion.id)
        .join(Region, Region.id == FrameworkAssignment.region_id)
        .where(Region.name == region, FrameworkAssignment.year == year)
    ).first()
    return None if row is None else (row.id, row.sha256, row.content)


def lookup(session: Session, region: str | None, year: int) -> tuple[str, Framework] | None:
    """(sha256 of the framework text, framework) that :func:`resolve` would choose, read-only; None when none."""
    row = _assigned(session, region, year)
    if row is not None:
        return row[1], framework_from_text(row[2])
    default = default_for(region, year)
    return (default.sha256, default.framework) if default is not None else None


def resolve(session: Session, region: str | None, year: int) -> tuple[int, Framework]:
    """(framework_version id, framework) for a department-year; raises :class:`NoFramework`."""
    row = _assigned(session, region, year)
    if row is not None:
        return row[0], framework_from_text(row[2])
    default = default_for(region, year)
    if default is None:
        raise NoFramework(how_to_assign(region, year))
    return version_id(session, default), default.framework


def explicit(session: Session, ref: str) -> tuple[int, Framework]:
    """The framework the user named for this import (id or file)."""
    ft = framework_text(ref)
    return version_id(session, ft), ft.framework


def assign(session: Session, region: str, year: int, ref: str, user: str) -> tuple[int, Framework, int | None]:
    """Assign a framework to (region, year); returns (version id, framework, previous version id)."""
    ft = framework_text(ref)
    vid = version_id(session, ft)
    rid = region_id(session, region)
    existing = session.scalars(
        select(FrameworkAssignment).where(FrameworkAssignment.region_id == rid, FrameworkAssignment.year == year)
        .with_for_update()
    ).first()
    previous = None
    if existing is None:
        session.add(FrameworkAssignment(region_id=rid, year=year, framework_version_id=vid, assigned_by=user,
                                        assigned_at=now()))
    else:
        previous = existing.framework_version_id
        existing.framework_version_id = vid
        existing.assigned_by = user
        existing.assigned_at = now()
    session.flush()
    return vid, ft.framework, previous


__all__ = ["FrameworkNotFound", "NoFramework", "assign", "explicit", "resolve"]
