"""Store commands: import, list, history, compare, export, and `jixiao db …` (init, upgrade, assign, status, log)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jixiao.cli.app import app, err, out
from jixiao.cli.common import db_error as _db_error
from jixiao.cli.common import open_store

if TYPE_CHECKING:
    from jixiao.store import ImportOutcome

db_app = typer.Typer(help="数据库：初始化、升级、指定评价框架、状态、变更记录。", no_args_is_help=True)
app.add_typer(db_app, name="db")

DbOption = Annotated[str | None, typer.Option(
    "--db", help="数据库：SQLite 文件路径或数据库 URL；默认取环境变量 JIXIAO_DATABASE_URL，否则为当前文件夹的 jixiao.db")]
RegionOption = Annotated[str | None, typer.Option("--region", help="地区，如 广东省湛江市")]
UserOption = Annotated[str | None, typer.Option("--user", help="操作人（默认取 JIXIAO_USER 或登录名）")]


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[错误] {message}", markup=False)
    return typer.Exit(code)


def _local(at: datetime) -> str:
    """A stored time (UTC; SQLite returns it without zone) in the local zone."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone().strftime("%Y-%m-%d %H:%M")


def _score(value: Decimal | None) -> str:
    from jixiao.textfmt import score

    return "" if value is None else score(value)


def _write_new(output: Path, data: bytes, force: bool = False) -> None:
    """Write a new file completely or not at all; never replace an existing one unless ``force``
    (the one atomic writer)."""
    from jixiao.safeio.atomic import WouldOverwrite, atomic_write

    if not output.parent.is_dir():
        raise _fail(f"文件夹 {output.parent} 不存在", 2)
    try:
        atomic_write(output, data, force=force)  # a hard link at the end: fails rather than replace a file created meanwhile
    except WouldOverwrite:
        raise _fail(f"文件 {output} 已存在，不覆盖", 2) from None


# ---- import ----------------------------------------------------------------------------------------------------


def _outcome_line(o: ImportOutcome) -> str:
    from jixiao.store import ImportStatus

    if o.status is ImportStatus.FAILED:
        return f"失败 {o.source}"
    grade = f"，{o.grade}" if o.grade else ("" if o.complete else "（缺数据，总分不完整，暂不定级）")
    line = (f"{o.status.label} {o.source}：{o.department} {o.year} 年度（第 {o.revision} 版），"
            f"框架 {o.framework_id}，总分 {_score(o.total)} 分{grade}")
    if o.refreshed_years:
        line += f"；已按新数据重新计算 {'、'.join(str(y) for y in o.refreshed_years)} 年度的同比与评分"
    return line


@app.command("import")
def import_(
    paths: Annotated[list[Path], typer.Argument(help="部门年度数据文件（.yaml/.json/.xlsx）或文件夹（递归查找）")],
    db: DbOption = None,
    framework: Annotated[str | None, typer.Option("--framework", "-f", help="用此框架评价（ID 或文件），不按地区年度的指定")] = None,
    user: UserOption = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, max=64,
                                      help="读取和评价文件的进程数（文件多时可设为 CPU 核数）")] = 1,
) -> None:
    """导入部门年度数据并按所属地区、年度指定的框架评价；同比数据取自数据库中的上一年度。"""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from jixiao.cli.render import print_findings
    from jixiao.store import ImportStatus
    from jixiao.store.importing import data_files

    files, _ = data_files(paths)
    with open_store(db) as store:
        counts = dict.fromkeys(ImportStatus, 0)
        show = len(files) > 1 and err.is_terminal
        progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeRemainingColumn(), console=err if show else out, transient=True, disable=not show)

        def done(o: ImportOutcome) -> None:
            counts[o.status] += 1
            progress.console.print(_outcome_line(o), markup=False, highlight=False,
                                   style="red" if o.status is ImportStatus.FAILED else None)
            if o.findings:
                print_findings(progress.console, o.findings)
            progress.advance(storing)

        with progress:
            reading = progress.add_task("读取", total=len(files))
            storing = progress.add_task("导入", total=len(files))
            outcomes = store.import_paths(paths, user=user, framework=framework, jobs=jobs,
                                          on_read=lambda _: progress.advance(reading), on_done=done)
    summary = "，".join(f"{s.label} {counts[s]}" for s in ImportStatus)
    out.print(f"共 {len(outcomes)} 个文件：{summary}", markup=False, highlight=False)
    if counts[ImportStatus.FAILED]:
        raise typer.Exit(1)


