"""Round trip with the writer: `jixiao review` on a report jixiao wrote (.docx, and .pdf through LibreOffice)
reads the report's 评分表 and reproduces jixiao's score indicator by indicator; without the department's
data it maps the “三公” scope note and the key-task table (names with "，" kept) from the report itself."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from jixiao.cli.app import app
from jixiao.engine.evaluate import evaluate
from jixiao.frameworks import get_framework
from jixiao.model.load import load_department
from jixiao.report.package import REPORT_DOCX, write_package

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NAMES = sorted(p.stem for p in EXAMPLES.glob("*.yaml"))
runner = CliRunner()


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("review-roundtrip")
    for stem in NAMES:
        dy, findings = load_department(EXAMPLES / f"{stem}.yaml")
        assert dy is not None, findings
        fw = get_framework(dy.framework or "national-2013")
        write_package(dy, evaluate(dy, fw), fw, out / stem, ("docx",))
    return out


def _review(report: Path, *extra: str) -> dict[str, Any]:
    res = runner.invoke(app, ["review", str(report), "--json", *extra])
    assert res.exit_code == 0, res.output
    data: dict[str, Any] = json.loads(res.output)
    return data


def _scored(stem: str) -> dict[str, str]:
    """jixiao's own scores of the example, every indicator that has one."""
    dy, _ = load_department(EXAMPLES / f"{stem}.yaml")
    assert dy is not None
    result = evaluate(dy, get_framework(dy.framework or "national-2013"))
    return {n.name: f"{n.score.normalize():f}" for n in result.walk() if n.score is not None}


@pytest.mark.parametrize("stem", NAMES)
def test_review_reads_every_score_of_the_written_report(written: Path, stem: str) -> None:
    data = _review(written / stem / REPORT_DOCX, "--data", str(EXAMPLES / f"{stem}.yaml"))
    claimed = {r["name"]: r["claimed"] for r in data["rows"]}
    assert claimed == _scored(stem)  # every indicator jixiao scored, read back from the 评分表
    assert all(r["claimed"] == r["jixiao"] for r in data["rows"])
    assert data["total"]["claimed"] == data["total"]["jixiao"]


def test_review_of_the_pdf_agrees_indicator_by_indicator(written: Path, tmp_path: Path) -> None:
    from jixiao.report.pdf import docx_to_pdf

    pdf = docx_to_pdf(written / "wanzhou-2020" / REPORT_DOCX, tmp_path)
    data = _review(pdf, "--data", str(EXAMPLES / "wanzhou-2020.yaml"))
    assert (data["total"]["claimed"], data["total"]["jixiao"], data["total"]["kind"]) == ("94", "94", "一致")
    assert [r["kind"] for r in data["rows"]] == ["一致"] * 34


def test_review_without_data_maps_scope_note_and_key_tasks(written: Path) -> None:
    data = _review(written / "wanzhou-2020" / REPORT_DOCX, "--framework", "chongqing-district-2020")
    rows = {r["name"]: (r["kind"], r["claimed"], r["jixiao"]) for r in data["rows"]}
    # “三公” spending outside the budget's scope (外事接待、因公出国) is left out of the control rate
    assert rows["“三公”经费控制率"] == ("一致", "2", "2")
    assert rows["“三公”经费变动率"] == ("一致", "3", "3")
    # a key task whose name holds "，" is read whole, with its weight and completion
    assert rows["统筹抓好疫情防控和经济社会发展，推进外资外贸企业复工复产"] == ("一致", "6", "6")
    assert rows["年度对外交往合作、开展友好城市交往工作"] == ("一致", "4", "4")
    assert rows["职责履行"] == ("一致", "46", "46")
