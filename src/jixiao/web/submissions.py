"""Submissions: a department's uploaded workbook stored as a revision, its result and its report files.

A *submission* is one revision of a department-year in the store; its id is the
revision's id. Uploading reads the file with the intake (every problem comes
back with file, sheet and cell), checks that the department is the user's, and
stores it with the store's own import (revision + evaluation in one
transaction). Report files are written on first request from the stored data
(the writers are deterministic) and kept under ``data_dir/packages``.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from jixiao.findings import Finding, Location, Severity, has_errors
from jixiao.model import DepartmentYear
from jixiao.model.load import parse_department
from jixiao.model.records import dump
from jixiao.store.database import Database
from jixiao.store.importing import ImportOutcome, Source, department_key, store_department
from jixiao.store.tables import (
    Department,
    DepartmentYearRow,
    Evaluation,
    FrameworkVersion,
    Region,
    Revision,
)
from jixiao.web.accounts import Principal
from jixiao.web.intake_pool import IntakePool

SUFFIXES = (".xlsx", ".xlsm", ".yaml", ".yml", ".json")
PACKAGE_FILES = ("自评报告.docx", "评分表.xlsx", "数据表.xlsx", "自评报告.md", "result.json")
PDF_FILE = "自评报告.pdf"
FILES = (*PACKAGE_FILES, PDF_FILE)


class NotYours(Exception):
    """The data belong to a department outside the user's scope (403)."""


@dataclass(frozen=True)
class Rejected:
    """The upload could not be stored; findings name file, sheet, cell or line."""

    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class Submitted:
    id: int  # revision id
    outcome: ImportOutcome


def upload_name(raw: str | None) -> str:
    name = PurePosixPath((raw or "").replace("\\", "/")).name.strip()
    return "".join(c for c in name if c.isprintable())[:200] or "上传文件"


def _relocate(findings: list[Finding], shown: str) -> tuple[Finding, ...]:
    """Findings point at the temporary file; show the name the user uploaded instead."""
    return tuple(replace(f, location=replace(f.location, file=shown)) if f.location.file else f for f in findings)


def visible(user: Principal, department: Department) -> bool:
    if user.is_department:
        return department.id in user.department_ids
    if user.is_reviewer:
        return user.region_id is None or department.region_id == user.region_id
    return user.is_admin


async def submit(db: Database, user: Principal, raw_name: str | None, stream: BinaryIO,
                 intake: IntakePool) -> Submitted | Rejected:
    """Read (in the intake pool's worker processes), check ownership, store and evaluate one uploaded file.

    No thread waits while the workbook is parsed, so result pages keep being answered during uploads.
    Raises :class:`NotYours`."""
    from fastapi.concurrency import run_in_threadpool

    shown = upload_name(raw_name)
    suffix = PurePosixPath(shown.lower()).suffix
    if suffix not in SUFFIXES:
        return Rejected((Finding("web.file-type", Severity.ERROR,
                                 f"不支持的文件类型「{suffix or '无扩展名'}」，应为填报工作簿 .xlsx，或数据文件 .yaml / .json",
                                 Location(file=shown)),))
    with tempfile.TemporaryDirectory(prefix="jixiao-upload-") as tmp:
        path = Path(tmp) / f"upload{suffix}"  # the server's name: user input never names a file
        await run_in_threadpool(_save, stream, path)
        source, dy, findings = await intake.read(path)
    relocated = _relocate(findings, shown)
    if source is None or dy is None or has_errors(findings):
        return Rejected(relocated)
    source = Source(shown, source.format, source.data)
    outcome, revision_id = await run_in_threadpool(store, db, user, dy, source)
    if outcome.status.value == "failed":
        return Rejected(_relocate(list(outcome.findings), shown))
    return Submitted(revision_id, replace(outcome, findings=(*relocated, *outcome.findings)))


def _save(stream: BinaryIO, path: Path) -> None:
    with path.open("wb") as fh:
        shutil.copyfileobj(stream, fh, 1024 * 1024)


