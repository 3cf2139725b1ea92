"""The 决算 table family as data (``data/tables.yaml``): table kinds, template families, column words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

_NOISE = re.compile(r"[\s“”\"'‘’「」『』]+")


def squash(text: str) -> str:
    """Text for matching: no spaces or quote marks."""
    return _NOISE.sub("", text)


@dataclass(frozen=True)
class TableKind:
    id: str
    name: str
    shape: str  # two_sided | classified | economic | three_public
    titles: tuple[str, ...]


@dataclass(frozen=True)
class Family:
    id: str
    name: str
    marks: tuple[str, ...]
    required: tuple[str, ...]


@dataclass(frozen=True)
class ColumnWord:
    key: str
    words: tuple[str, ...]


GENERIC_COLUMNS = frozenset({"budget", "actual", "total", "label"})


@dataclass(frozen=True)
class Catalog:
    kinds: dict[str, TableKind]
    families: tuple[Family, ...]
    columns: tuple[ColumnWord, ...]

    def kind_of_title(self, line: str) -> TableKind | None:
        """The table kind a title line names (longest title wins); None for other lines."""
        text = squash(line)
        if len(text) > 60 or (not text.endswith(("表", "表）", "表)")) and "表" not in text[-6:]):
            return None
        best: tuple[int, TableKind] | None = None
        for kind in self.kinds.values():
            for title in kind.titles:
                t = squash(title)
                if t in text and (best is None or len(t) > best[0]):
                    best = (len(t), kind)
        return best[1] if best else None

    def family_of(self, titles: list[str]) -> Family:
        squashed = [squash(t) for t in titles]
        for family in self.families:
            if any(squash(m) in t for m in family.marks for t in squashed):
                return family
        return self.families[-1]

    def column_key(self, header_cells: list[str]) -> str | None:
        """The meaning of a column from its header cells (top to bottom): specific words first, bottom up."""
        cells = [squash(c) for c in reversed(header_cells) if c and not c.strip().isdigit()]
        for generic in (False, True):
            for cell in cells:
                for col in self.columns:
                    if (col.key in GENERIC_COLUMNS) != generic:
                        continue
                    if any(w in cell for w in col.words):
                        return col.key
        return None


@cache
def catalog() -> Catalog:
    raw = yaml.safe_load(resources.files("jixiao.final").joinpath("data/tables.yaml").read_text("utf-8"))
    kinds = {k: TableKind(k, v["name"], v["shape"], tuple(v["titles"])) for k, v in raw["kinds"].items()}
    families = tuple(Family(k, v["name"], tuple(v["marks"]), tuple(v["required"])) for k, v in raw["families"].items())
    columns = tuple(ColumnWord(c["key"], tuple(c["words"])) for c in raw["columns"])
    return Catalog(kinds, families, columns)
