"""Coverage-guided fuzz targets (atheris) for the deepest parsers; run with ``make fuzz``.

Each target takes the fuzzer's bytes, feeds one reader, and accepts only that reader's own
located error type. Anything else escaping is a crash that atheris saves to ``.fuzz/<target>/``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from jixiao.model.load import parse_department

_TMP = Path(tempfile.mkdtemp(prefix="jixiao-fuzz-"))


def yaml_target(data: bytes) -> None:
    from jixiao.model.load import department_from_data
    from jixiao.yamlio import SourceError, loads_yaml

    try:
        value, lines = loads_yaml(data.decode("utf-8", "replace"))
    except SourceError:
        return
    department_from_data(value, file="fuzz.yaml", lines=lines)


def json_target(data: bytes) -> None:
    from jixiao.yamlio import SourceError, loads_json

    try:
        loads_json(data.decode("utf-8", "replace"))
    except SourceError:
        return


def formula_target(data: bytes) -> None:
    from jixiao.engine.figures import derive
    from jixiao.frameworks import formula as F

    try:
        tree = F.parse(data.decode("utf-8", "replace"))
    except F.FormulaError:
        return
    if F.unknown_paths(tree):
        return
    dy = parse_department({"profile": {"name": "x", "year": 2023},
                           "budget": {"initial": "100", "final": "120"}, "staffing": {"actual": 3}})
    try:
        F.evaluate(tree, derive(dy).value)
    except (F.MissingValue, F.ZeroDivisor):
        return


def workbook_target(data: bytes) -> None:
    from jixiao.intake.workbook import read_workbook

    path = _TMP / "fuzz.xlsx"
    path.write_bytes(data)
    read_workbook(path)


def audit_text_target(data: bytes) -> None:
    from jixiao.audit.api import audit_text

    audit_text(data.decode("utf-8", "replace"))


def document_target(suffix: str) -> Callable[[bytes], None]:
    def run(data: bytes) -> None:
        from jixiao.audit.api import audit_path

        path = _TMP / f"fuzz{suffix}"
        path.write_bytes(data)
        audit_path(path)

    return run


TARGETS: dict[str, Callable[[bytes], None]] = {
    "yaml": yaml_target,
    "json": json_target,
    "formula": formula_target,
    "workbook": workbook_target,
    "audit-text": audit_text_target,
    "docx": document_target(".docx"),
    "pdf": document_target(".pdf"),
}


def main() -> None:
    import atheris

    name = os.environ["JIXIAO_FUZZ_TARGET"]
    with atheris.instrument_imports(include=["jixiao"]):
        import jixiao.audit.api
        import jixiao.frameworks.formula
        import jixiao.intake.workbook
        import jixiao.model.load
        import jixiao.yamlio  # noqa: F401
    atheris.Setup(sys.argv, TARGETS[name])
    atheris.Fuzz()


if __name__ == "__main__":
    main()
