"""An output folder jixiao writes several files into, without destroying what it did not write.

jixiao records what it wrote in a manifest, ``.jixiao-manifest.json`` (file name →
SHA-256 of the bytes written). A later run may replace a file only if the manifest
lists it with the same content; any other file in the folder — a report the user
edited after it was written, or anything else — makes the run stop before writing
unless ``force`` is given (then only the files being written are replaced; others stay).
No target may be one of the run's own input files, even with ``force``.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from jixiao.safeio.atomic import TMP_MARK, atomic_write, clean_stale
from jixiao.safeio.limits import Refused

MANIFEST = ".jixiao-manifest.json"
SHOWN = 5


def _digest(path: Path) -> str | None:
    h = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


def read_manifest(outdir: Path) -> dict[str, str]:
    try:
        data = json.loads((outdir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        return {}
    return {str(k): str(v) for k, v in files.items()}


def foreign_files(outdir: Path) -> list[str]:
    """Entries of ``outdir`` that jixiao did not write, or that changed since it wrote them."""
    if not outdir.is_dir():
        return []
    known = read_manifest(outdir)
    out: list[str] = []
    for entry in sorted(os.scandir(outdir), key=lambda e: e.name):
        if entry.name == MANIFEST or TMP_MARK in entry.name:
            continue
        if entry.is_file(follow_symlinks=False) and known.get(entry.name) == _digest(Path(entry.path)):
            continue
        out.append(entry.name)
    return out


def replaceable(outdir: Path, name: str) -> bool:
    """Whether ``outdir/name`` may be written without ``force``: absent, or a file jixiao wrote there, unchanged."""
    path = outdir / name
    if not path.exists() and not path.is_symlink():
        return True
    return path.is_file() and not path.is_symlink() and read_manifest(outdir).get(name) == _digest(path)


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def check_output_dir(outdir: Path, names: Iterable[str], inputs: Iterable[Path], *, force: bool,
                     clean: bool = True) -> None:
    """Raise :class:`Refused` (Chinese, naming the files) when writing ``names`` into ``outdir`` is unsafe.
    ``clean=False``: the caller cleaned the parent folder of stale temporaries once (a batch writes
    thousands of folders side by side)."""
    names = list(names)
    if clean:
        clean_stale(outdir.parent if outdir.parent != outdir else outdir)
    if outdir.exists() and not outdir.is_dir():
        raise Refused("输出位置已存在且不是文件夹", str(outdir), code="output.not-dir")
    for source in inputs:
        for name in names:
            if _same(outdir / name, source):
                raise Refused(f"输出文件 {name} 就是输入文件 {source}，写出会覆盖输入；请换一个输出文件夹",
                              str(outdir), code="output.is-input")
    if force:
        return
    foreign = foreign_files(outdir)
    if foreign:
        listed = "、".join(foreign[:SHOWN]) + (f" 等 {len(foreign)} 项" if len(foreign) > SHOWN else "")
        raise Refused(
            f"输出文件夹中已有不是 jixiao 写出的（或写出后被修改过的）内容：{listed}；为免覆盖，未写入任何文件。"
            "请换一个空文件夹，或加 --force（只替换本次写出的文件，其他文件保留）",
            str(outdir), code="output.foreign")


def record(outdir: Path, written: Iterable[Path]) -> None:
    """Add the files just written to the folder's manifest (entries still present and unchanged are kept)."""
    known = read_manifest(outdir)
    files = {n: d for n, d in known.items() if _digest(outdir / n) == d}
    for path in written:
        digest = _digest(path)
        if digest is not None:
            files[path.name] = digest
    text = json.dumps({"tool": "jixiao", "files": dict(sorted(files.items()))}, ensure_ascii=False, indent=1) + "\n"
    atomic_write(outdir / MANIFEST, text, force=True)
