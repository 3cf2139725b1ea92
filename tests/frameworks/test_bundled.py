"""Every bundled framework loads, validates and says where each rule comes from."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.frameworks import bundled_ids, get_framework, load_framework_text
from jixiao.frameworks.load import _data_dir

EXPECTED = {
    "chongqing-district-2020",
    "guangdong-shaoguan-2022",
    "guangzhou-2021",
    "hunan-province-template",
    "nanchang-2017",
    "national-2013",
    "zhanjiang-2023",
}


def test_all_seed_frameworks_are_bundled() -> None:
    assert set(bundled_ids()) == EXPECTED


@pytest.mark.parametrize("fid", sorted(EXPECTED))
def test_bundled_framework_validates_without_findings(fid: str) -> None:
    text = (_data_dir() / f"{fid}.yaml").read_text(encoding="utf-8")
    fw, findings = load_framework_text(text, file=f"{fid}.yaml")
    assert fw is not None
    assert findings == []
    assert fw.id == fid
    assert fw.total == Decimal(100)


@pytest.mark.parametrize("fid", sorted(EXPECTED))
def test_every_leaf_states_its_source(fid: str) -> None:
    fw = get_framework(fid)
    unsourced = [ind.id for _, ind in fw.walk() if ind.is_leaf and not ind.source]
    assert unsourced == []


def test_templates_are_marked() -> None:
    assert get_framework("national-2013").template is True
    assert get_framework("hunan-province-template").template is True
    assert get_framework("nanchang-2017").template is False


def test_national_template_says_53_sets_no_weights() -> None:
    fw = get_framework("national-2013")
    assert fw.document == "财预〔2013〕53号"
    assert fw.source is not None and "53号不设分值和评分标准" in fw.source
    tops = [(i.name, i.weight) for i in fw.indicators]
    assert tops == [("投入", Decimal(15)), ("过程", Decimal(40)), ("产出", Decimal(25)), ("效果", Decimal(20))]


def test_hunan_template_keeps_the_published_weights_and_marks_the_rest() -> None:
    fw = get_framework("hunan-province-template")
    weights = {i.name: i.weight for i in fw.indicators}
    assert weights["投入"] == 13
    assert weights["过程"] == 61
    assert weights["产出"] + weights["效果"] == 26
    by_id = {ind.id: ind for _, ind in fw.walk()}
    assert by_id["staff_control"].weight == 5
    assert by_id["three_public_change"].weight == 8
    assert by_id["process.execution"].weight == 20
    assert by_id["public_funds_control"].weight == 8
    # The 33 untraceable points of 预算管理 and all of 产出/效果 say so.
    untraced = [
        ind for ind in by_id["process.management"].children if ind.id != "public_funds_control"
    ]
    assert sum(i.weight for i in untraced) == 33
    assert all("未见于任何公开来源" in (i.source or "") for i in untraced)
    for top in ("output", "effect"):
        assert all("未见于任何公开来源" in (leaf.source or "") for leaf in by_id[top].children)


def test_nanchang_top_level_weights_follow_the_report() -> None:
    fw = get_framework("nanchang-2017")
    weights = {i.name: i.weight for i in fw.indicators}
    assert weights["投入"] == 15
    assert weights["过程"] == 60
    names = [ind.name for _, ind in fw.walk()]
    for name in ("预算完成率", "支付进度率", "上半年支出率", "全年支出率", "结转结余率", "社会满意度"):
        assert name in names


def test_shaoguan_guangzhou_zhanjiang_structure() -> None:
    assert [i.name for i in get_framework("guangdong-shaoguan-2022").indicators] == [
        "目标", "成本控制", "完成数量及质量", "社会效益", "可持续发展"]
    gz = get_framework("guangzhou-2021")
    assert [i.name for i in gz.indicators] == ["管理效能", "履职效能"]
    assert [c.name for c in gz.indicators[0].children] == ["预算编制", "预算执行", "绩效管理", "政府采购", "资产管理"]
    zj = get_framework("zhanjiang-2023")
    assert [i.name for i in zj.indicators] == ["预算编制", "预算执行", "预算监督", "预算使用效益"]
    assert [c.name for c in zj.indicators[3].children] == ["经济性", "效率性", "效果性"]
