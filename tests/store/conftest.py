"""Store tests run against both databases: a SQLite file and a private PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jixiao.store import Database, Store
from jixiao.store.migrate import upgrade
from tests.servers.postgres import postgres_server, postgres_url

__all__ = ["postgres_server", "postgres_url"]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each kind (URL)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'jixiao.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """A migrated, empty store."""
    db = Database.open(db_url)
    upgrade(db)
    db.dispose()
    with Store.open(db_url) as s:
        yield s
