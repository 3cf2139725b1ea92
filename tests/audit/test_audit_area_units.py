"""Areas and volumes in a 项目支出 report's prose are figures with a unit (held-out-7's 芦山 水保 report, session 9:
"治理水土流失面积1429.39hm,其中坡改梯25.26hm……", hm² with its superscript lost in the copy). Before, a number followed
by 亩, 公顷, hm, 平方米 or 立方米 was read without a unit and no 其中 list of areas was added up. The sentences are ours;
every expectation computed by hand."""

from __future__ import annotations

from jixiao.audit.numbers import extract_figures, normalize
from tests.audit.audit_helpers import checked, found


def _units(text: str) -> list[tuple[str, str]]:
    return [(str(f.value), f.unit) for f in extract_figures(normalize(text))]


def test_area_and_volume_units_are_read() -> None:
    assert _units("新建圈舍600平方米、蓄水池120立方米，治理面积35.5公顷，种植经果林400亩，封育12.6hm²、坡改梯3.2hm2，"
                  "沟渠207.5米。") == [("600", "平方米"), ("120", "立方米"), ("35.5", "公顷"), ("400", "亩"),
                                     ("12.6", "hm²"), ("3.2", "hm2"), ("207.5", "米")]
    # 亩均 is a rate per 亩 (no figure), "hm" opening a word is no unit
    assert _units("亩均增收300元，共5html页面") == [("300", "元"), ("5", "")]


SOIL = "完成水土流失综合治理面积{total}hm,其中坡改梯15.20hm,封育治理640.35hm,保土耕作210.45hm。"


def test_a_list_of_areas_adds_up_to_its_total() -> None:
    assert found(SOIL.format(total="866.00")) == []
    assert checked(SOIL.format(total="866.00"), "sum") == [("866.00", ("15.20", "210.45", "640.35"))]


def test_a_list_of_areas_above_its_total() -> None:
    # 15.20 + 640.35 + 210.45 = 866.00 against a stated 860.00
    assert found(SOIL.format(total="860.00")) == [("sum", "错误", "第1行", "860.00hm", "866.00hm")]


def test_a_list_in_亩_short_of_its_total_is_a_hint() -> None:
    text = "全年完成造林1200亩,其中人工造林800亩、封山育林300亩。"
    # 800 + 300 = 1100 under 1200: a 其中 list may leave parts out, so a 提示, as for counts
    assert found(text) == [("sum", "提示", "第1行", "1200亩", "1100亩")]
    assert checked(text, "sum") == [("1200", ("300", "800"))]