# ---- list / history --------------------------------------------------------------------------------------------


@app.command("list")
def list_(
    year: Annotated[int | None, typer.Option("--year", help="只列出该年度")] = None,
    region: RegionOption = None,
    db: DbOption = None,
) -> None:
    """列出数据库中的部门年度：最新版本、评价框架、总分和等级。"""
    from rich.table import Table

    with open_store(db) as store:
        rows = store.list_department_years(year, region)
    if not rows:
        out.print("数据库中没有符合条件的部门年度数据（用 jixiao import 导入）", markup=False)
        return
    table = Table(title=f"部门年度数据（{len(rows)} 条）")
    right = {"年度", "版本", "总分"}
    for col in ("年度", "地区", "部门", "预算编码", "版本", "评价框架", "总分", "等级", "导入时间", "导入人"):
        table.add_column(col, justify="right" if col in right else "left")
    for r in rows:
        grade = r.grade or ("缺数据" if not r.complete else "")
        table.add_row(str(r.year), r.department.region or "未注明", r.department.name, r.department.code or "",
                      str(r.revisions), r.framework_id or "未评价", _score(r.total), grade, _local(r.imported_at),
                      r.imported_by)
    out.print(table)


@app.command()
def history(
    department: Annotated[str, typer.Argument(help="部门名称或预算编码")],
    region: RegionOption = None,
    db: DbOption = None,
) -> None:
    """某部门历年的全部版本和得分趋势。"""
    from rich.table import Table

    from jixiao.cli.render import print_findings

    with open_store(db) as store:
        h = store.history(department, region)
    d = h.department
    code = f"（预算编码 {d.code}）" if d.code else ""
    out.print(f"{d.name}{code}，{d.region or '未注明地区'}", markup=False, highlight=False)
    table = Table(title="历年评价与版本")
    for col in ("年度", "版本", "导入时间", "导入人", "来源文件", "框架", "总分", "等级", "较上年"):
        table.add_column(col)
    for y in h.years:
        for i, rev in enumerate(y.revisions):
            newest = i == len(y.revisions) - 1
            change = ""
            if newest and y.change is not None:
                change = "持平" if y.change == 0 else (f"+{_score(y.change)}" if y.change > 0 else _score(y.change))
            table.add_row(str(y.year) if i == 0 else "", f"第 {rev.number} 版" + ("（当前）" if newest else ""),
                          _local(rev.imported_at), rev.imported_by, rev.source_name, rev.framework_id or "",
                          _score(rev.total), rev.grade or ("" if rev.complete else "缺数据"), change)
    out.print(table)
    scored = [(y.year, y.total) for y in h.years if y.total is not None and y.complete]
    if len(scored) > 1:
        trend = " → ".join(f"{year} 年 {_score(total)} 分" for year, total in scored)
        out.print(f"得分趋势：{trend}", markup=False, highlight=False)
    for y in h.years:
        if y.findings:
            out.print(f"{y.year} 年度同比核对：", markup=False, highlight=False)
            print_findings(out, y.findings)


# ---- compare -----------------------------------------------------------------------------------------------------


