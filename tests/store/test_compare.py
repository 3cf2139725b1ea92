"""`compare`: rankings, grade distribution and outliers, computed by hand for a small set; the written outputs."""

from __future__ import annotations

import statistics
from decimal import Decimal
from pathlib import Path

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.store import Store
from jixiao.store.compare import Peer, group, outliers, rank, robust_z
from tests.store.generate import as_data, example, write_data


def _peer(name: str, total: str, grade: str | None = "优", complete: bool = True, tops: tuple[str, ...] = ()) -> Peer:
    names = ("投入", "过程", "产出", "效果")
    weights = (Decimal(10), Decimal(30), Decimal(40), Decimal(20))
    return Peer(name, "某市", None, Decimal(total), Decimal(100), grade, complete, 0 if complete else 2,
                tuple((n, w, Decimal(s)) for n, w, s in zip(names, weights, tops, strict=False)))


def test_rank_shares_places_on_ties() -> None:
    a, b, c, d = (_peer(n, t) for n, t in (("甲", "90"), ("乙", "95"), ("丙", "90"), ("丁", "80")))
    assert [(r.rank, r.peer.department) for r in rank([(p, p.total) for p in (a, b, c, d)])] == [
        (1, "乙"), (2, "丙"), (2, "甲"), (4, "丁")]  # ties in code-point order of the names


def test_robust_z_by_hand() -> None:
    # median 11, deviations 1,2,0,1,9 -> MAD 1; z = 0.6745 × (x − 11)
    z = robust_z([Decimal(v) for v in ("10", "9", "11", "12", "20")])
    assert z == [Decimal("-0.6745"), Decimal("-1.3490"), Decimal("0"), Decimal("0.6745"), Decimal("6.0705")]
    assert robust_z([Decimal(1)] * 4) is None  # too few to judge
    # more than half equal: MAD 0, mean absolute deviation 6/5 = 1.2 -> z = (x − 10) ÷ (1.253314 × 1.2)
    z0 = robust_z([Decimal(v) for v in ("10", "10", "10", "10", "16")])
    assert z0 is not None and z0[-1].quantize(Decimal("0.0001")) == Decimal("3.9894")
    assert robust_z([Decimal(5)] * 6) is None  # no spread at all


def test_group_ranks_distributes_and_finds_outliers() -> None:
    peers = [
        _peer("甲局", "92", "优", tops=("10", "28", "36", "18")),
        _peer("乙局", "88", "良", tops=("9", "27", "34", "18")),
        _peer("丙局", "85", "良", tops=("10", "26", "32", "17")),
        _peer("丁局", "91", "优", tops=("10", "27", "36", "18")),
        _peer("戊局", "61", "中", tops=("2", "25", "18", "16")),
        _peer("己局", "70", None, complete=False, tops=("10", "20")),
    ]
    g = group("fw", "某框架", ("优", "良", "中", "差"), peers)
    assert [(r.rank, r.peer.department) for r in g.ranking] == [(1, "甲局"), (2, "丁局"), (3, "乙局"), (4, "丙局"), (5, "戊局")]
    assert [p.department for p in g.incomplete] == ["己局"]
    assert g.grades == (("优", 2), ("良", 2), ("中", 1), ("差", 0), ("未定级", 1))
    by = dict(g.by_indicator)
    assert [(r.rank, r.peer.department, r.value) for r in by["投入"]][:4] == [
        (1, "丁局", Decimal(10)), (1, "丙局", Decimal(10)), (1, "己局", Decimal(10)), (1, "甲局", Decimal(10))]
    # 投入 rates: 1, .9, 1, 1, .2, 1 -> median 1, MAD 0, MeanAD (0.1 + 0.8)/6 = 0.15
    # 戊局: (0.2 − 1) ÷ (1.253314 × 0.15) = −4.2553 -> outlier; 乙局: −0.53 -> not.
    # 产出 rates: .9, .85, .8, .9, .45 -> median .85, MAD .05; 戊局 z = 0.6745 × (−.4) ÷ .05 = −5.396
    # 过程 rates: 28/30, 27/30, 26/30, 27/30, 25/30, 20/30 -> median 0.88333, MAD 0.03333;
    # 己局 (incomplete, but its 过程 was scored) z = 0.6745 × (0.66667 − 0.88333) ÷ 0.03333 = −4.384
    found = [(o.department, o.measure, o.direction, o.z.quantize(Decimal("0.001"))) for o in g.outliers]
    assert found == [("戊局", "产出得分率", "偏低", Decimal("-5.396")), ("己局", "过程得分率", "偏低", Decimal("-4.384")),
                     ("戊局", "投入得分率", "偏低", Decimal("-4.255"))]


