"""``jixiao users``: accounts of the web app (add, token, list, disable)."""

from __future__ import annotations

import getpass
import sys
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from jixiao.cli.app import app, err, out

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from jixiao.store.database import Database

users_app = typer.Typer(help="网页应用的用户：添加、生成 API 令牌、列出、停用。", no_args_is_help=True)
app.add_typer(users_app, name="users")

DbOption = Annotated[str | None, typer.Option("--db", help="数据库：SQLite 文件路径或连接地址；默认 JIXIAO_DATABASE_URL，否则 ./jixiao.db")]
ACTOR = "命令行"


def _actor() -> str:
    try:
        return f"{ACTOR}:{getpass.getuser()}"
    except Exception:  # no user name in a container
        return ACTOR


def _open(db: str | None) -> Database:
    from jixiao.store.database import Database, StoreError
    from jixiao.store.migrate import check_schema

    try:
        database = Database.open(db)
        check_schema(database)
    except StoreError as exc:
        err.print(f"[错误] {exc}", markup=False)
        raise typer.Exit(1) from None
    return database


def _fail(message: str) -> NoReturn:
    err.print(f"[错误] {message}", markup=False)
    raise typer.Exit(1)


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="用户名（登录名）")],
    role: Annotated[str, typer.Option("--role", help="角色：department（部门）/ reviewer（审核）/ admin（管理员）")],
    department: Annotated[str | None, typer.Option("--department", help="部门用户所属部门（名称或预算编码）")] = None,
    region: Annotated[str | None, typer.Option("--region", help="审核人员负责的地区；部门重名时用于区分")] = None,
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="从标准输入读取密码（一行）")] = False,
    db: DbOption = None,
) -> None:
    """添加用户；密码从标准输入读取（--password-stdin），或在终端中输入两次。"""
    from jixiao.store.rows import log
    from jixiao.web.accounts import ROLE_NAMES, AccountError, create_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = getpass.getpass("密码：")
        if getpass.getpass("再次输入密码：") != password:
            _fail("两次输入的密码不一致")
    else:
        _fail("请用 --password-stdin 从标准输入提供密码")
    database = _open(db)
    actor = _actor()

    def work(session: Session) -> tuple[str, str, str]:
        user = create_user(session, name, role, password, department=department, region=region, created_by=actor)
        scope = user.department.name if user.department else (user.region.name if user.region else "")
        log(session, actor, "user.add", f"用户 {user.name}", role=user.role, department=scope if user.department else None,
            region=user.region.name if user.region else None)
        return user.name, user.role, scope

    try:
        added, role_id, scope = database.write(work)
    except AccountError as exc:
        _fail(str(exc))
    finally:
        database.dispose()
    where = f"（{scope}）" if scope else ""
    out.print(f"已添加{ROLE_NAMES[role_id]}「{added}」{where}", markup=False)


@users_app.command("token")
def users_token(
    name: Annotated[str, typer.Argument(help="用户名")],
    label: Annotated[str, typer.Option("--label", help="令牌用途说明")] = "",
    db: DbOption = None,
) -> None:
    """为用户生成一个 API 令牌（只显示这一次，请妥善保存），用于 Authorization: Bearer。"""
    from jixiao.store.rows import log
    from jixiao.web.accounts import AccountError, issue_token

    database = _open(db)
    actor = _actor()

    def work(session: Session) -> str:
        token = issue_token(session, name, label)
        log(session, actor, "user.token", f"用户 {name}", label=label)
        return token

    try:
        token = database.write(work)
    except AccountError as exc:
        _fail(str(exc))
    finally:
        database.dispose()
    sys.stdout.write(token + "\n")


@users_app.command("list")
def users_list(db: DbOption = None) -> None:
    """列出全部用户：角色、所属部门或地区、是否停用、令牌数。"""
    from rich.table import Table

    from jixiao.web.accounts import ROLE_NAMES, list_users

    database = _open(db)
    try:
        with database.reading() as session:
            rows = list_users(session)
    finally:
        database.dispose()
    table = Table(title=f"用户（{len(rows)} 个）")
    for col in ("用户名", "角色", "部门 / 地区", "状态", "有效令牌", "创建时间", "创建者"):
        table.add_column(col)
    for r in rows:
        table.add_row(r.name, ROLE_NAMES[r.role], r.scope, "启用" if r.active else "已停用", str(r.tokens),
                      r.created_at.strftime("%Y-%m-%d %H:%M"), r.created_by)
    out.print(table)


@users_app.command("disable")
def users_disable(name: Annotated[str, typer.Argument(help="用户名")], db: DbOption = None) -> None:
    """停用用户：立即不能登录，已登录的会话和全部 API 令牌失效。"""
    from jixiao.store.rows import log
    from jixiao.web.accounts import AccountError, disable_user

    database = _open(db)
    actor = _actor()

    def work(session: Session) -> None:
        disable_user(session, name)
        log(session, actor, "user.disable", f"用户 {name}")

    try:
        database.write(work)
    except AccountError as exc:
        _fail(str(exc))
    finally:
        database.dispose()
    out.print(f"已停用用户「{name}」", markup=False)
