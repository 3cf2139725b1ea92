"""The layers of docs/design.md, enforced: every import of every module of ``src/jixiao`` is read
(including imports inside functions and under ``TYPE_CHECKING``) and checked against the map below.

    model → frameworks → engine → intake / report / audit / review / store / web / final → batch → cli

A package may import its own modules, the packages of lower layers and the shared leaf modules;
within the edge layer only the edges declared in ``SIBLINGS`` are allowed. The module graph must
also be free of cycles (a cycle is two modules that cannot be understood one without the other).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "jixiao"

# Shared leaves: modules that import no package of jixiao (only other leaves), usable from any layer.
LEAVES = {"convert", "findings", "frozen", "textfmt", "yamlio", "claims", "xlsxlib", "xlsxprint", "safeio", "numbering"}
LAYERS = {
    "model": 0,
    "frameworks": 1,
    "engine": 2,
    "intake": 3, "report": 3, "audit": 3, "review": 3, "store": 3, "web": 3, "final": 3,
    "batch": 4,
    "cli": 5,
    "__main__": 6,
}
# Imports between packages of the edge layer, each with its reason; anything else is refused.
SIBLINGS = {
    ("review", "audit"): "a review reads the submitted report, its claims and its figures with the auditor",
    ("store", "intake"): "the store imports departments' workbooks and data files through the intake reader",
    ("final", "intake"): "figures read from a published 部门决算 are written into the intake workbook",
    ("audit", "final"): "the auditor checks a published 部门决算 with the final-accounts reader's tables and checks",
    ("web", "intake"): "the web app reads uploaded workbooks and offers the template",
    ("web", "report"): "the web app shows and offers the report package",
    ("web", "audit"): "reviewers audit batches in the web app",
    ("web", "review"): "reviewers compare a report's claims in the web app",
    ("web", "store"): "the web app keeps departments and years in the store",
}


def _modules() -> dict[str, Path]:
    out = {}
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> Iterator[tuple[int, str]]:
    """(line, imported jixiao module) for every import statement of a module."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "jixiao":
                    yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module.split(".")[0] != "jixiao":
                continue
            for alias in node.names:
                full = f"{module}.{alias.name}"
                yield node.lineno, full if full in MODULES else module


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _allowed(src: str, dst: str) -> bool:
    if src == dst or dst == "":
        return True
    if src in LEAVES:
        return dst in LEAVES  # a leaf may build on another leaf (xlsxprint on xlsxlib), nothing else
    if dst in LEAVES:
        return src != "__main__" or dst == "cli"
    if src not in LAYERS or dst not in LAYERS:
        return False
    if LAYERS[dst] < LAYERS[src]:
        return True
    return (src, dst) in SIBLINGS


def test_every_package_is_placed_in_a_layer() -> None:
    packages = {_package(m) for m in MODULES} - {""}
    assert packages <= set(LAYERS) | LEAVES, sorted(packages - set(LAYERS) - LEAVES)


def test_imports_follow_the_layers() -> None:
    wrong = []
    for name, path in sorted(MODULES.items()):
        src = _package(name)
        for line, imported in _imports(name, path):
            dst = _package(imported)
            if not _allowed(src, dst):
                wrong.append(f"{path.relative_to(SRC.parent)}:{line} imports {imported} ({src} → {dst})")
    assert wrong == []


def test_the_module_graph_has_no_cycle() -> None:
    graph = {name: {m for _, m in _imports(name, path) if m in MODULES and m != name}
             for name, path in MODULES.items()}
    cycles: list[list[str]] = []
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert cycles == []


def test_the_check_would_catch_a_wrong_import() -> None:
    """The rules refuse what the layers forbid (so a passing test means something)."""
    assert not _allowed("engine", "report")
    assert not _allowed("frameworks", "engine")
    assert not _allowed("model", "frameworks")
    assert not _allowed("audit", "review")
    assert not _allowed("report", "cli")
    assert not _allowed("findings", "model")
    assert _allowed("review", "audit") and _allowed("cli", "web") and _allowed("engine", "textfmt")
