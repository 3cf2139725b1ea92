"""The web app's access to the store: one object per process, opened at start-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from jixiao.store.database import Database
from jixiao.store.migrate import check_schema
from jixiao.web import accounts
from jixiao.web.accounts import LoginLimits, Principal
from jixiao.web.intake_pool import IntakePool
from jixiao.web.passwords import verify_password
from jixiao.web.settings import WebSettings


@dataclass
class Services:
    settings: WebSettings
    db: Database
    intake: IntakePool

    @classmethod
    def open(cls, settings: WebSettings) -> Services:
        db = Database.open(settings.database_url)
        check_schema(db)  # refuses an outdated schema with the message to run `jixiao db upgrade`
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        from jixiao.web.audits import recover_interrupted

        recover_interrupted(db)
        return cls(settings, db, IntakePool(settings.intake_workers))

    def close(self) -> None:
        self.intake.close()
        self.db.dispose()

    @property
    def limits(self) -> LoginLimits:
        s = self.settings
        return LoginLimits(s.login_max_failures, s.login_max_failures_ip, timedelta(seconds=s.login_window_seconds))

    def login(self, name: str, password: str, client: str) -> Principal | None:
        """Check the limits and the password, record the attempt; the password hash is verified
        outside any write transaction so a slow argon2 check never holds SQLite's write lock."""
        with self.db.reading() as session:
            accounts.check_limits(session, name, client, self.limits)
            stored = accounts.password_hash_of(session, name)
        ok = verify_password(stored, password)

        def record(session: Session) -> Principal | None:
            user = accounts.record_login(session, name, client, ok, password)
            return accounts.principal(session, user) if user is not None else None

        return self.db.write(record)

    def session_principal(self, user_id: int) -> Principal | None:
        with self.db.reading() as session:
            user = accounts.active_user(session, user_id)
            return accounts.principal(session, user) if user is not None else None

    def token_principal(self, token: str) -> Principal | None:
        with self.db.reading() as session:
            user = accounts.user_by_token(session, token)
            return accounts.principal(session, user) if user is not None else None
