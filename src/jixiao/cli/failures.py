"""How a command ends when something goes wrong: signals, refused input, and the last resort.

- SIGTERM (and SIGINT, SIGHUP) raise :class:`Interrupted` in the main process, so every
  ``with``/``finally`` removes its temporary files exactly as for Ctrl-C; worker
  processes forked later die with the signal's default action.
- :class:`jixiao.safeio.Refused` (a limit, a special file, an output that would
  overwrite) becomes its located Chinese message and exit code 1 or 2.
- An operating-system error becomes the file and the reason in Chinese, exit 1.
- Anything else is a bug: the message names the file being processed and the
  ``--debug`` option, which prints the traceback; exit 3.
- A closed standard output (``| head``) is none of these: the entry point's guard
  (:mod:`jixiao.cli.stdout`) discards what is left to print, and the command ends
  as it would have, with its own exit code.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from types import FrameType
from typing import TYPE_CHECKING

from jixiao.safeio.atomic import os_reason
from jixiao.safeio.files import last_opened
from jixiao.safeio.limits import LimitConfigError, Refused, current

if TYPE_CHECKING:
    from rich.console import Console  # only annotated here: ``jixiao --help`` imports no rich

DEBUG_FLAG = "--debug"
DEBUG_ENV = "JIXIAO_DEBUG"
INTERNAL_ERROR = 3
_SIGNALS = ("SIGTERM", "SIGINT", "SIGHUP")
_main_pid = os.getpid()


class Interrupted(BaseException):
    """A termination signal arrived; raised where the main process was, so cleanup runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, frame: FrameType | None) -> None:
    if os.getpid() != _main_pid:  # a forked worker: die as the signal means
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    raise Interrupted(signum)


def install_signal_handlers() -> None:
    global _main_pid
    _main_pid = os.getpid()
    for name in _SIGNALS:
        signum = getattr(signal, name, None)
        if signum is not None:
            signal.signal(signum, _on_signal)


def take_debug_flag(argv: list[str]) -> bool:
    """Remove ``--debug`` wherever it appears (it is a global option); also ``JIXIAO_DEBUG=1``."""
    found = DEBUG_FLAG in argv[1:]
    argv[1:] = [a for a in argv[1:] if a != DEBUG_FLAG]
    return found or os.environ.get(DEBUG_ENV, "") not in ("", "0")


def run(command: Callable[[], int | None], err: Console, debug: bool) -> int:
    """Run the command; return its exit code (``None``: 0), or the code for every other way it can end."""

    def say(text: str) -> None:
        err.print(text, markup=False, highlight=False)

    try:
        current()  # a bad limit setting is reported before any work
        code = command()
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except Interrupted as exc:
        name = signal.Signals(exc.signum).name
        say("已中断" + ("" if name == "SIGINT" else f"（收到 {name}）") + "，未完成的输出已删除")
        return 128 + exc.signum
    except KeyboardInterrupt:
        say("已中断，未完成的输出已删除")
        return 130
    except LimitConfigError as exc:
        say(f"[错误] {exc}")
        return 2
    except Refused as exc:
        if debug:
            _print_traceback()
        say(f"[错误] {exc.located()}")
        return exc.exit_code
    except OSError as exc:
        if debug:
            _print_traceback()
        where = f"文件 {exc.filename}：" if exc.filename else ""
        say(f"[错误] {where}{os_reason(exc)}")
        return 1
    except MemoryError:
        say(f"[错误] {_processing()}内存不足；输入可能过大或过于复杂")
        return 1
    except Exception as exc:
        if debug:
            _print_traceback()
        say(f"[错误] 程序内部错误{_processing_paren()}：{type(exc).__name__}: {exc}。"
            f"加 {DEBUG_FLAG} 可显示详细信息；请将此信息和输入文件报告给开发者。")
        return INTERNAL_ERROR
    return code or 0


def _processing() -> str:
    file = last_opened()
    return f"处理文件 {file} 时" if file else ""


def _processing_paren() -> str:
    file = last_opened()
    return f"（处理文件 {file} 时）" if file else ""


def exit_with(code: int) -> None:
    sys.stdout.flush()
    sys.exit(code)


def _print_traceback() -> None:
    """The traceback ``--debug`` asks for (:mod:`traceback` is imported only then: start-up)."""
    import traceback

    traceback.print_exc()
