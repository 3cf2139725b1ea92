"""The schema in both databases: exact decimals, migrations that match the tables, version checks, append-only log."""

from __future__ import annotations

import shutil
from decimal import Decimal
from functools import partial
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.model.load import parse_department
from jixiao.store import Database, SchemaOutdated, Store
from jixiao.store import migrate as migrate_module
from jixiao.store import web_tables as _web_tables  # noqa: F401  (every table in Base.metadata, as the migrations see it)
from jixiao.store.migrate import check_schema, current, head, upgrade
from jixiao.store.tables import Base
from jixiao.store.types import DecimalOutOfRange, Money, fits

# Every amount the Money column accepts: up to 9 integer digits and 6 places (万元 to 0.01 元).
money = st.decimals(min_value=Decimal("-999999999.999999"), max_value=Decimal("999999999.999999"), places=6,
                    allow_nan=False, allow_infinity=False)


def test_migrations_build_exactly_the_declared_tables(db_url: str) -> None:
    db = Database.open(db_url)
    try:
        assert current(db) is None
        assert upgrade(db) == (None, head())
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
        assert diff == []
        check_schema(db)  # no exception: the schema is the code's
    finally:
        db.dispose()


def test_head_read_from_the_scripts_is_alembics() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate_module.alembic_config())
    assert head() == script.get_current_head() == "0008"
    assert [r.revision for r in script.walk_revisions()][-1] == "0001"  # one chain: every script is on it


def test_money_round_trips_exactly(db_url: str) -> None:
    db = Database.open(db_url)
    table = sa.Table("amounts", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True), sa.Column("v", Money))
    table.create(db.engine)
    try:
        @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
        @given(values=st.lists(money, min_size=1, max_size=20))
        def round_trip(values: list[Decimal]) -> None:
            with db.engine.begin() as conn:
                conn.execute(table.delete())
                conn.execute(table.insert(), [{"id": i, "v": v} for i, v in enumerate(values)])
                back = [r.v for r in conn.execute(sa.select(table.c.v).order_by(table.c.id))]
                assert back == values
                assert all(isinstance(v, Decimal) for v in back)
                # Sums and comparisons happen in SQL on numbers, not on text.
                total = conn.execute(sa.select(sa.func.count()).where(table.c.v > Decimal("0.1"))).scalar_one()
                assert total == sum(1 for v in values if v > Decimal("0.1"))

        round_trip()
        with db.engine.begin() as conn:
            conn.execute(table.insert(), [{"id": 999, "v": Decimal("0.1")}])
            raw = conn.execute(sa.text("SELECT v FROM amounts WHERE id = 999")).scalar_one()
            assert raw in (0.1, Decimal("0.100000"))  # a double in SQLite, NUMERIC(15,6) in PostgreSQL
    finally:
        db.dispose()


@pytest.mark.parametrize("value", ["1000000000", "0.0000001", "123456789.1234567"])
def test_amounts_beyond_the_column_are_refused_not_rounded(db_url: str, value: str) -> None:
    assert not fits(Decimal(value), 15, 6)
    db = Database.open(db_url)
    table = sa.Table("amounts", sa.MetaData(), sa.Column("v", Money))
    table.create(db.engine)
    try:
        with pytest.raises(sa.exc.StatementError) as info, db.engine.begin() as conn:
            conn.execute(table.insert(), [{"v": Decimal(value)}])
        assert isinstance(info.value.orig, DecimalOutOfRange)
        assert "超出数据库可精确保存的范围" in str(info.value.orig)
    finally:
        db.dispose()


def test_change_log_is_append_only(store: Store) -> None:
    from jixiao.store.rows import log

    store.db.write(lambda s: log(s, "甲", "import", "测试局 2023", note="x"))
    for sql in ("UPDATE change_log SET actor = '乙'", "DELETE FROM change_log"):
        with pytest.raises(sa.exc.DatabaseError) as info, store.db.engine.begin() as conn:
            conn.execute(sa.text(sql))
        assert "append-only" in str(info.value)
    assert [e.actor for e in store.change_log()] == ["甲"]


