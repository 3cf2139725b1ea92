"""Every figure a seed report states about the department appears in jixiao's report, same unit and rounding."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.report.report_helpers import EXAMPLES, docx_text, framework_available, load_example

SEEDS: dict[str, Any] = yaml.safe_load((Path(__file__).parent / "seed_figures.yaml").read_text(encoding="utf-8"))
PRESENT = sorted(SEEDS)


def test_the_list_covers_the_five_seeds() -> None:
    assert set(SEEDS) == {"wanzhou-2020", "shaoguan-2022", "guangzhou-2021", "nanchang-2017", "zhanjiang-2023"}
    assert all((EXAMPLES / f"{name}.yaml").exists() for name in SEEDS)


@pytest.mark.parametrize("name", PRESENT)
def test_report_states_every_seed_figure(name: str, tmp_path: Path) -> None:
    from jixiao.report.package import write_package

    assert framework_available(name), f"{name}: its framework is not bundled"
    dy, result, fw = load_example(name)
    write_package(dy, result, fw, tmp_path, formats=("docx",))
    text = docx_text(tmp_path / "自评报告.docx")
    missing = [f"{f['text']}（{f['what']}）" for f in SEEDS[name]["figures"] if f["text"] not in text]
    assert not missing, f"{name}: 报告缺少 {missing}"
    wrong = [f["absent"] for f in SEEDS[name]["figures"] if "absent" in f and f["absent"] in text]
    assert not wrong, f"{name}: 报告沿用了原报告的错误数字 {wrong}"
