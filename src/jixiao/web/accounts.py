"""Accounts: creating users and tokens, logging in with a limit on guesses, and who may see what.

Every function takes a SQLAlchemy session from the store (``Database.write`` or
``Database.reading``) and never commits itself, so a caller can combine it with
the change-log entry in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jixiao.store.tables import Department, Region
from jixiao.store.web_tables import ROLES, ApiToken, LoginAttempt, User
from jixiao.web.passwords import hash_password, needs_rehash, new_token, password_problem, token_digest

ROLE_NAMES = {"department": "部门用户", "reviewer": "审核人员", "admin": "管理员"}


class AccountError(ValueError):
    """A request about accounts that cannot be carried out; the message is Chinese."""


@dataclass(frozen=True)
class Principal:
    """The signed-in user as the pages and the API see it: role and scope, no secrets."""

    id: int
    name: str
    role: str
    department_id: int | None
    department_ids: frozenset[int]  # own department and its 二级单位 (department role only)
    region_id: int | None  # reviewer's region; None = every region
    scope_label: str  # 部门名 or 地区名, for the page header

    @property
    def is_department(self) -> bool:
        return self.role == "department"

    @property
    def is_reviewer(self) -> bool:
        return self.role == "reviewer"

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def _now() -> datetime:
    return datetime.now(UTC)


def subordinate_ids(session: Session, department_id: int) -> frozenset[int]:
    """The department and every 二级单位 below it (any depth)."""
    found = {department_id}
    frontier = {department_id}
    while frontier:
        children = set(session.scalars(select(Department.id).where(Department.parent_id.in_(frontier))))
        frontier = children - found
        found |= frontier
    return frozenset(found)


def principal(session: Session, user: User) -> Principal:
    ids: frozenset[int] = frozenset()
    label = ""
    if user.role == "department" and user.department_id is not None:
        ids = subordinate_ids(session, user.department_id)
        dept = session.get(Department, user.department_id)
        label = dept.name if dept else ""
    elif user.region_id is not None:
        region = session.get(Region, user.region_id)
        label = region.name if region else ""
    elif user.role == "reviewer":
        label = "全部地区"
    return Principal(user.id, user.name, user.role, user.department_id, ids, user.region_id, label)


def find_department(session: Session, name: str, region: str | None = None) -> Department:
    """A department by 预算编码 or name (within ``region`` when given); exactly one must match."""
    query = select(Department).join(Region)
    if region is not None:
        query = query.where(Region.name == region)
    rows = list(session.scalars(query.where((Department.code == name) | (Department.name == name))))
    if not rows:
        where = f"地区「{region}」中" if region is not None else ""
        raise AccountError(f"{where}没有名称或预算编码为「{name}」的部门；请先导入该部门的数据，或由管理员在“部门”页面添加")
    if len(rows) > 1:
        regions = "、".join(sorted({r.region.name or "未注明地区" for r in rows}))
        raise AccountError(f"名称为「{name}」的部门不止一个（地区：{regions}）；请用 --region 指明地区")
    return rows[0]


def find_region(session: Session, name: str) -> Region:
    region = session.scalars(select(Region).where(Region.name == name)).first()
    if region is None:
        raise AccountError(f"没有名为「{name}」的地区；请先导入该地区的部门数据，或由管理员添加部门时一并建立")
    return region


def create_user(session: Session, name: str, role: str, password: str, *, department: str | None = None,
                region: str | None = None, department_id: int | None = None, created_by: str) -> User:
    name = name.strip()
    if not name or len(name) > 100 or any(c.isspace() for c in name):
        raise AccountError("用户名不能为空、不能含空白字符，且不超过 100 个字符")
    if role not in ROLES:
        raise AccountError(f"角色应为 {' / '.join(ROLES)} 之一，而不是「{role}」")
    problem = password_problem(password)
    if problem:
        raise AccountError(problem)
    if session.scalars(select(User.id).where(User.name == name)).first() is not None:
        raise AccountError(f"用户「{name}」已存在")
    user = User(name=name, role=role, password_hash=hash_password(password), active=True,
                created_at=_now(), created_by=created_by)
    if role == "department":
        if department_id is not None and session.get(Department, department_id) is not None:
            user.department_id = department_id
        elif department is None:
            raise AccountError("部门用户必须指明所属部门（--department）")
        else:
            user.department_id = find_department(session, department, region).id
    elif department is not None or department_id is not None:
        raise AccountError("只有部门用户（--role department）才能指定所属部门")
    if role == "reviewer" and region is not None:
        user.region_id = find_region(session, region).id
    elif role == "admin" and region is not None:
        raise AccountError("管理员不限地区，不能指定 --region")
    session.add(user)
    session.flush()
    return user


def get_user(session: Session, name: str) -> User:
    user = session.scalars(select(User).where(User.name == name)).first()
    if user is None:
        raise AccountError(f"没有用户「{name}」")
    return user


def issue_token(session: Session, name: str, label: str = "") -> str:
    """A new API token for an active user; only its digest is stored, the token is returned once."""
    user = get_user(session, name)
    if not user.active:
        raise AccountError(f"用户「{name}」已停用，不能生成令牌")
    token = new_token()
    session.add(ApiToken(user_id=user.id, digest=token_digest(token), label=label or "命令行生成",
                         created_at=_now(), revoked=False))
    session.flush()
    return token


def disable_user(session: Session, name: str) -> User:
    """Stop the user: sessions end at their next request and every token is revoked."""
    user = get_user(session, name)
    user.active = False
    for token in session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)):
        token.revoked = True
    session.flush()
    return user


def user_by_token(session: Session, token: str) -> User | None:
    row = session.scalars(select(ApiToken).where(ApiToken.digest == token_digest(token))).first()
    if row is None or row.revoked or not row.user.active:
        return None
    return row.user


def active_user(session: Session, user_id: int) -> User | None:
    user = session.get(User, user_id)
    return user if user is not None and user.active else None


@dataclass(frozen=True)
class LoginLimits:
    max_failures: int
    max_failures_client: int
    window: timedelta


class TooManyAttempts(AccountError):
    pass


def _login_name(name: str) -> str:
    return name.strip()[:200]


def check_limits(session: Session, name: str, client: str, limits: LoginLimits) -> None:
    """Raise :class:`TooManyAttempts` when the name or the client address had too many failed
    logins within the window; checked before the password so that guessing gains nothing."""
    since = _now() - limits.window
    failures = select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.at >= since, LoginAttempt.success.is_(False))
    by_name = session.scalar(failures.where(LoginAttempt.username == _login_name(name))) or 0
    by_client = session.scalar(failures.where(LoginAttempt.client == client[:100])) or 0
    if by_name >= limits.max_failures or by_client >= limits.max_failures_client:
        minutes = int(limits.window.total_seconds() // 60)
        raise TooManyAttempts(f"登录失败次数过多，已暂停登录；请 {minutes} 分钟后再试，或联系管理员")


def password_hash_of(session: Session, name: str) -> str | None:
    """The stored hash of an active user; None for unknown or disabled users (verified against a dummy)."""
    user = session.scalars(select(User).where(User.name == _login_name(name))).first()
    return user.password_hash if user is not None and user.active else None


def record_login(session: Session, name: str, client: str, ok: bool, password: str) -> User | None:
    """Record the attempt; the user when it succeeded (its hash refreshed if the parameters changed)."""
    name = _login_name(name)
    session.add(LoginAttempt(at=_now(), username=name, client=client[:100], success=ok))
    if not ok:
        return None
    user = session.scalars(select(User).where(User.name == name)).first()
    if user is None or not user.active:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


@dataclass(frozen=True)
class UserRow:
    name: str
    role: str
    scope: str
    active: bool
    tokens: int
    created_at: datetime
    created_by: str


def list_users(session: Session) -> list[UserRow]:
    live = select(ApiToken.user_id, func.count().label("n")).where(ApiToken.revoked.is_(False)).group_by(
        ApiToken.user_id).subquery()
    rows = session.execute(
        select(User, func.coalesce(live.c.n, 0)).outerjoin(live, live.c.user_id == User.id).order_by(User.name))
    out = []
    for user, n in rows:
        scope = user.department.name if user.department else (user.region.name if user.region else "")
        out.append(UserRow(user.name, user.role, scope, user.active, int(n), user.created_at, user.created_by))
    return out