def test_compare_from_the_store_and_its_outputs(store: Store, tmp_path: Path) -> None:
    from jixiao.store.compare_out import workbook_bytes, write_charts

    files = []
    for i, (spent, name) in enumerate(((Decimal("226.75"), "甲"), (Decimal("200.00"), "乙"), (Decimal("150.00"), "丙"))):
        data = as_data(example("wanzhou-2020"))
        data["profile"].update({"name": f"{name}局", "code": f"C{i}"})
        data["expenditure"]["total"] = spent
        files.append(write_data(tmp_path / f"{i}.json", data))
    store.import_paths(files, user="甲")
    c = store.compare(2020)
    [g] = c.groups
    assert g.framework_id == "chongqing-district-2020" and c.count == 3
    # This framework does not score the execution rate: the three tie on 94 and share first place.
    assert [(r.rank, r.peer.department, r.value) for r in g.ranking] == [
        (1, "丙局", Decimal(94)), (1, "乙局", Decimal(94)), (1, "甲局", Decimal(94))]
    ratios = {p.department: p.ratios["budget_execution"] for p in g.peers}
    # 预算执行率 = 支出 ÷ 全年预算 226.86 (as the engine computes it), kept to 6 places: 150 ÷ 226.86 = 66.1200740…%
    assert ratios == {"丙局": Decimal("66.120074"), "乙局": Decimal("88.160099"), "甲局": Decimal("99.951512")}
    assert store.compare(2020, region="别处").groups == ()
    content = workbook_bytes(c)
    out = tmp_path / "compare.xlsx"
    out.write_bytes(content)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:2] == ["说明", "排名"] and "总分图" in wb.sheetnames
    assert [c.value for c in wb["排名"][3]][:6] == [1, "丙局", "重庆市万州区", "C2", 94, "优"]
    assert wb.chartsheets and wb.chartsheets[0].title == "总分图"
    pngs = write_charts(c, tmp_path / "charts")
    assert [p.name for p in pngs] == ["总分排名.png", "等级分布.png", "一级指标得分率.png"]
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False),
                min_size=0, max_size=40))
def test_outliers_are_exactly_the_values_beyond_the_limit(values: list[Decimal]) -> None:
    """The fast path (one sort, only the tails looked at) against the definition, computed the plain way."""
    peers = [_peer(f"局{i:02d}", "90") for i in range(len(values))]
    found = outliers("m", list(zip(peers, values, strict=True)))
    expected: list[tuple[str, Decimal]] = []
    if len(values) >= 5:
        med = Decimal(statistics.median(values))
        deviations = [abs(v - med) for v in values]
        mad = Decimal(statistics.median(deviations))
        mean_ad = sum(deviations, Decimal(0)) / len(values)
        if mad or mean_ad:
            scale, factor = (mad, Decimal("0.6745")) if mad else (Decimal("1.253314") * mean_ad, Decimal(1))
            expected = [(p.department, factor * (v - med) / scale) for p, v in zip(peers, values, strict=True)
                        if abs(factor * (v - med) / scale) > Decimal("3.5")]
    assert [(o.department, o.z) for o in found] == expected
