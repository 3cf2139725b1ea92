"""Importing into the store (SQLite and PostgreSQL): evaluation, revisions, bad files, framework assignment."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa

from jixiao.model.records import replace
from jixiao.store import ImportStatus, Store
from jixiao.store.tables import Evaluation, IndicatorScore, Revision
from tests.store.generate import EXAMPLES, as_data, example, write_data


def test_import_evaluates_under_the_regions_framework(store: Store) -> None:
    [o] = store.import_paths([EXAMPLES / "wanzhou-2020.yaml"], user="张三")
    assert (o.status, o.department, o.year, o.revision) == (ImportStatus.NEW, "重庆市万州区人民政府外事办公室", 2020, 1)
    assert (o.framework_id, o.total, o.grade, o.complete) == ("chongqing-district-2020", Decimal("94"), "优", True)
    # Per-indicator scores are columns that SQL can query.
    with store.db.reading() as s:
        tops = s.execute(sa.select(IndicatorScore.name, IndicatorScore.score).where(IndicatorScore.level == 1)
                         .order_by(IndicatorScore.position)).all()
        rev = s.scalars(sa.select(Revision)).one()
    assert [(n, v) for n, v in tops] == [("投入", Decimal("5")), ("过程", Decimal("24.5")), ("产出", Decimal("46")),
                                         ("效果", Decimal("18.5"))]
    assert (rev.imported_by, rev.source_name, rev.source_format) == ("张三", "wanzhou-2020.yaml", "yaml")
    assert (rev.expenditure_total, rev.three_public_actual, rev.carryover) == (
        Decimal("226.75"), Decimal("11.96"), Decimal("0.11"))
    assert rev.source_bytes == (EXAMPLES / "wanzhou-2020.yaml").read_bytes()
    [row] = store.list_department_years(year=2020)
    assert (row.department.region, row.total, row.grade, row.revisions) == ("重庆市万州区", Decimal("94"), "优", 1)
    assert store.list_department_years(year=2021) == []


def test_reimport_keeps_every_revision(store: Store, tmp_path: Path) -> None:
    first = store.import_paths([EXAMPLES / "wanzhou-2020.yaml"], user="甲")
    again = store.import_paths([EXAMPLES / "wanzhou-2020.xlsx"], user="乙")  # same data, other format
    assert [o.status for o in first + again] == [ImportStatus.NEW, ImportStatus.UNCHANGED]
    data = as_data(example("wanzhou-2020"))
    data["expenditure"]["total"] = "220.75"
    data["expenditure"]["project"] = "54.72"
    [changed] = store.import_paths([write_data(tmp_path / "wz.json", data)], user="丙")
    assert (changed.status, changed.revision) == (ImportStatus.REVISED, 2)
    h = store.history("重庆市万州区人民政府外事办公室")
    [year] = h.years
    assert [(r.number, r.imported_by, r.source_name) for r in year.revisions] == [(1, "甲", "wanzhou-2020.yaml"),
                                                                                 (2, "丙", "wz.json")]
    # Revision 1 is intact: exported, it is byte for byte the example workbook.
    workbook, _ = store.export_workbook("重庆市万州区人民政府外事办公室", 2020, revision=1)
    assert workbook == (EXAMPLES / "wanzhou-2020.xlsx").read_bytes()
    dy, number, framework = store.department_year("重庆市万州区人民政府外事办公室", 2020)
    assert (number, dy.expenditure.total, framework) == (2, Decimal("220.75"), "chongqing-district-2020")
    original, name = store.export_workbook("重庆市万州区人民政府外事办公室", 2020, revision=2, original=True)
    assert (original, name) == ((tmp_path / "wz.json").read_bytes(), "wz.json")
    # One current evaluation per department-year: the newest revision's.
    with store.db.reading() as s:
        current = s.execute(sa.select(Revision.number).join(Evaluation, Evaluation.revision_id == Revision.id)
                            .where(Evaluation.current)).scalars().all()
    assert current == [2]
    assert [e.action for e in store.change_log()] == ["import", "import-unchanged", "import"]


def test_bad_files_are_reported_and_the_rest_goes_on(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.yaml").write_bytes((EXAMPLES / "wanzhou-2020.yaml").read_bytes())
    (folder / "bad.yaml").write_text("profile:\n  name: 测试局\n  year: 2023\nbudget:\n  initial: 三百\n", encoding="utf-8")
    wb = openpyxl.load_workbook(EXAMPLES / "guangzhou-2021.xlsx")
    cell = next(c for row in wb["收支情况"].iter_rows() for c in row if isinstance(c.value, int | float) and c.value > 0)
    cell.value = "很多"
    wb.save(folder / "bad.xlsx")
    (folder / "notes.txt").write_text("不是数据", encoding="utf-8")  # not a data file: not picked up from a folder
    (folder / ".hidden.yaml").write_text(":", encoding="utf-8")
    outcomes = store.import_paths([folder, tmp_path / "missing.yaml", folder / "notes.txt"], user="甲")
    by_source = {Path(o.source).name: o for o in outcomes}
    assert set(by_source) == {"good.yaml", "bad.yaml", "bad.xlsx", "missing.yaml", "notes.txt"}
    assert by_source["good.yaml"].status is ImportStatus.NEW
    bad = [f.render() for f in by_source["bad.yaml"].findings]
    assert f"[错误] 文件 {folder / 'bad.yaml'}，第 5 行，字段 budget.initial：应为数字，实际为「三百」" in bad
    xlsx = [f.render() for f in by_source["bad.xlsx"].findings]
    assert any(f"工作表「收支情况」，单元格 {cell.coordinate}" in t and "很多" in t for t in xlsx), xlsx
    assert "文件或文件夹不存在" in by_source["missing.yaml"].findings[0].message
    assert "不支持的文件类型「.txt」" in by_source["notes.txt"].findings[0].message
    assert store.counts()["department_year"] == 1


def test_region_without_framework_says_how_to_assign(store: Store, tmp_path: Path) -> None:
    data = as_data(example("zhanjiang-2023"))
    data["profile"]["region"] = "湖南省长沙市"
    path = write_data(tmp_path / "cs.json", data)
    [o] = store.import_paths([path], user="甲")
    assert o.status is ImportStatus.FAILED
    assert ("没有为「湖南省长沙市」2023 年度指定评价框架，也没有与该地区、年度完全对应的内置框架。请先运行："
            "jixiao db assign --region 湖南省长沙市 --year 2023 --framework 框架ID或框架文件") in o.findings[0].message
    assert store.counts()["revision"] == 0  # nothing half-stored
    assert store.assign_framework("湖南省长沙市", 2023, "zhanjiang-2023", user="科长").reevaluated == 0
    [o] = store.import_paths([path], user="甲")
    assert (o.status, o.framework_id, o.total) == (ImportStatus.NEW, "zhanjiang-2023", Decimal("51.5"))
    # Re-assigning re-evaluates what is stored.
    changed = store.assign_framework("湖南省长沙市", 2023, "guangzhou-2021", user="科长")
    assert (changed.framework_id, changed.reevaluated) == ("guangzhou-2021", 1)
    [row] = store.list_department_years()
    assert row.framework_id == "guangzhou-2021"
    assert [(a.region, a.year, a.framework_id) for a in store.assignments()] == [("湖南省长沙市", 2023, "guangzhou-2021")]


def test_user_framework_is_stored_by_content(store: Store, tmp_path: Path) -> None:
    text = (Path(__file__).resolve().parents[2] / "src/jixiao/frameworks/data/zhanjiang-2023.yaml").read_text("utf-8")
    user_fw = tmp_path / "my.yaml"
    user_fw.write_text(text.replace("id: zhanjiang-2023", "id: my-zhanjiang"), encoding="utf-8")
    store.assign_framework("广东省湛江市", 2023, str(user_fw), user="科长")
    [o] = store.import_paths([EXAMPLES / "zhanjiang-2023.yaml"], user="甲")
    assert o.framework_id == "my-zhanjiang"
    user_fw.unlink()  # the store keeps the text: nothing depends on the file any more
    [again] = store.import_paths([EXAMPLES / "zhanjiang-2023.xlsx"], user="甲")
    assert again.status is ImportStatus.UNCHANGED
    workbook, _ = store.export_workbook("中共湛江市委外事工作委员会办公室", 2023)
    assert workbook.startswith(b"PK")


def test_exact_amounts_and_out_of_range(store: Store, tmp_path: Path) -> None:
    data = as_data(example("wanzhou-2020"))
    data["expenditure"]["total"] = "226.750001"
    [o] = store.import_paths([write_data(tmp_path / "a.json", data)], user="甲")
    assert o.status is ImportStatus.NEW
    with store.db.reading() as s:
        assert s.scalars(sa.select(Revision.expenditure_total)).one() == Decimal("226.750001")
    data["expenditure"]["total"] = "1234567890.5"
    data["profile"]["name"] = "另一局"
    [big] = store.import_paths([write_data(tmp_path / "b.json", data)], user="甲")
    assert big.status is ImportStatus.FAILED
    assert "本年支出合计 1234567890.5 万元超出数据库可精确保存的范围" in big.findings[-1].message
    assert store.counts()["department"] == 1


@pytest.mark.parametrize("order", ["unit-first", "parent-first", "one-import"])
def test_units_listed_as_subordinate_get_their_parent_in_either_order(store: Store, tmp_path: Path, order: str) -> None:
    unit = as_data(example("wanzhou-2020"))
    unit["profile"].update({"name": "万州区外事服务中心", "code": "U1", "subordinate_units": []})
    elsewhere = as_data(example("wanzhou-2020"))  # the same name in another region is another unit
    elsewhere["profile"].update({"name": "万州区外事服务中心", "code": "U2", "region": "重庆市涪陵区",
                                 "subordinate_units": []})
    parent = as_data(example("wanzhou-2020"))
    parent["profile"]["subordinate_units"] = ["万州区外事服务中心", "不在库中的单位"]
    store.assign_framework("重庆市涪陵区", 2020, "chongqing-district-2020", user="科长")
    units = [write_data(tmp_path / "unit.json", unit), write_data(tmp_path / "other.json", elsewhere)]
    boss_file = write_data(tmp_path / "parent.json", parent)
    if order == "unit-first":
        store.import_paths(units, user="甲")
        store.import_paths([boss_file], user="甲")
    elif order == "parent-first":
        store.import_paths([boss_file], user="甲")
        store.import_paths(units, user="甲")
    else:
        store.import_paths([*units, boss_file], user="甲")
    child = store.find_department("万州区外事服务中心", region="重庆市万州区")
    other = store.find_department("万州区外事服务中心", region="重庆市涪陵区")
    boss = store.find_department("重庆市万州区人民政府外事办公室")
    assert (child.parent_id, other.parent_id, boss.parent_id) == (boss.id, None, None)
    # A new revision of the parent changes nothing; the unit's own re-import keeps its parent.
    parent["expenditure"]["total"] = "220.75"
    parent["expenditure"]["project"] = "54.72"
    store.import_paths([write_data(tmp_path / "parent2.json", parent)], user="甲")
    assert store.find_department("万州区外事服务中心", region="重庆市万州区").parent_id == boss.id


def test_many_files_in_chunks_and_worker_processes_store_what_one_by_one_stores(
        store: Store, tmp_path: Path) -> None:
    """Chunked transactions and guesses made in worker processes give exactly the per-file results."""
    from tests.store.generate import generate, write_files

    store.assign_framework("重庆市万州区", 2021, "chongqing-district-2020", user="科长")
    base = list(generate(6, seed=9, names=("wanzhou-2020",)))
    files = write_files(tmp_path / "in", [*base, *(replace(dy, **{"profile": replace(dy.profile, **
        {"year": 2021})}) for dy in base[:4])])
    first = store.import_paths(files[:6], user="甲", chunk=4)  # 2020, in this process: guesses hold (no 2019)
    second = store.import_paths(files, user="甲", jobs=2, chunk=4)  # in 2 workers: 2020 unchanged, 2021 found 2020
    assert [o.status for o in first] == [ImportStatus.NEW] * 6
    assert sorted(o.status.value for o in second) == ["new"] * 4 + ["unchanged"] * 6
    reference = Store.open(f"sqlite:///{tmp_path / 'one-by-one.db'}", check=False)
    try:
        from jixiao.store.migrate import upgrade

        upgrade(reference.db)
        reference.assign_framework("重庆市万州区", 2021, "chongqing-district-2020", user="科长")
        for path in sorted(files, key=lambda p: p.name[-9:]):  # year order, one transaction each
            reference.import_file(path, user="甲")

        def state(s: Store) -> list[tuple[object, ...]]:
            return [(y.department.code, y.year, y.total, y.grade, y.revisions) for y in s.list_department_years()]

        def findings(s: Store) -> list[list[str]]:
            return [[f.message for f in y.findings] for d in sorted({y.department.name
                                                                     for y in s.list_department_years()})
                    for y in s.history(d).years]

        assert state(store) == state(reference) and len(state(store)) == 10
        assert findings(store) == findings(reference)
        assert any(f for f in findings(store))  # 2021 was compared with the stored 2020
    finally:
        reference.close()


def test_audit_batches_are_kept_with_every_finding(store: Store) -> None:
    from jixiao.audit.api import audit_text
    from jixiao.store.tables import AuditFindingRow

    report = audit_text("2023年预算数为2.00万元，实际支出1.79万元，预算执行率为89.8%。", path="甲局.txt")
    assert report.findings  # 1.79 ÷ 2 = 89.50%, not 89.8%
    batch = store.save_audit_batch("2023 年度第一批", [report], user="审核员")
    with store.db.reading() as s:
        rows = s.scalars(sa.select(AuditFindingRow).where(AuditFindingRow.batch_id == batch)).all()
    assert [(r.document, r.stated, r.expected) for r in rows] == [
        ("甲局.txt", f.stated, f.expected) for f in report.findings]
    assert any(r.expected == "89.50%" for r in rows)
    assert store.change_log()[0].action == "audit"
