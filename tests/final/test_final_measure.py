"""The 决算 rules measured on the hand-labelled documents (six layouts × .pdf/.docx/.xlsx)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml

from jixiao.final.measure import measure, summary
from tests.final.conftest import corpus_folders

REQUIRED = {"id", "source", "province", "level", "year", "genre", "layout", "complete", "relations"}


def test_labels_are_well_formed() -> None:
    folders = corpus_folders()
    assert [f.name for f in folders] == ["chongqing-layout-qijiang-glsw-2023", "shaanxi-layout-jinhua-jzglz-2021", "shanghai-putuo-sthjj-2025",
                                         "sichuan-layout-dyrmt-2022", "xinjiang-layout-urumqi-zwfw-2023",
                                         "yunnan-daguan-tianxing-wsy-2021"]
    for folder in folders:
        data = yaml.safe_load((folder / "labels.yaml").read_text("utf-8"))
        assert set(data) >= REQUIRED and data["id"] == folder.name and data["genre"] == "部门决算"
        doc = (folder / "doc.txt").read_text("utf-8")
        ids = [r["id"] for r in data["relations"]]
        assert len(ids) == len(set(ids))
        for r in data["relations"]:
            assert r["text"] in doc, (folder.name, r["id"])
            assert str(r["stated"]).replace(",", "") in r["text"].replace(",", ""), (folder.name, r["id"])
            assert r["consistent"] == ("severity" not in r), (folder.name, r["id"])
            if r["kind"] in ("table_sum", "sum") and r["consistent"]:
                total = sum((Decimal(str(o).replace(",", "") or "0") for o in r["operands"]), Decimal(0))
                assert total == Decimal(str(r["stated"]).replace(",", "")), (folder.name, r["id"])


def test_targets_on_the_labelled_set(rendered: dict[str, dict[str, Path]]) -> None:
    scores = measure(corpus_folders(), rendered)
    total = summary(scores)
    assert total["documents"] == 18
    assert total["inconsistent"] == 198  # 66 labelled inconsistencies per format (real and planted)
    assert total["recall"] >= 0.95
    assert total["false_errors_per_10_documents"] <= 1
    assert total["coverage"] >= 0.80
