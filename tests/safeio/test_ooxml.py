"""The zip normaliser copies each part in pieces and writes the same bytes as reading each part whole did."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

import pytest

from jixiao.batch.evaluation import EvaluateOptions, evaluate_input
from jixiao.batch.runner import Input
from jixiao.safeio.ooxml import _STORED, _W3CDTF, normalize_zip
from tests.helpers import EXAMPLES


def read_whole(data: bytes, when: datetime) -> bytes:
    """The normaliser as it was (main 9902dfe): every part read whole, then written with writestr."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(BytesIO(data)) as src:
        names = sorted(src.namelist(), key=lambda n: n != "[Content_Types].xml")
        out = BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for name in names:
                content = src.read(name)
                if name == "docProps/core.xml":
                    content = _W3CDTF.sub(lambda m: m.group(1) + stamp + m.group(2), content)
                info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
                stored = name.lower().endswith(_STORED)
                info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                info.create_system = 0
                dst.writestr(info, content, compresslevel=None if stored else 6)
    return out.getvalue()


@pytest.mark.parametrize("example", ["wanzhou-2020.yaml", "zhanjiang-2023.xlsx"])
def test_real_packages_are_normalised_to_the_same_bytes_as_before(example: str) -> None:
    path = EXAMPLES / example
    outcome = evaluate_input(Input(str(path), path.read_bytes()), EvaluateOptions(formats=("docx", "xlsx", "png")))
    packages = {name: data for name, data in outcome.files if Path(name).suffix in (".docx", ".xlsx")}
    assert len(packages) == 3  # the report and both workbooks
    with zipfile.ZipFile(BytesIO(packages[next(n for n in packages if n.endswith(".docx"))])) as docx:
        assert any(n.endswith(".png") for n in docx.namelist())  # stored parts too
    when = datetime(2025, 3, 4, 5, 6, 8)
    for name, data in packages.items():
        again = normalize_zip(data, when)
        assert again == read_whole(data, when), name
        assert again != data  # the new date is in every entry and in core.xml
        with zipfile.ZipFile(BytesIO(again)) as z:
            assert {i.date_time for i in z.infolist()} == {(2025, 3, 4, 5, 6, 8)}  # (zip times have 2 s steps)
            assert b"2025-03-04T05:06:08Z" in z.read("docProps/core.xml")
    assert normalize_zip(packages[next(iter(packages))], date(2025, 3, 4)) == read_whole(
        packages[next(iter(packages))], datetime(2025, 3, 4))
