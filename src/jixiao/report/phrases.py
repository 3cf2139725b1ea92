"""Sentence templates of the report's analysis, kept in data files, one file per report family.

A family (``report/data/phrases/<id>.yaml``) names the frameworks it is the default for, the
headings of the sections whose titles differ between families, and its templates: Chinese text
with slots. ``{wan:diff}`` prints the engine value bound to ``diff`` as an amount in 万元,
``{pct:rate}`` as a percentage, ``{abs_wan:…}`` and ``{abs_pct:…}`` its absolute value (the
direction is in the template's words), ``{score:…}`` and ``{int:…}`` a score and a count;
``{text:name}`` prints a text: a ``(source, text)`` pair is the department's or the engine's
words, recorded as a quote of its source, a plain string is our own words (a name, a clause
built from another template). A template whose value or text is absent gives ``None``: a
sentence with a gap is never printed.

Every number goes through :class:`jixiao.report.numbers.Numbers`, so it is the engine's value
for its key, formatted the one way the report formats it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from jixiao.report.narrative import clause, clean
from jixiao.report.numbers import Numbers, Style

SLOT = re.compile(r"\{(wan|money|pct|int|score|abs_wan|abs_pct|text):([a-z_0-9]+)\}")
STYLES: dict[str, tuple[Style, bool]] = {
    "wan": ("wan", False), "money": ("money", False), "pct": ("pct", False), "int": ("int", False),
    "score": ("score", False), "abs_wan": ("wan", True), "abs_pct": ("pct", True),
}
DEFAULT_FAMILY = "score-sheet"
# a reason the department wrote as a list (“一是…；二是…”) is introduced, not run into our clause
ENUMERATED = re.compile(r"^\s*(一是|其一|首先|第一|（一）|\(一\)|一、|1[.、．）)])")

Text = tuple[str, str]  # (source, text): whose words, and the words
Bind = str | Text | None


@dataclass(frozen=True)
class Family:
    id: str
    name: str
    frameworks: tuple[str, ...]
    headings: Mapping[str, str]
    templates: Mapping[str, str]


def _check(fid: str, data: Any) -> Family:
    """A family file, validated: every template's slots are well formed."""
    if not isinstance(data, dict) or not isinstance(data.get("templates"), dict):
        raise ValueError(f"报告样式 {fid}：缺少 templates")
    templates = {str(k): clean(str(v)) for k, v in data["templates"].items()}
    for name, text in templates.items():
        for slot in re.findall(r"\{[^}]*\}", text):
            if not SLOT.fullmatch(slot):
                raise ValueError(f"报告样式 {fid} 的模板 {name} 中有无法识别的占位符 {slot}")
    return Family(fid, str(data["name"]), tuple(data.get("frameworks") or ()),
                  {str(k): str(v) for k, v in (data.get("headings") or {}).items()}, templates)


@cache
def families() -> dict[str, Family]:
    import yaml

    out: dict[str, Family] = {}
    folder = resources.files("jixiao.report").joinpath("data/phrases")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            fid = entry.name.removesuffix(".yaml")
            out[fid] = _check(fid, yaml.safe_load(entry.read_text(encoding="utf-8")))
    return out


def family_for(framework_id: str | None, chosen: str | None = None) -> Family:
    """The family the user chose, else the one that lists the framework, else the default."""
    fams = families()
    if chosen is not None:
        if chosen not in fams:
            raise KeyError(f"未知的报告样式：{chosen}；可选：{'、'.join(fams)}")
        return fams[chosen]
    for fam in fams.values():
        if framework_id in fam.frameworks:
            return fam
    return fams[DEFAULT_FAMILY]


class Phrases:
    """Fills a family's templates with engine values (by key) and texts."""

    def __init__(self, family: Family, n: Numbers) -> None:
        self.family = family
        self.n = n

    def heading(self, name: str, default: str) -> str:
        return self.family.headings.get(name, default)

    def say(self, name: str, /, **bind: Bind) -> str | None:
        """The template ``name`` with its slots filled; None when a value or text it needs is absent."""
        template = self.family.templates[name]
        for kind, slot in SLOT.findall(template):
            value = bind.get(slot)
            if value is None:
                return None
            if kind == "text":
                if not (value[1] if isinstance(value, tuple) else value):
                    return None
            elif not isinstance(value, str) or not self.n.has(value):
                return None

        def fill(m: re.Match[str]) -> str:
            kind, slot = m.group(1), m.group(2)
            value = bind[slot]
            assert value is not None
            if kind == "text":
                return self.n.quote(value[0], value[1]) if isinstance(value, tuple) else value
            assert isinstance(value, str)
            style, absolute = STYLES[kind]
            return self.n.fmt_abs(value, style) if absolute else self.n.fmt(value, style)

        return SLOT.sub(fill, template)

    def because(self, subject: str | None, reason: Text | None) -> str | None:
        """“<subject>的主要原因是<reason>”, or the family's introduction of a listed reason."""
        if not subject or reason is None or not reason[1]:
            return None
        return self.say("because.list" if ENUMERATED.match(reason[1]) else "because", subject=subject, reason=reason)


__all__ = ["Family", "Phrases", "Text", "clause", "families", "family_for"]
