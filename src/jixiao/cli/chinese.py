"""The command line's own words in Chinese: help headings and usage errors.

typer (with the click it vendors) writes its help frame and its usage errors in English
("Usage:", "Options", "Show this message and exit.", "Missing argument 'FILE'."). jixiao's
users read Chinese, so the CLI

- formats help with :class:`ChineseHelpFormatter` (the formatter class click's ``Context``
  creates; :func:`install` sets it once, in the CLI process only), and
- runs the typer app in non-standalone mode (:func:`invoke`) so that a usage error reaches
  :func:`explain`, which says it in Chinese from the exception's fields (the parameter, the
  option, the suggestions), with the usage line and the help hint.

Messages typer builds as free text (a value pydantic refused, an unexpected extra argument)
are matched against :data:`_MESSAGES`; one not listed keeps its English body inside the
Chinese frame rather than being dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from typer import Abort
from typer._click import core as click_core
from typer._click import exceptions as click_errors
from typer._click.formatting import HelpFormatter

USAGE = "用法："
HELP_TEXT = "显示本帮助并退出。"
_HEADINGS = {"Options": "选项", "Arguments": "参数", "Commands": "命令"}
_IN_HELP = (
    ("Show this message and exit.", HELP_TEXT),
    ("[required]", "[必填]"),
    ("[default: ", "[默认："),
    ("[env var: ", "[环境变量："),
)

# Bodies typer writes as free text: (English, as a regular expression matched whole; Chinese)
_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(english), chinese) for english, chinese in (
        (r"Input should be a valid integer, unable to parse string as an integer", "应为整数"),
        (r"Input should be a valid integer.*", "应为整数"),
        (r"Input should be a valid number.*", "应为数字"),
        (r"Input should be a valid boolean.*", "应为 true 或 false"),
        (r"Input should be greater than or equal to (?P<n>\S+)", r"应不小于 \g<n>"),
        (r"Input should be greater than (?P<n>\S+)", r"应大于 \g<n>"),
        (r"Input should be less than or equal to (?P<n>\S+)", r"应不大于 \g<n>"),
        (r"Input should be less than (?P<n>\S+)", r"应小于 \g<n>"),
        (r"Input should be (?P<choices>'.*')", r"应为 \g<choices> 之一"),
        (r"Value (?P<value>.+) is not a valid (?P<type>\w+)\.", r"\g<value> 不是有效的 \g<type>"),
        (r"Got unexpected extra arguments? \((?P<args>.*)\)", r"多余的参数：\g<args>"),
        (r"Missing command\.", "缺少命令"),
        (r"No such command '(?P<name>.*)'\. Did you mean '(?P<like>.*)'\?", r"没有命令「\g<name>」（是否想用：\g<like>）"),
        (r"No such command '(?P<name>.*)'\.", r"没有命令「\g<name>」"),
        (r"Option '(?P<name>.*)' requires an argument\.", r"选项 \g<name> 后面需要一个值"),
        (r"Option '(?P<name>.*)' requires (?P<n>\d+) arguments\.", r"选项 \g<name> 后面需要 \g<n> 个值"),
        (r"Option '(?P<name>.*)' does not take a value\.", r"选项 \g<name> 不带值"),
        (r"Argument '(?P<name>.*)' takes (?P<n>\d+) values\.", r"参数 \g<name> 需要 \g<n> 个值"),
        (r"Value must be an iterable\.", "应为一组值"),
    )
)


def translate(message: str) -> str:
    """The Chinese for one of typer's free-text messages; the English itself when it is not known."""
    text = message.strip()
    for pattern, chinese in _MESSAGES:
        m = pattern.fullmatch(text)
        if m:
            return m.expand(chinese)
    return text


class ChineseHelpFormatter(HelpFormatter):
    """click's help layout with the frame in Chinese (the commands' own help already is)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, USAGE if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{_HEADINGS.get(heading, heading)}：\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, _in_help(text)) for term, text in rows], col_max, col_spacing)


def _in_help(text: str) -> str:
    for english, chinese in _IN_HELP:
        text = text.replace(english, chinese)
    return text


def install() -> None:
    """Use :class:`ChineseHelpFormatter` for every help page of this process (the CLI's only)."""
    click_core.Context.formatter_class = ChineseHelpFormatter


def _hints(hint: str | Sequence[str] | None) -> str:
    if hint is None:
        return ""
    names = [hint] if isinstance(hint, str) else list(hint)
    return " / ".join(names).replace("'", "")  # click quotes each name: '--jobs' / '-j'


def _param_hint(exc: click_errors.BadParameter) -> str:
    if exc.param_hint is not None:
        return _hints(exc.param_hint)
    if exc.param is not None:
        return _hints(exc.param.get_error_hint())
    return ""


def _body(exc: click_errors.ClickException) -> str:
    """What went wrong, in Chinese, from the exception's fields."""
    if isinstance(exc, click_errors.MissingParameter):
        param_type = exc.param_type or (exc.param.param_type_name if exc.param is not None else "")
        kind = {"argument": "参数", "option": "选项"}.get(str(param_type), "参数")
        return f"缺少{kind} {_param_hint(exc)}".rstrip()
    if isinstance(exc, click_errors.BadParameter):
        hint = _param_hint(exc)
        return f"{hint} 的值不对：{translate(exc.message)}" if hint else f"值不对：{translate(exc.message)}"
    if isinstance(exc, click_errors.NoSuchOption):
        text = f"没有选项 {exc.option_name}"
        if exc.possibilities:
            text += f"（是否想用：{'、'.join(sorted(exc.possibilities))}）"
        return text
    if isinstance(exc, click_errors.FileError):
        return f"无法打开文件 {exc.ui_filename}：{translate(exc.message)}"
    return translate(exc.message)


def explain(exc: click_errors.ClickException) -> str:
    """The whole message for a usage error: what is wrong, the usage line, where to find help."""
    lines = [f"[错误] {_body(exc)}"]
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        lines.append(ctx.get_usage().replace("Usage: ", USAGE, 1))
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(f"运行「{ctx.command_path} {ctx.help_option_names[0]}」查看帮助。")
    return "\n".join(lines)


def invoke(app: Callable[..., Any], say: Callable[[str], None], args: Iterable[str] | None = None) -> int:
    """Run the typer ``app``; return its exit code, saying a usage error in Chinese (exit 2)."""
    try:
        rv = app(args=None if args is None else list(args), standalone_mode=False)
    except click_errors.NoArgsIsHelpError as exc:  # a group called bare: its help, as click would
        say(exc.ctx.get_help())
        return exc.exit_code
    except click_errors.ClickException as exc:
        say(explain(exc))
        return exc.exit_code
    except Abort:
        say("已取消")
        return 1
    # non-standalone click returns the command's value, or the code of an ``Exit`` it raised
    return rv if isinstance(rv, int) else 0