def store(db: Database, user: Principal, dy: DepartmentYear, source: Source) -> tuple[ImportOutcome, int]:
    """The store's import, refused unless the department already exists within the user's scope."""
    from jixiao.store.importing import failure_from

    p = dy.profile

    def work(session: Session) -> tuple[ImportOutcome, int]:
        key = department_key(p.region, p.code, p.name)
        dept = session.scalars(select(Department).where(Department.key == key)).first()
        if dept is None or not user.is_department or dept.id not in user.department_ids:
            raise NotYours(f"数据中的部门「{p.name}」（地区：{p.region or '未填'}）不是您所属的部门或其二级单位，不能提交")
        outcome = store_department(session, dy, source, user.name)
        rev_id = session.scalars(select(Revision.id).join(DepartmentYearRow).where(
            DepartmentYearRow.department_id == dept.id, DepartmentYearRow.year == p.year,
            Revision.number == outcome.revision)).one()
        return outcome, rev_id

    try:
        return db.write(work)
    except NotYours:
        raise
    except Exception as exc:
        failure = failure_from(exc, source.name)
        if failure is None:
            raise
        return failure, 0


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class SubmissionView:
    revision: Revision
    department: Department
    region: str
    year: int
    evaluation: Evaluation | None
    framework: FrameworkVersion | None
    latest_number: int

    @property
    def result(self) -> dict[str, Any] | None:
        return self.evaluation.result if self.evaluation is not None else None

    @property
    def is_latest(self) -> bool:
        return self.revision.number == self.latest_number


def load(session: Session, user: Principal, revision_id: int) -> SubmissionView | None:
    """The submission when the user may see it; None otherwise (the page answers 404 either way)."""
    rev = session.get(Revision, revision_id)
    if rev is None:
        return None
    dy_row = rev.department_year
    dept = dy_row.department
    if not visible(user, dept):
        return None
    ev = session.scalars(select(Evaluation).where(Evaluation.revision_id == rev.id)
                         .order_by(Evaluation.evaluated_at.desc())).first()
    fv = session.get(FrameworkVersion, ev.framework_version_id) if ev is not None else None
    region = session.get(Region, dept.region_id)
    return SubmissionView(rev, dept, region.name if region else "", dy_row.year, ev, fv, dy_row.latest_revision)


