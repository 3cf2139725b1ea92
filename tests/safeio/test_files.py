"""Reading only regular files, with a cap whatever stat says."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from jixiao.safeio.files import read_bytes, read_text
from jixiao.safeio.limits import LimitExceeded, Refused, reset


def test_regular_file(tmp_path: Path) -> None:
    p = tmp_path / "a.yaml"
    p.write_text("a: 1\n", encoding="utf-8")
    assert read_text(p, "yaml_bytes") == "a: 1\n"


@pytest.mark.parametrize(("make", "kind"), [
    (lambda p: os.mkfifo(p), "命名管道（FIFO）"),
    (lambda p: os.symlink("/dev/zero", p), "字符设备（或指向它的链接）"),
    (lambda p: os.symlink("/dev/urandom", p), "字符设备（或指向它的链接）"),
    (lambda p: p.mkdir(), "文件夹"),
])
def test_special_files_are_refused_without_blocking(tmp_path: Path, make: Callable[[Path], object], kind: str) -> None:
    p = tmp_path / "input.yaml"
    make(p)
    with pytest.raises(Refused) as info:
        read_bytes(p, "yaml_bytes")
    assert kind in info.value.message and info.value.file == str(p)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(Refused, match="文件不存在"):
        read_bytes(tmp_path / "nope.yaml", "yaml_bytes")


def test_cap_applies_when_stat_says_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    """/proc files report size 0; the read itself is capped."""
    monkeypatch.setenv("JIXIAO_LIMIT_YAML_BYTES", "64")
    reset()
    try:
        assert os.stat("/proc/self/status").st_size == 0
        with pytest.raises(LimitExceeded, match="超过上限"):
            read_bytes("/proc/self/status", "yaml_bytes")
    finally:
        monkeypatch.delenv("JIXIAO_LIMIT_YAML_BYTES")
        reset()


def test_encoding_is_named(tmp_path: Path) -> None:
    p = tmp_path / "gbk.yaml"
    p.write_bytes("名称: 测试".encode("gbk"))
    with pytest.raises(Refused, match="文件不是 UTF-8 编码的文本"):
        read_text(p, "yaml_bytes")
