"""One entry point: read a file, recognise its 决算 tables, run the rules; cached per file state."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jixiao.final.checks import STRUCTURE_RULES, Check
from jixiao.final.matters import MATTER_RULES
from jixiao.final.model import FinalAccounts
from jixiao.final.prose import all_prose
from jixiao.final.readers import SUPPORTED, FinalReadError, read_source
from jixiao.final.recognise import recognise

RULE_TITLES: dict[str, tuple[str, str]] = {
    "final_table_sum": ("决算表合计与明细", "各决算表的合计行与各类、类与款、款与项、行合计与各列是否相符"),
    "final_totals": ("决算总表平衡", "收入支出决算总表、财政拨款收入支出决算总表的本年合计、总计与各行是否相符"),
    "final_cross_table": ("决算表间勾稽", "同一数字在各决算表中是否一致（收入、支出合计，各类支出，基本支出、项目支出，经济分类明细表）"),
    "final_basic_detail": ("基本支出经济分类", "基本支出决算表各类与款、人员经费与公用经费合计是否相符"),
    "final_three_public": ("“三公”经费表", "“三公”经费合计与分项、公务用车小计，以及决算数是否超过预算数"),
    "final_required_tables": ("决算公开表齐全", "模板要求公开的决算表是否齐全（无数据的表也应保留并说明）"),
    "final_prose": ("情况说明与表格", "情况说明中的金额、占比、增减幅度、完成预算比率与决算表是否一致，总计、合计与其中所列分项之和是否相符"),
    "final_operating_costs": ("机关运行经费", "情况说明中的机关运行经费与“三公”、机关运行经费表或基本支出表的公用经费合计是否一致（公用经费口径适用于行政和参公单位）"),
    "final_procurement": ("政府采购支出", "政府采购支出总额是否等于货物、工程、服务支出之和，授予中小企业、小微企业合同金额的占比是否相符"),
    "final_staffing": ("人员与车辆", "实有人数是否等于在职、离休、退休人员之和，车辆合计是否等于各类车辆之和"),
}


def rules_for(fa: FinalAccounts) -> dict[str, list[Check]]:
    out = {name: rule(fa) for name, rule in STRUCTURE_RULES.items()}
    out["final_prose"] = all_prose(fa)
    out.update({name: rule(fa) for name, rule in MATTER_RULES.items()})
    return out


@dataclass(frozen=True)
class Analysis:
    accounts: FinalAccounts
    checks: dict[str, list[Check]]

    def failed(self, disabled: tuple[str, ...] = ()) -> list[Check]:
        return [c for name, cs in self.checks.items() if name not in disabled for c in cs if not c.ok]


def analyse(path: str | Path) -> Analysis:
    """Read and check one 决算 file; raises :class:`FinalReadError` when it cannot be read."""
    fa = recognise(read_source(path))
    return Analysis(fa, rules_for(fa))


@lru_cache(maxsize=16)
def _cached(path: str, mtime: float, size: int) -> Analysis | None:
    try:
        result = analyse(path)
    except FinalReadError:
        return None
    return result if result.accounts.is_final_accounts else None


def analyse_if_final(path: str | Path) -> Analysis | None:
    """The analysis when the file is a readable 决算 with at least two of its tables, else None."""
    p = Path(path)
    if p.suffix.lower() not in SUPPORTED or not p.is_file():
        return None
    st = p.stat()
    return _cached(str(p), st.st_mtime, st.st_size)