def walk(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Indicator nodes of a stored result, depth first."""
    out: list[dict[str, Any]] = []

    def visit(node: dict[str, Any]) -> None:
        out.append(node)
        for child in node.get("children", []):
            visit(child)

    for top in result.get("indicators", []):
        visit(top)
    return out


def where_to_fill(missing: str) -> str:
    """Where a missing input is entered: the workbook sheet and row label, or the field as the engine names it.

    ``missing`` is the engine's text for a missing input, "标签（field.path）", or a bare field path."""
    from jixiao.intake.layout import SHEETS, KeyValueSheet

    m = re.search(r"（([A-Za-z_][\w.]*)）$", missing)
    path = m.group(1) if m else missing

    for sheet in SHEETS:
        if isinstance(sheet, KeyValueSheet):
            for f in sheet.fields:
                if f.path == path:
                    return f"工作表「{sheet.name}」的「{f.label}」"
            continue
        for f in sheet.preamble:
            if f.path == path:
                return f"工作表「{sheet.name}」的「{f.label}」"
        for column, model_path in sheet.totals:
            if model_path == path:
                return f"工作表「{sheet.name}」“{sheet.total_label}”行的「{sheet.column(column).label}」"
        for v in sheet.variants:
            if path == v.path or path.startswith(v.path + "."):
                return f"工作表「{sheet.name}」"
    return missing


def manual_indicators(view: SubmissionView) -> list[dict[str, Any]]:
    """Qualitative indicators scored by hand: id, name, weight, current score and reason."""
    if view.result is None or view.framework is None:
        return []
    from jixiao.store.assign import framework_from_text

    fw = framework_from_text(view.framework.content)
    manual_ids = {n.id for _, n in fw.walk() if n.rule is not None and n.rule.kind == "manual"}
    given = {m["indicator"]: m for m in view.revision.data.get("manual_scores", [])}
    out = []
    for node in walk(view.result):
        if node["id"] in manual_ids:
            m = given.get(node["id"], {})
            out.append({"id": node["id"], "name": node["name"], "weight": node["weight"],
                        "score": m.get("score", ""), "reason": m.get("reason") or ""})
    return out


def with_manual_scores(view: SubmissionView, form: dict[str, str]) -> tuple[DepartmentYear | None, list[str]]:
    """The revision's data with the manual scores from the form; problems in Chinese."""
    problems: list[str] = []
    scores: dict[str, dict[str, Any]] = {}
    for ind in manual_indicators(view):
        raw = form.get(f"score-{ind['id']}", "").strip()
        reason = form.get(f"reason-{ind['id']}", "").strip()
        if not raw:
            continue
        try:
            value = Decimal(raw)
        except InvalidOperation:
            problems.append(f"「{ind['name']}」的得分「{raw}」不是数字")
            continue
        if not value.is_finite() or value < 0 or value > Decimal(ind["weight"]):
            problems.append(f"「{ind['name']}」的得分应在 0 到 {ind['weight']} 分之间，填写的是 {raw}")
            continue
        if not reason:
            problems.append(f"「{ind['name']}」请填写评分理由")
            continue
        scores[ind["id"]] = {"indicator": ind["id"], "score": str(value), "reason": reason[:2000]}
    if problems:
        return None, problems
    data = dict(view.revision.data)
    kept = [m for m in data.get("manual_scores", []) if m["indicator"] not in scores]
    data["manual_scores"] = [*kept, *scores.values()]
    try:
        return parse_department(data), []
    except ValueError as exc:
        return None, [f"数据校验未通过：{exc}"]


def manual_source(dy: DepartmentYear, based_on: Revision) -> Source:
    text = json.dumps(dump(dy, mode="json"), ensure_ascii=False, indent=2, sort_keys=True)
    return Source(f"网页录入人工评分（基于第 {based_on.number} 版）.json", "json", text.encode("utf-8"))


# ---------------------------------------------------------------- files

_locks: dict[int, threading.Lock] = {}
_locks_guard = threading.Lock()


def _lock(key: int) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(key, threading.Lock())


def package_dir(data_dir: Path, evaluation: Evaluation) -> Path:
    stamp = evaluation.evaluated_at.strftime("%Y%m%d%H%M%S%f")
    return data_dir / "packages" / f"{evaluation.id}-{stamp}"


def inputs(session: Session, view: SubmissionView) -> tuple[DepartmentYear, Any, Any]:
    """(derived department-year, result, framework) exactly as the store evaluated the revision."""
    from jixiao.engine.evaluate import evaluate
    from jixiao.store.assign import framework_from_text
    from jixiao.store.importing import prior_year
    from jixiao.store.yoy import with_prior

    assert view.framework is not None
    dy = parse_department(view.revision.data)
    prior, _ = prior_year(session, view.department.id, view.year)
    derived, _ = with_prior(dy, prior)
    fw = framework_from_text(view.framework.content)
    return derived, evaluate(derived, fw), fw


def package_file(db: Database, data_dir: Path, view: SubmissionView, name: str) -> tuple[bytes | None, str | None]:
    """The bytes of one report file (written on first request); (None, reason) when it cannot be made."""
    assert name in FILES and view.evaluation is not None
    folder = package_dir(data_dir, view.evaluation)
    target = folder / name
    with _lock(view.evaluation.id):
        if not target.exists():
            with db.reading() as session:
                dy, result, fw = inputs(session, view)
            if name == PDF_FILE:
                reason = _write_pdf(dy, result, fw, folder)
                if reason:
                    return None, reason
            else:
                from jixiao.report.package import write_package

                write_package(dy, result, fw, folder, ("docx", "xlsx", "md", "json"))
    return target.read_bytes(), None


def _write_pdf(dy: DepartmentYear, result: Any, fw: Any, folder: Path) -> str | None:
    from jixiao.report.package import write_package

    written = write_package(dy, result, fw, folder, ("docx",), pdf=True)
    missing = [n for n in written.notes if n.startswith("未生成 PDF")]
    return missing[0] if missing else None


def charts(session: Session, view: SubmissionView) -> tuple[Any, ...]:
    """The report's own chart data (the same figures as in the Word report)."""
    from jixiao.report.content import build_report

    dy, result, fw = inputs(session, view)
    return build_report(dy, result, fw).charts


# ---------------------------------------------------------------- history


@dataclass(frozen=True)
class HistoryRow:
    department: str
    department_id: int
    year: int
    revision_id: int
    number: int
    latest: bool
    source_name: str
    imported_by: str
    imported_at: Any
    total: Decimal | None
    max_total: Decimal | None
    grade: str | None
    complete: bool


def history(session: Session, department_ids: frozenset[int] | set[int]) -> list[HistoryRow]:
    rows = session.execute(
        select(Revision, DepartmentYearRow, Department, Evaluation)
        .join(DepartmentYearRow, Revision.department_year_id == DepartmentYearRow.id)
        .join(Department, DepartmentYearRow.department_id == Department.id)
        .outerjoin(Evaluation, Evaluation.revision_id == Revision.id)
        .where(Department.id.in_(department_ids))
        .order_by(Department.name, DepartmentYearRow.year.desc(), Revision.number.desc(), Evaluation.evaluated_at.desc())
    )
    out: list[HistoryRow] = []
    seen: set[int] = set()
    for rev, dyr, dept, ev in rows:
        if rev.id in seen:  # several evaluations of one revision: the newest is shown
            continue
        seen.add(rev.id)
        out.append(HistoryRow(dept.name, dept.id, dyr.year, rev.id, rev.number, rev.number == dyr.latest_revision,
                              rev.source_name, rev.imported_by, rev.imported_at, ev.total if ev else None,
                              ev.max_total if ev else None, ev.grade if ev else None, bool(ev and ev.complete)))
    return out
