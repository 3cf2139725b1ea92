"""Every workbook jixiao writes, printed to PDF and saved again by LibreOffice Calc, once per test session.

Two LibreOffice runs for the whole suite (one to PDF, one back to .xlsx), each over many files,
with a private profile so parallel runs do not clash. Without LibreOffice the tests skip on a
developer machine and fail in CI (``CI=true``), where ``scripts/setup.sh`` installs it.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from jixiao.audit.api import audit_path
from jixiao.audit.export import write as write_findings
from jixiao.intake.template import workbook_bytes
from jixiao.report.package import write_package
from jixiao.store.compare_out import workbook_bytes as compare_workbook
from tests.helpers import EXAMPLES
from tests.printing.pdfcheck import Page, convert, read_pages
from tests.report.report_helpers import load_example

NAMES = sorted(p.stem for p in EXAMPLES.glob("*.yaml"))

# Short reports with arithmetic slips, so the findings workbook has rows to print.
SLIPS = (
    "本年度全年预算数200.00万元，支出合计150.00万元，预算执行率80.00%。基本支出120.00万元，项目支出40.00万元，"
    "支出合计150.00万元。",
    "“三公”经费预算数10.00万元，实际支出9.00万元，“三公”经费控制率95.00%，较上年8.00万元增长25.00%。"
    "政府采购预算50.00万元，实际采购45.00万元，政府采购执行率80.00%。",
)


@dataclass(frozen=True)
class Printed:
    xlsx: Path
    pdf: Path
    body_size: float  # the point size of the text in the table cells
    pages: tuple[Page, ...]


@dataclass(frozen=True)
class Rendered:
    books: dict[str, Printed]  # "template", "<example>", "<example>/评分表", "<example>/数据表", "findings"
    resaved: dict[str, Path]  # example name -> the example workbook opened and saved by LibreOffice Calc


# A year of departments under one framework, for the comparison workbook: (department, total, grade, tops).
PEERS = (
    ("重庆市万州区人民政府外事办公室", "94", "优", ("5", "24.5", "46", "18.5")),
    ("重庆市万州区发展和改革委员会", "91.5", "优", ("5", "23", "45", "18.5")),
    ("重庆市万州区财政局", "88", "良", ("4", "22", "44", "18")),
    ("重庆市万州区教育委员会", "86.25", "良", ("5", "20.25", "43", "18")),
    ("重庆市万州区卫生健康委员会", "79", "中", ("3", "19", "40", "17")),
    ("重庆市万州区农业农村委员会", "92", "优", ("5", "24", "45", "18")),
    ("重庆市万州区交通运输委员会", "84", "良", ("4", "21", "42", "17")),
    ("重庆市万州区住房和城乡建设委员会", "61", "差", ("1", "15", "30", "15")),
    ("重庆市万州区文化和旅游发展委员会", "70", None, ("5", "20")),
)


def _comparison() -> Any:
    from jixiao.store.compare import Comparison, Peer, group

    names, weights = ("投入", "过程", "产出", "效益"), (Decimal(5), Decimal(25), Decimal(50), Decimal(20))
    peers = [Peer(name, "重庆市万州区", f"10{i:02d}", Decimal(total), Decimal(100), grade, grade is not None,
                  0 if grade else 2, tuple((n, w, Decimal(t)) for n, w, t in zip(names, weights, tops, strict=False)))
             for i, (name, total, grade, tops) in enumerate(PEERS)]
    fw = "重庆市区县部门整体支出绩效评价指标体系（2020年度）"
    return Comparison(2020, "重庆市万州区", (group("chongqing-district-2020", fw, ("优", "良", "中", "差"), peers),))


def _need_soffice() -> None:
    if shutil.which("soffice") or shutil.which("libreoffice"):
        return
    if os.environ.get("CI") == "true":
        pytest.fail("LibreOffice (soffice) is not installed: scripts/setup.sh installs libreoffice-calc-nogui")
    pytest.skip("LibreOffice (soffice) is not installed")


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    _need_soffice()
    base = tmp_path_factory.mktemp("printing")
    books = base / "books"
    books.mkdir()
    sizes: dict[str, float] = {}
    files: dict[str, Path] = {}

    def add(key: str, path: Path, size: float) -> None:
        files[key], sizes[key] = path, size

    (books / "template.xlsx").write_bytes(workbook_bytes(None, None))
    add("template", books / "template.xlsx", 11)
    for name in NAMES:
        shutil.copy(EXAMPLES / f"{name}.xlsx", books / f"{name}.xlsx")
        add(name, books / f"{name}.xlsx", 11)
        dy, result, fw = load_example(name)
        out = base / "packages" / name
        write_package(dy, result, fw, out, formats=("xlsx",))
        for kind in ("评分表", "数据表"):
            target = books / f"{name}-{kind}.xlsx"
            shutil.copy(out / f"{kind}.xlsx", target)
            add(f"{name}/{kind}", target, 10.5)
    reports = base / "reports"
    reports.mkdir()
    for i, text in enumerate(SLIPS):
        (reports / f"报告{i + 1}.txt").write_text(text, encoding="utf-8")
    write_findings([audit_path(p) for p in sorted(reports.iterdir())], books / "findings.xlsx")
    add("findings", books / "findings.xlsx", 11)
    (books / "compare.xlsx").write_bytes(compare_workbook(_comparison()))
    add("compare", books / "compare.xlsx", 11)

    profile = base / "lo-profile"
    convert(list(files.values()), base / "pdf", "pdf", profile)
    resaved_dir = base / "resaved"
    convert([files[n] for n in NAMES], resaved_dir, "xlsx", profile)
    printed = {}
    for key, path in files.items():
        pdf = base / "pdf" / f"{path.stem}.pdf"
        printed[key] = Printed(path, pdf, sizes[key], tuple(read_pages(pdf, sizes[key])))
    return Rendered(printed, {n: resaved_dir / f"{n}.xlsx" for n in NAMES})
