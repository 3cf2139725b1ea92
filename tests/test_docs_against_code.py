"""What README.md and docs/*.md name exists: every ``jixiao …`` in a code span or code block names a command of the
app (``jixiao store import`` was written for ``jixiao import``) and only options that command takes, and every
file of the repository they name is there (docs/audit.md named ``tests/audit/test_audit_corpus.py``, never written till
session 10)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer.main

from jixiao.cli.app import app
from tests.helpers import ROOT

_PATH = re.compile(r"(?<![\w./-])((?:src|tests|scripts|benchmarks|docs|examples|fuzz)/[\w./*-]*[\w*])")
_PLACEHOLDER = re.compile(r"[A-Z]{2,}")  # seed_NNN.txt: any seed
_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)
_SPAN = re.compile(r"`([^`\n]+)`")
# where a command starts in a shell line: its start, or after ; && || | ( $( — then VAR=value assignments, "$ "
_COMMANDS = re.compile(r"(?:^|;|&&|\|\||\||\$?\()\s*(?:\$\s+)?(?:[A-Z_][A-Z0-9_]*=\S*\s+)*"
                       r"(?:\S*/)?(?:jixiao|python3?\s+-m\s+jixiao)(?P<words>(?:\s+[^\s;&|#)<>]+)*)")


def _code(text: str) -> list[tuple[int, str]]:
    """Every shell line of a code block (comments cut, continued lines joined) and every code span, with its line."""
    out: list[tuple[int, str]] = []
    for block in _FENCE.finditer(text):
        first = text.count("\n", 0, block.start(1)) + 1
        lines = block.group(1).splitlines()
        i = 0
        while i < len(lines):
            start, line = i, lines[i]
            while line.endswith("\\") and i + 1 < len(lines):  # "… \" goes on in the next line
                i += 1
                line = line[:-1] + lines[i].lstrip()
            out.append((first + start, re.sub(r"(?:^|\s)#.*$", "", line)))
            i += 1
    prose = _FENCE.sub(lambda m: "\n" * m.group().count("\n"), text)
    out += [(prose.count("\n", 0, m.start()) + 1, m.group(1)) for m in _SPAN.finditer(prose)]
    return out


def problems(text: str, name: str) -> list[str]:
    """What in the code of a Markdown ``text`` names no command of the app, or an option its command lacks."""
    root: Any = typer.main.get_command(app)
    out: list[str] = []
    for line, code in _code(text):
        for m in _COMMANDS.finditer(code):
            words = m.group("words").split()
            command, path = root, ["jixiao"]
            while words and words[0] in getattr(command, "commands", {}):
                command = command.commands[words[0]]
                path.append(words.pop(0))
            if hasattr(command, "commands") and words and not words[0].startswith("-"):
                out.append(f"{name}:{line}: {' '.join(path)} 没有子命令 {words[0]}（{code.strip()}）")
                continue
            options = {o for p in command.params for o in (*p.opts, *p.secondary_opts)} | {"--help"}
            out += [f"{name}:{line}: {' '.join(path)} 没有选项 {w.split('=')[0]}（{code.strip()}）"
                    for w in words if w.startswith("--") and w.split("=")[0] not in options]
    return out


def missing_files(text: str, root: Path) -> list[str]:
    """Files or folders of the repository named in ``text`` that are not under ``root`` (a glob or a name with an
    upper-case placeholder matches any; a name may be the start of the names a command writes, as pdftoppm's
    ``docs/images/report-title`` of ``report-title-01.png``)."""
    out: list[str] = []
    for name in dict.fromkeys(_PATH.findall(text)):
        pattern = _PLACEHOLDER.sub("*", name)
        if not (root / name).exists() and not any(root.glob(pattern + "*")):
            out.append(name)
    return out


def test_the_checker_finds_a_wrong_command_and_a_wrong_option() -> None:
    text = ("Import with `jixiao store import a.xlsx`, or:\n\n```bash\n# jixiao is CPU-bound\n"
            "JIXIAO_X=1 jixiao evaluate examples \\\n  --jobs 2 --colour red   # jixiao prints\n"
            "pg_dump jixiao > x.dump; jixiao db init --db sqlite:///a.db --dry\n```\n"
            "A message `不是 jixiao 写出的` is no command; `python -m jixiao audit a.txt --list-rule` is.\n")
    assert problems(text, "t.md") == [
        "t.md:5: jixiao evaluate 没有选项 --colour（JIXIAO_X=1 jixiao evaluate examples --jobs 2 --colour red）",
        "t.md:7: jixiao db init 没有选项 --dry（pg_dump jixiao > x.dump; jixiao db init --db sqlite:///a.db --dry）",
        "t.md:1: jixiao 没有子命令 store（jixiao store import a.xlsx）",
        "t.md:9: jixiao audit 没有选项 --list-rule（python -m jixiao audit a.txt --list-rule）",
    ]


@pytest.mark.parametrize("path", [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))],
                         ids=lambda p: p.name)
def test_the_documents_name_real_commands_and_options(path: Path) -> None:
    assert problems(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT))) == []


def test_the_file_checker_finds_a_missing_file() -> None:
    text = ("See `tests/audit/test_audit_formats.py`, tests/audit/data/modelled/seed_NNN.txt, [the code](src/jixiao/cli/app.py),"
            " `docs/*.md` and `tests/audit/test_audit_corpora.py`; `src/jixiao/nothing/`.")
    assert missing_files(text, ROOT) == ["tests/audit/test_audit_corpora.py", "src/jixiao/nothing"]


@pytest.mark.parametrize("path", [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))],
                         ids=lambda p: p.name)
def test_the_documents_name_files_that_exist(path: Path) -> None:
    assert missing_files(path.read_text(encoding="utf-8"), ROOT) == []
