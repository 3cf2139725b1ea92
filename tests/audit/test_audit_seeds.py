"""The five seeds give exactly the findings listed (and justified) in EXPECTED.md."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.audit import audit_path
from tests.audit.audit_helpers import SEED_FINDINGS, seed_path


@pytest.mark.parametrize("seed", sorted(SEED_FINDINGS))
def test_seed_findings_exact(seed: str) -> None:
    report = audit_path(seed_path(seed))
    assert report.error is None
    got = sorted((f.rule, f.severity, f.location, f.stated, f.expected) for f in report.findings)
    assert got == sorted(SEED_FINDINGS[seed])


def test_seed_000_explanation_is_pasteable() -> None:
    (f,) = audit_path(seed_path("000")).findings
    assert f.explanation == "报告称公务用车购置及运行费完成预算的比例为89.8%，但按1.79万元÷2万元计算应为89.50%。"
    assert "1.79万元" in f.quote and "89.8%" in f.quote
    assert f.figures == ("公务用车购置及运行费支出决算为 1.79万元", "完成预算 2万元")


def test_seed_004_sum_names_every_item() -> None:
    sums = [f for f in audit_path(seed_path("004")).findings if f.rule == "sum"]
    assert len(sums) == 1
    assert "8万元 + 13.88万元 + 0.36万元 + 39.43万元 + 22.09万元 + 2.4万元 + 5.6万元合计为91.76万元" in sums[0].explanation
    assert "相差0.06万元" in sums[0].explanation


def test_seed_claims() -> None:
    c3 = audit_path(seed_path("003")).claims
    assert c3 is not None and c3.total == Decimal(94) and c3.grade == "优"
    by_name = {s.name: s for s in c3.scores}
    assert by_name["支付进度"].score == Decimal(3) and by_name["支付进度"].max_score == Decimal(3)
    assert by_name["管理制度健全性"].score == Decimal(1) and by_name["管理制度健全性"].max_score == Decimal("1.5")
    firsts = {s.name: s.score for s in c3.scores if s.max_score is None}
    assert firsts == {"投入": Decimal(5), "过程": Decimal("24.5"), "产出": Decimal(46), "效果": Decimal("18.5")}
    c2 = audit_path(seed_path("002")).claims
    assert c2 is not None and c2.total == Decimal("80.71") and c2.grade == "良"
    c1 = audit_path(seed_path("001")).claims
    assert c1 is not None and c1.total == Decimal("94.84") and c1.grade is None
