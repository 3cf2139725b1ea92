"""The commands of ``jixiao``: each name with the module that defines it and its one-line help.

The installed entry point (:mod:`jixiao.cli.entry`) reads this registry so that a command
builds only itself: ``jixiao evaluate FILE`` imports and builds the ``evaluate`` command, not
the store's, the web app's or the auditor's, and ``jixiao --help`` prints the list below
without importing typer at all. ``tests/test_startup.py`` holds the registry to the typer
app: every command there is listed here, in the same order, with the same help.
"""

from __future__ import annotations

PROG = "jixiao"
HELP = "jixiao 绩效：部门整体支出绩效自评——计算指标、评分、定级、写报告、审核。"
DEBUG_HELP = "出错时显示完整的调用栈（供开发者排查；可放在命令行任意位置）"

# name, module under jixiao.cli ("app" for the commands of app.py), the first line of its help
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("evaluate", "app", "计算全部指标并评分、定级；给出 -o 时写出自评报告（Word）、评分表和数据表（Excel）、图表。"),
    ("audit", "audit_cmd", "审核自评报告：列出数字之间的不一致（比率、合计、同比、得分、等级、单位、算式）。退出码：无“错误”为 0，否则为 1。"),
    ("import-final", "final_cmd", "读取部门决算：识别各决算表，核对表间勾稽，预填数据填报工作簿。"),
    ("review", "review_cmd", "复核报告：按框架重新评分，逐项列出报告得分、jixiao 得分及差异原因。"),
    ("serve", "serve_cmd", "启动网页应用（部门填报、财政审核、管理）和 JSON API。"),
    ("import", "store_cmd", "导入部门年度数据并按所属地区、年度指定的框架评价；同比数据取自数据库中的上一年度。"),
    ("list", "store_cmd", "列出数据库中的部门年度：最新版本、评价框架、总分和等级。"),
    ("history", "store_cmd", "某部门历年的全部版本和得分趋势。"),
    ("compare", "store_cmd", "比较同一年度各部门：按总分和各一级指标排名、等级分布、与同组相比的异常值。"),
    ("export", "store_cmd", "把数据库中的部门年度数据写回 Excel 填报工作簿（同样的数据总是同样的字节），或用 --package 写出全套报告。"),
    ("template", "template_cmd", "生成数据填报工作簿（Excel 模板）。"),
    ("frameworks", "frameworks_show_cmd", "评价框架：列出、查看、校验。"),
    ("db", "store_cmd", "数据库：初始化、升级、指定评价框架、状态、变更记录。"),
    ("users", "users_cmd", "网页应用的用户：添加、生成 API 令牌、列出、停用。"),
)

_selected: set[str] | None = None  # the command modules to register; None: all of them


def select(argv: list[str]) -> None:
    """Register only the module of the command ``argv`` names (nothing when it is unknown: all are loaded)."""
    global _selected
    name = next((a for a in argv if not a.startswith("-")), None)
    modules = {module for command, module, _ in COMMANDS if command == name}
    _selected = modules or None


def wanted(module: str) -> bool:
    """Whether the command module ``jixiao.cli.<module>`` is to be registered in this process."""
    return _selected is None or module in _selected


def top_help(prog: str = PROG) -> str:
    """``jixiao --help``: the layout typer prints for the whole app, made from the registry alone (each
    command's help whole, where click would cut it to the terminal's width)."""
    names = max(len(n) for n, _, _ in COMMANDS)
    lines = [f"用法：{prog} [OPTIONS] COMMAND [ARGS]...", "", f"  {HELP}", "", "选项：",
             f"  --debug  {DEBUG_HELP}", "  --help   显示本帮助并退出。", "", "命令："]
    lines += [f"  {name.ljust(names)}  {text}" for name, _, text in COMMANDS]
    return "\n".join(lines) + "\n"