@app.command()
def compare(
    year: Annotated[int, typer.Option("--year", help="年度")],
    region: RegionOption = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写出 Excel 比较表（含图表页），不覆盖已有文件")] = None,
    charts: Annotated[Path | None, typer.Option("--charts", help="把 PNG 图表写入此文件夹")] = None,
    top: Annotated[int, typer.Option("--top", help="终端中每个排名最多显示的行数")] = 30,
    force: Annotated[bool, typer.Option("--force", help="覆盖已有的 -o 文件；--charts 文件夹中有不是 jixiao 写出的文件时仍然写出")] = False,
    db: DbOption = None,
) -> None:
    """比较同一年度各部门：按总分和各一级指标排名、等级分布、与同组相比的异常值。"""
    import gc

    # Cyclic garbage collection paused for the whole command, as Store.compare pauses it (compare.gc_paused, which
    # cannot be imported before the store package it is meant to cover): loading the store's modules and building
    # the comparison allocate hundreds of thousands of objects and no cycles worth collecting.
    enabled = gc.isenabled()
    gc.disable()
    try:
        _compare(year, region, output, charts, top, force, db)
    finally:
        if enabled:
            gc.enable()


def _compare(year: int, region: str | None, output: Path | None, charts: Path | None, top: int, force: bool,
             db: str | None) -> None:
    from rich.table import Table

    from jixiao.cli.common import open_database
    from jixiao.store.compare_out import measure_text
    from jixiao.store.compare_read import compare

    if output is not None:
        if output.exists() and not force:
            raise _fail(f"文件 {output} 已存在，不覆盖：请换一个文件名、先移走它或加 --force", 2)
        if output.suffix.lower() != ".xlsx":
            raise _fail(f"输出文件应以 .xlsx 结尾：{output}", 2)
    with open_database(db) as database:  # not open_store: comparing loads no framework, model or engine
        c = compare(database, year, region)
    where = f"「{region}」" if region else ""
    if not c.groups:
        out.print(f"数据库中没有{where}{year} 年度已评价的部门（用 jixiao import 导入）", markup=False)
        raise typer.Exit(1)
    for g in c.groups:
        out.print(f"{where}{year} 年度 · {g.framework_name}（{g.framework_id}）：{len(g.peers)} 个部门，"
                  f"{len(g.ranking)} 个参加排名", markup=False, highlight=False, style="bold")
        table = Table(title="总分排名")
        for col in ("名次", "部门", "总分", "等级", *g.indicator_names):
            table.add_column(col, justify="right" if col not in ("部门", "等级") else "left")
        ranks = {name: {id(r.peer): r.rank for r in ranking} for name, ranking in g.by_indicator}
        for r in g.ranking[:top]:
            cells = []
            for name, _, s in r.peer.tops:
                place = ranks[name].get(id(r.peer))
                cells.append(f"{_score(s)}（{place}）" if s is not None else "缺数据")
            table.add_row(str(r.rank), r.peer.department, _score(r.value), r.peer.grade or "", *cells)
        out.print(table)
        if len(g.ranking) > top:
            out.print(f"（另有 {len(g.ranking) - top} 个未显示；完整排名见 -o 写出的 Excel）", markup=False)
        if g.incomplete:
            names = "、".join(p.department for p in g.incomplete[:10]) + ("等" if len(g.incomplete) > 10 else "")
            out.print(f"总分不完整、不参加排名的 {len(g.incomplete)} 个部门：{names}", markup=False, highlight=False)
        dist = "，".join(f"{gr} {n} 个" for gr, n in g.grades)
        out.print(f"等级分布：{dist}", markup=False, highlight=False)
        if g.outliers:
            t = Table(title="异常值（与同组相比）")
            for col in ("部门", "指标", "数值", "同组中位数", "稳健 z 分数", "判断"):
                t.add_column(col)
            for o in g.outliers[:top]:
                t.add_row(o.department, o.measure, measure_text(o.measure, o.value), measure_text(o.measure, o.median),
                          f"{o.z:.2f}", o.direction)
            out.print(t)
        else:
            out.print("未发现异常值", markup=False)
    out.print(c.method, markup=False, highlight=False, style="dim")
    if output is not None:
        from jixiao.store.compare_out import workbook_bytes

        _write_new(output, workbook_bytes(c), force)
        out.print(f"已写出比较表 {output}", markup=False, highlight=False)
    if charts is not None:
        from jixiao.store.compare_out import write_charts

        written = write_charts(c, charts, force=force)
        out.print(f"已写出 {len(written)} 张图表到 {charts}：{'、'.join(p.name for p in written)}", markup=False,
                  highlight=False)