def test_uninitialised_database_is_refused(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    with pytest.raises(SchemaOutdated, match="不存在：请先运行 jixiao db init"):
        Store.open(missing)
    assert not missing.exists()  # the check does not create the file
    sa.create_engine(f"sqlite:///{tmp_path / 'empty.db'}").connect().close()
    with pytest.raises(SchemaOutdated, match="尚未初始化：请先运行 jixiao db init"):
        Store.open(tmp_path / "empty.db")


def test_older_schema_is_refused_until_upgraded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A database made by this version meets a newer code version (one more migration)."""
    url = tmp_path / "old.db"
    db = Database.open(url)
    upgrade(db)
    db.dispose()
    newer = tmp_path / "migrations"
    shutil.copytree(migrate_module.MIGRATIONS, newer, ignore=shutil.ignore_patterns("__pycache__"))
    old = head()
    (newer / "versions" / "9999_test.py").write_text(
        f'import sqlalchemy as sa\nfrom alembic import op\nrevision = "9999"\ndown_revision = "{old}"\n'
        "branch_labels = None\ndepends_on = None\n\n"
        "def upgrade():\n    op.add_column('region', sa.Column('note', sa.Text(), nullable=True))\n\n"
        "def downgrade():\n    pass\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(migrate_module, "MIGRATIONS", newer)
    migrate_module.head.cache_clear()
    try:
        with pytest.raises(SchemaOutdated) as info:
            Store.open(url)
        assert f"结构版本 {old} 旧于本程序所需的 9999：请先运行 jixiao db upgrade" in str(info.value)
        db = Database.open(url)
        assert upgrade(db) == (old, "9999")
        db.dispose()
        Store.open(url).close()
    finally:
        monkeypatch.undo()
        migrate_module.head.cache_clear()
    # Back on the real code, the database is newer than the program.
    with pytest.raises(SchemaOutdated, match="比本程序新"):
        Store.open(url)


def test_stored_data_reads_back_as_the_same_model(store: Store) -> None:
    """Every example survives the database unchanged (numbers stay numbers, text stays text)."""
    from jixiao.store.importing import data_json
    from jixiao.store.tables import Revision
    from tests.store.generate import NAMES, example

    numeric_targets = 0
    for name in NAMES:
        dy = example(name)
        numeric_targets += sum(isinstance(t.target, Decimal) for t in dy.targets)
        payload = data_json(dy)
        rid = store.db.write(partial(_revision_with, data=payload))
        with store.db.reading() as s:
            data = s.get_one(Revision, rid).data
        assert parse_department(data) == dy
        assert parse_department(data).targets == dy.targets
    assert numeric_targets > 0  # numeric targets were among them


def _revision_with(session: object, data: dict[str, object]) -> int:
    from datetime import UTC, datetime

    from sqlalchemy.orm import Session

    from jixiao.store.rows import insert_or_get
    from jixiao.store.tables import Department, DepartmentYearRow, Region, Revision

    assert isinstance(session, Session)
    rid = insert_or_get(session, Region, {"name": "x"}, {})
    did = insert_or_get(session, Department, {"key": "x"}, {"region_id": rid, "name": "x", "created_at": datetime.now(UTC)})
    dyid = insert_or_get(session, DepartmentYearRow, {"department_id": did, "year": 1}, {"latest_revision": 0})
    n = session.execute(sa.select(sa.func.count()).select_from(Revision)).scalar_one() + 1
    rev = Revision(department_year_id=dyid, number=n, source_name="s", source_format="yaml", source_sha256="0",
                   data=data, data_sha256="0", imported_by="t", imported_at=datetime.now(UTC))
    session.add(rev)
    session.flush()
    return rev.id


def test_json_text_keeps_numbers_exact_and_text_as_text() -> None:
    from datetime import date

    from jixiao.store import jsontext

    value = {"a": Decimal("1.10"), "b": "1.10", "c": [Decimal("-0.000001"), Decimal("1E+3"), 7, None, True],
             "d": date(2024, 3, 1), "e": "含\x00控制字符与jixiao-decimal:1"}
    text = jsontext.dumps(value)
    assert text == ('{"a":1.10,"b":"1.10","c":[-0.000001,1000,7,null,true],"d":"2024-03-01",'
                    '"e":"含\\u0000控制字符与jixiao-decimal:1"}')
    back = jsontext.loads(text)
    assert back == {**value, "c": [Decimal("-0.000001"), 1000, 7, None, True], "d": "2024-03-01"}
    assert str(back["a"]) == "1.10" and back["b"] == "1.10"
    assert jsontext.loads(jsontext.dumps({"x": f"\x00{jsontext._TOKEN[:-1]}:5"})) == {"x": f"\x00{jsontext._TOKEN[:-1]}:5"}


def test_postgres_server_that_cannot_start_fails_in_ci_and_skips_elsewhere(monkeypatch: pytest.MonkeyPatch,
                                                                           tmp_path: Path) -> None:
    """The fixture's rule (tests/servers/postgres.py): under CI=true a missing server is a failure, never a skip."""
    from tests.servers import postgres

    def no_server(base: Path) -> postgres.PostgresServer:
        raise postgres.ServerUnavailable("找不到 PostgreSQL（initdb）")

    monkeypatch.setattr(postgres, "start_server", no_server)
    fixture = postgres.postgres_server.__wrapped__  # type: ignore[attr-defined]
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"CI 中不允许跳过.*找不到 PostgreSQL"):
        next(fixture())
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception, match="找不到 PostgreSQL"):
        next(fixture())
