"""The report folder's manifest: jixiao replaces only what it wrote and what is unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.safeio.limits import Refused
from jixiao.safeio.outdir import MANIFEST, check_output_dir, foreign_files, read_manifest, record


def test_manifest_lets_jixiao_replace_only_its_own_unchanged_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "自评报告.docx").write_bytes(b"v1")
    (out / "result.json").write_bytes(b"{}")
    record(out, [out / "自评报告.docx", out / "result.json"])
    assert set(read_manifest(out)) == {"自评报告.docx", "result.json"}
    check_output_dir(out, ["自评报告.docx"], [], force=False)  # unchanged: fine
    (out / "自评报告.docx").write_bytes(b"edited by the user")
    (out / "notes.txt").write_bytes(b"user's")
    assert foreign_files(out) == ["notes.txt", "自评报告.docx"]
    with pytest.raises(Refused) as info:
        check_output_dir(out, ["自评报告.docx"], [], force=False)
    assert "notes.txt、自评报告.docx" in info.value.message and "--force" in info.value.message
    assert info.value.exit_code == 2
    check_output_dir(out, ["自评报告.docx"], [], force=True)


def test_never_over_an_input_even_with_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    data = out / "数据表.xlsx"
    data.write_bytes(b"input")
    with pytest.raises(Refused, match=r"输出文件 数据表\.xlsx 就是输入文件"):
        check_output_dir(out, ["数据表.xlsx"], [data], force=True)


def test_a_file_in_place_of_the_folder(tmp_path: Path) -> None:
    (tmp_path / "out").write_bytes(b"")
    with pytest.raises(Refused, match="输出位置已存在且不是文件夹"):
        check_output_dir(tmp_path / "out", [], [], force=True)


def test_damaged_manifest_counts_as_nothing_written(tmp_path: Path) -> None:
    (tmp_path / MANIFEST).write_text("not json", encoding="utf-8")
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    assert read_manifest(tmp_path) == {} and foreign_files(tmp_path) == ["a.md"]