# ---- export ----------------------------------------------------------------------------------------------------


@app.command()
def export(
    department: Annotated[str, typer.Argument(help="部门名称或预算编码")],
    year: Annotated[int, typer.Option("--year", help="年度")],
    output: Annotated[Path, typer.Option("--output", "-o", help="写出的 Excel 工作簿（不覆盖已有文件）；与 --package 同用时为输出文件夹")],
    region: RegionOption = None,
    revision: Annotated[int | None, typer.Option("--revision", help="版本号（默认最新版本）")] = None,
    original: Annotated[bool, typer.Option("--original", help="写出导入时的原始文件，而不是按模板重新生成")] = False,
    package: Annotated[bool, typer.Option("--package", help="写出自评报告、评分表、数据表和图表（同比数据取自库中上一年度）")] = False,
    db: DbOption = None,
) -> None:
    """把数据库中的部门年度数据写回 Excel 填报工作簿（同样的数据总是同样的字节），或用 --package 写出全套报告。"""
    if package:
        _export_package(department, year, output, region, db)
        return
    if output.exists():
        raise _fail(f"文件 {output} 已存在，不覆盖：请换一个文件名或先移走它", 2)
    if not output.parent.is_dir():
        raise _fail(f"文件夹 {output.parent} 不存在", 2)
    with open_store(db) as store:
        data, source = store.export_workbook(department, year, region, revision, original)
    if not original and output.suffix.lower() != ".xlsx":
        raise _fail(f"输出文件应以 .xlsx 结尾：{output}", 2)
    _write_new(output, data)
    what = "原始文件" if original else "填报工作簿"
    out.print(f"已写出{what} {output}（来源：{source}）", markup=False, highlight=False)


def _export_package(department: str, year: int, output: Path, region: str | None, db: str | None) -> None:
    """The report package of a stored department-year, with last year's figures from the store."""
    from jixiao.engine.evaluate import evaluate
    from jixiao.report.package import write_package

    if output.exists() and (not output.is_dir() or any(output.iterdir())):
        raise _fail(f"输出位置 {output} 已存在且不是空文件夹，不覆盖", 2)
    with open_store(db) as store:
        dy, fw = store.for_report(department, year, region)
    written = write_package(dy, evaluate(dy, fw), fw, output)
    out.print(f"已写出 {len(written.files)} 个文件到 {output}（同比数据取自数据库中的 {year - 1} 年度）：", markup=False,
              highlight=False)
    for f in written.files:
        out.print(f"  {f.name}", markup=False, highlight=False)
    for note in written.notes:
        err.print(f"[提示] {note}", markup=False)


# ---- db ----------------------------------------------------------------------------------------------------------


def _migrate(db: str | None, creating: bool) -> None:
    from sqlalchemy.exc import SQLAlchemyError

    from jixiao.store import Database, StoreError, describe
    from jixiao.store.migrate import current, head, upgrade

    try:
        database = Database.open(db)
    except StoreError as exc:
        raise _fail(str(exc)) from None
    try:
        where = describe(database.url)
        before = current(database)
        if not creating and before is None:
            raise _fail(f"{where} 尚未初始化：请运行 jixiao db init")
        if before == head():
            out.print(f"{where} 已是最新结构（{before}）", markup=False, highlight=False)
            return
        _, after = upgrade(database)
    except SQLAlchemyError as exc:
        raise _fail(f"数据库错误：{_db_error(exc)}") from None
    finally:
        database.dispose()
    if before is None:
        out.print(f"已创建 {where}（结构版本 {after}）", markup=False, highlight=False)
    else:
        out.print(f"已将 {where} 从结构版本 {before} 升级到 {after}", markup=False, highlight=False)


