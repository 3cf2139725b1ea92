"""Tables the web app adds to the store: accounts (users, roles, API tokens, login attempts) and
the progress of audit batches run in the background.

A user has one role: ``department`` (sees and changes its own department and its
二级单位), ``reviewer`` (sees every department of its region, or of all regions when
``region_id`` is empty, and runs audits) or ``admin`` (manages users, departments
and framework assignments). Passwords are argon2 hashes; API tokens are stored
only as the SHA-256 of the token. Login attempts are kept to limit guessing
across every worker process of a deployment.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jixiao.store.tables import AuditBatch, Base, Department, Region

ROLES = ("department", "reviewer", "admin")


class User(Base):
    __tablename__ = "app_user"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(200))

    department: Mapped[Department | None] = relationship()
    region: Mapped[Region | None] = relationship()


class ApiToken(Base):
    __tablename__ = "api_token"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the token
    label: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)

    user: Mapped[User] = relationship()


class LoginAttempt(Base):
    __tablename__ = "login_attempt"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    username: Mapped[str] = mapped_column(String(200))
    client: Mapped[str] = mapped_column(String(100))
    success: Mapped[bool] = mapped_column(Boolean)


Index("ix_login_attempt_username_at", LoginAttempt.username, LoginAttempt.at)
Index("ix_login_attempt_client_at", LoginAttempt.client, LoginAttempt.at)


class AuditRun(Base):
    """Progress of an audit batch: which process runs it and how far it is."""

    __tablename__ = "audit_run"
    batch_id: Mapped[int] = mapped_column(ForeignKey("audit_batch.id"), primary_key=True)
    status: Mapped[str] = mapped_column(String(20))  # queued | running | done | failed
    total: Mapped[int] = mapped_column(Integer)
    done: Mapped[int] = mapped_column(Integer)
    runner: Mapped[str] = mapped_column(String(200))  # host:pid of the worker running it
    error: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    batch: Mapped[AuditBatch] = relationship()


class AuditDocument(Base):
    """One uploaded report of a batch: its name as uploaded (shown, never used as a path) and result."""

    __tablename__ = "audit_document"
    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("audit_batch.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(1000))
    status: Mapped[str] = mapped_column(String(20))  # pending | done | unreadable
    error: Mapped[str | None] = mapped_column(Text)
    figures: Mapped[int] = mapped_column(Integer)
    errors: Mapped[int] = mapped_column(Integer)
    hints: Mapped[int] = mapped_column(Integer)
