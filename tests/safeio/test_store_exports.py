"""The store's comparison outputs: imported names are inert text in the workbook, and the chart
folder is written like the report folder (own charts replaced, anything else kept unless --force)."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from jixiao.safeio.inert import formula_like
from jixiao.safeio.limits import Refused
from jixiao.store import Store
from jixiao.store.compare import Comparison
from jixiao.store.compare_out import workbook_bytes, write_charts
from jixiao.store.migrate import upgrade
from tests.helpers import EXAMPLES

PAYLOAD = '=HYPERLINK("http://example.invalid","点我")'


def _comparison(tmp_path: Path) -> Comparison:
    from jixiao.store import Database

    url = f"sqlite:///{tmp_path / 'jixiao.db'}"
    db = Database.open(url)
    upgrade(db)
    db.dispose()
    text = (EXAMPLES / "wanzhou-2020.yaml").read_text(encoding="utf-8")
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(text.replace("  name: 重庆市万州区人民政府外事办公室", f"  name: '{PAYLOAD}'", 1), encoding="utf-8")
    tex = tmp_path / "tex.yaml"  # matplotlib would read this name as TeX on the ranking chart
    tex.write_text(text.replace("  name: 重庆市万州区人民政府外事办公室", '  name: "$\\\\frac$局"', 1), encoding="utf-8")
    with Store.open(url) as store:
        for path in (EXAMPLES / "wanzhou-2020.yaml", hostile, tex):
            assert store.import_file(path, user="测试员").department is not None, path
        return store.compare(2020)


def test_compare_workbook_writes_imported_names_as_text(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes(_comparison(tmp_path))))
    found = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if cell.value == PAYLOAD:
                    found += 1
                    assert cell.quotePrefix, (ws.title, cell.coordinate)
                elif isinstance(cell.value, str) and formula_like(cell.value):
                    assert cell.quotePrefix, (ws.title, cell.coordinate, cell.value)
    assert found >= 2  # the ranking and the per-indicator sheet both name the department


def test_chart_folder_keeps_user_files_and_replaces_its_own(tmp_path: Path) -> None:
    c = _comparison(tmp_path)
    folder = tmp_path / "图表"
    first = write_charts(c, folder)
    assert {p.name for p in first} == {"一级指标得分率.png", "总分排名.png", "等级分布.png"}
    again = write_charts(c, folder)  # its own charts, unchanged: replaced
    assert [p.name for p in again] == [p.name for p in first]
    mine = folder / "我的备注.txt"
    mine.write_text("手写的说明", encoding="utf-8")
    with pytest.raises(Refused, match=r"我的备注\.txt"):
        write_charts(c, folder)
    write_charts(c, folder, force=True)
    assert mine.read_text(encoding="utf-8") == "手写的说明"
    assert not [p for p in folder.iterdir() if ".jixiao-tmp-" in p.name]