@db_app.command("init")
def db_init(db: DbOption = None) -> None:
    """创建数据库（SQLite 文件不存在时新建）并建立全部表。"""
    _migrate(db, creating=True)


@db_app.command("upgrade")
def db_upgrade(db: DbOption = None) -> None:
    """把数据库结构升级到本程序的版本（升级前请备份）。"""
    _migrate(db, creating=False)


@db_app.command("status")
def db_status(db: DbOption = None) -> None:
    """数据库位置、结构版本和各表行数。"""
    from jixiao.store import describe

    labels = {"department": "部门", "department_year": "部门年度", "revision": "数据版本", "evaluation": "评价结果",
              "framework_version": "框架版本", "framework_assignment": "框架指定", "audit_batch": "审核批次",
              "audit_finding": "审核发现", "change_log": "变更记录"}
    with open_store(db) as store:
        from jixiao.store.migrate import current

        out.print(f"{describe(store.db.url)}，结构版本 {current(store.db)}（最新）", markup=False, highlight=False)
        for table, n in store.counts().items():
            out.print(f"  {labels.get(table, table)}：{n}", markup=False, highlight=False)
        for a in store.assignments():
            out.print(f"  指定框架：{a.region} {a.year} 年度 → {a.framework_id}（{a.framework_name}），"
                      f"{a.assigned_by} 于 {_local(a.assigned_at)}", markup=False, highlight=False)


@db_app.command("assign")
def db_assign(
    region: Annotated[str, typer.Option("--region", help="地区，与数据中 profile.region 一致，如 广东省湛江市")],
    year: Annotated[int, typer.Option("--year", help="年度")],
    framework: Annotated[str, typer.Option("--framework", "-f", help="框架 ID 或框架文件（.yaml）")],
    user: UserOption = None,
    db: DbOption = None,
) -> None:
    """指定某地区某年度使用的评价框架；已导入的该地区该年度数据随即重新评价。"""
    from jixiao.cli.app import exit_with_findings
    from jixiao.findings import InputError
    from jixiao.frameworks import FrameworkNotFound

    with open_store(db) as store:
        try:
            done = store.assign_framework(region, year, framework, user)
        except FrameworkNotFound as exc:
            raise _fail(str(exc)) from None
        except InputError as exc:
            exit_with_findings(exc.findings)
    again = f"，已重新评价 {done.reevaluated} 个部门年度" if done.reevaluated else ""
    out.print(f"已指定：{region} {year} 年度使用框架 {done.framework_id}{again}", markup=False, highlight=False)


@db_app.command("log")
def db_log(
    limit: Annotated[int, typer.Option("--limit", "-n", help="显示条数")] = 30,
    subject: Annotated[str | None, typer.Option("--subject", help="只显示对象中含此文字的记录，如部门名称")] = None,
    db: DbOption = None,
) -> None:
    """变更记录（只增不改）：导入、重新评价、指定框架、审核。"""
    from rich.table import Table

    actions = {"import": "导入", "import-unchanged": "重复导入（未变化）", "reevaluate": "重新评价", "assign": "指定框架",
               "audit": "审核"}
    with open_store(db) as store:
        entries = store.change_log(limit, subject)
    table = Table(title="变更记录（最新在前）")
    for col in ("时间", "操作人", "操作", "对象", "详情"):
        table.add_column(col, overflow="fold")
    for e in entries:
        detail = "，".join(f"{k}={v}" for k, v in e.detail.items() if v is not None)
        table.add_row(_local(e.at), e.actor, actions.get(e.action, e.action), e.subject, detail)
    out.print(table)
