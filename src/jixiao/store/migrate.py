"""Schema migrations (Alembic, shipped inside the package) and the schema-version check."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from jixiao.store.database import Database, SchemaOutdated, describe

if TYPE_CHECKING:  # Alembic loads only to migrate, not for the schema check every command makes
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_REVISION = re.compile(r"""^(revision|down_revision)\b[^=\n]*=\s*["']([^"']+)["']""", re.MULTILINE)


def alembic_config(db: Database | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("path_separator", "os")
    if db is not None:
        cfg.set_main_option("sqlalchemy.url", db.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


@lru_cache(maxsize=1)
def head() -> str:
    """The schema revision this code needs: the one migration that no other revises (the chain has no branches).
    Read from the scripts' text without loading Alembic; tests/store/test_schema.py checks it against Alembic's."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(_REVISION.findall(path.read_text(encoding="utf-8")))
        revisions.add(found["revision"])
        revised.update([found["down_revision"]] if "down_revision" in found else [])
    [top] = revisions - revised
    return top


def current(db: Database) -> str | None:
    """The database's schema revision (Alembic's table), or None when it has never been initialised."""
    with db.read_connection() as conn:  # a reader must not wait for a writer's lock (a long import)
        if not inspect(conn).has_table("alembic_version"):
            return None
        found = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return None if found is None else str(found)


def upgrade(db: Database, target: str = "head") -> tuple[str | None, str]:
    """Migrate to ``target``; returns (revision before, revision after)."""
    from alembic import command

    before = current(db)
    cfg = alembic_config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
    return before, current(db) or ""


def check_schema(db: Database) -> None:
    """Refuse a database whose schema is not exactly the code's: raise :class:`SchemaOutdated`."""
    where = describe(db.url)
    file = db.url.database if db.url.get_backend_name() == "sqlite" else None
    if file not in (None, "", ":memory:") and not Path(str(file)).exists():
        raise SchemaOutdated(f"{where} 不存在：请先运行 jixiao db init（或用 --db 指定已有的数据库）")
    found = current(db)
    needed = head()
    if found == needed:
        return
    if found is None:
        raise SchemaOutdated(f"{where} 尚未初始化：请先运行 jixiao db init")
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if found not in known:
        raise SchemaOutdated(f"{where} 的结构版本 {found} 比本程序新（本程序为 {needed}）：请升级 jixiao 后再使用")
    raise SchemaOutdated(
        f"{where} 的结构版本 {found} 旧于本程序所需的 {needed}：请先运行 jixiao db upgrade（升级前请先备份，见 docs/store.md）"
    )
