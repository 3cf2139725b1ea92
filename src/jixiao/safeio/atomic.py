"""The one way jixiao writes a file: to a temporary sibling, then renamed into place.

A run that fails or is interrupted (Ctrl-C, SIGTERM) leaves the target untouched and
removes its temporary file; a run that is killed outright (SIGKILL, power loss) leaves
a temporary named ``.<name>.jixiao-tmp-<pid>-<token>`` that :func:`clean_stale` removes
at the next run once its process is gone. An existing target is never replaced unless
the caller passes ``force=True``; without it the final step is a hard link, which
fails if a file appeared meanwhile. Files get the user's normal permissions (umask),
not the 0600 of ``mkstemp``; a replaced file keeps its own mode.
"""

from __future__ import annotations

import errno
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jixiao.safeio.limits import Refused

TMP_MARK = ".jixiao-tmp-"
STALE_SECONDS = 24 * 3600  # a temporary this old is stale even if its pid was reused
_TMP_NAME = re.compile(r"^\..+" + re.escape(TMP_MARK) + r"(\d+)-[0-9a-f]+$")

_REASONS = {
    errno.EROFS: "只读文件系统",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "不允许写入",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出磁盘配额",
    errno.ENOENT: "所在文件夹不存在",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EISDIR: "同名的文件夹已存在",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EEXIST: "文件已存在",
}


def os_reason(exc: OSError) -> str:
    """A Chinese reason for an operating-system error."""
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc))


class WouldOverwrite(Refused):
    """The target exists and ``force`` was not given."""

    def __init__(self, path: Path) -> None:
        super().__init__("文件已存在，未覆盖；如需覆盖请加 --force", str(path), code="output.exists")


def unwritable(path: Path, exc: OSError) -> Refused:
    reason = os_reason(exc)
    named = Path(exc.filename) if isinstance(exc.filename, str) else None
    if exc.errno == errno.EEXIST and named is not None and named != path and not named.is_dir():
        # mkdir of a folder on the way found a file (or a device) of that name
        reason = f"{_REASONS[errno.ENOTDIR]}：{named}"
    return Refused(f"无法写入（{reason}）", str(path), code="output.unwritable")


def temp_path(target: Path) -> Path:
    """A fresh temporary name beside ``target`` that :func:`clean_stale` recognises."""
    return target.with_name(f".{target.name}{TMP_MARK}{os.getpid()}-{os.urandom(4).hex()}")


def refuse_existing(path: Path, force: bool) -> None:
    if not force and (path.exists() or path.is_symlink()):
        raise WouldOverwrite(path)


def umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def default_mode() -> int:
    """The mode a new file gets from ``open()`` under the user's umask."""
    return 0o666 & ~umask()


@contextmanager
def atomic_output(path: str | Path, *, force: bool = False) -> Iterator[Path]:
    """Yield a temporary path to write; on success it becomes ``path`` (see module docstring).

    Raises :class:`WouldOverwrite` before anything is written, and :class:`Refused`
    (with the Chinese reason) when the folder cannot be written.
    """
    target = Path(path)
    refuse_existing(target, force)
    clean_stale(target.parent)
    tmp = temp_path(target)
    try:
        yield tmp
        _publish(tmp, target, force)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise unwritable(target, exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _publish(tmp: Path, target: Path, force: bool) -> None:
    mode = default_mode()
    if force and target.exists():
        mode = target.stat().st_mode & 0o7777
    os.chmod(tmp, mode)
    if force:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)  # fails with EEXIST if the target appeared meanwhile
    except FileExistsError:
        tmp.unlink(missing_ok=True)
        raise WouldOverwrite(target) from None
    except OSError:  # file systems without hard links
        if target.exists():
            tmp.unlink(missing_ok=True)
            raise WouldOverwrite(target) from None
        os.replace(tmp, target)
        return
    tmp.unlink()


def atomic_write(path: str | Path, data: bytes | str, *, force: bool = False, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` atomically; refuses an existing file unless ``force``."""
    payload = data.encode(encoding) if isinstance(data, str) else data
    with atomic_output(path, force=force) as tmp, open(tmp, "xb") as fh:
        fh.write(payload)
        fh.flush()
        os.fsync(fh.fileno())


@contextmanager
def temporary_dir(target: Path) -> Iterator[Path]:
    """A temporary folder beside ``target`` (removed on failure; the caller moves its content)."""
    import shutil  # here, not at the top: the cold `evaluate FILE` writes nothing and skips it

    clean_stale(target.parent)
    tmp = temp_path(target)
    try:  # one block from the mkdir on: a signal just after the mkdir must not leave the folder behind
        try:
            tmp.mkdir()
        except OSError as exc:
            raise unwritable(target, exc) from None
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return pid < 2**22  # another user's process (or an impossible pid)
    return True


def clean_stale(directory: str | Path) -> list[Path]:
    """Remove temporaries of jixiao runs that ended without cleaning up; returns what was removed."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(directory or "."))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        m = _TMP_NAME.match(entry.name)
        if m is None:
            continue
        pid = int(m.group(1))
        try:
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
        except OSError:
            continue
        if pid == os.getpid() or (_alive(pid) and not old):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                import shutil  # only when a stale folder is found

                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed
