"""Registry of audit rules. Each rule has a stable name that ``--disable`` accepts."""

from __future__ import annotations

from jixiao.audit.rules.averages import RULE as AVERAGE
from jixiao.audit.rules.base import Rule
from jixiao.audit.rules.breakdown import RULE as BREAKDOWN
from jixiao.audit.rules.budget_change import RULE as BUDGET_CHANGE
from jixiao.audit.rules.chainage import RULE as CHAINAGE
from jixiao.audit.rules.composition import RULE as COMPOSITION
from jixiao.audit.rules.counts import COUNT, STAFFING
from jixiao.audit.rules.debt import RULE as DEBT_LIMIT
from jixiao.audit.rules.final_accounts import FINAL_RULES
from jixiao.audit.rules.formula import RULE as FORMULA
from jixiao.audit.rules.fund_blocks import RULE as FUND_BLOCKS
from jixiao.audit.rules.goal_weights import RULE as GOAL_WEIGHTS
from jixiao.audit.rules.grand_totals import RULE as GRAND_TOTALS
from jixiao.audit.rules.heading_points import RULE as HEADING_POINTS
from jixiao.audit.rules.money_block import RULE as MONEY_BLOCK
from jixiao.audit.rules.overspend import RULE as OVERSPEND
from jixiao.audit.rules.points import RULE as POINTS
from jixiao.audit.rules.products import RULE as PER_UNIT_PRODUCT
from jixiao.audit.rules.products import SHARES as EQUAL_SHARES
from jixiao.audit.rules.rates import RATE, SHARE
from jixiao.audit.rules.restated import RULE as RESTATED
from jixiao.audit.rules.schedule import RULE as SCHEDULE
from jixiao.audit.rules.scores import GRADE, INDICATOR_SCORE, SCORE_TOTAL
from jixiao.audit.rules.share_amounts import RULE as SHARE_AMOUNT
from jixiao.audit.rules.sums import PART as PART_LE_WHOLE
from jixiao.audit.rules.sums import RULE as SUMS
from jixiao.audit.rules.table_change import TABLE_CHANGE
from jixiao.audit.rules.table_completion import RULE as TABLE_COMPLETION
from jixiao.audit.rules.table_control import RULE as TABLE_CONTROL
from jixiao.audit.rules.table_criteria import RULE as TABLE_CRITERIA
from jixiao.audit.rules.table_formulas import RULE as TABLE_FORMULA
from jixiao.audit.rules.table_money import TABLE_RATE, TABLE_SHARE, TABLE_SUM
from jixiao.audit.rules.table_nature import RULE as TABLE_NATURE
from jixiao.audit.rules.table_parts import RULE as TABLE_PARTS
from jixiao.audit.rules.table_paths import RULE as TABLE_PATH_SUM
from jixiao.audit.rules.table_product import RULE as TABLE_PRODUCT
from jixiao.audit.rules.table_scores import SCORE_LE_MAX, SCORE_RULE, SCORE_SUM, WEIGHT_SUM
from jixiao.audit.rules.table_staffing import RULE as TABLE_STAFFING
from jixiao.audit.rules.table_targets import TARGET
from jixiao.audit.rules.table_text import RULE as TABLE_TEXT
from jixiao.audit.rules.units import RULE as UNITS
from jixiao.audit.rules.work_totals import RULE as WORK_TOTALS
from jixiao.audit.rules.year_levels import RULE as YEAR_LEVELS
from jixiao.audit.rules.yoy import RULE as YOY
from jixiao.audit.rules.yoy_parts import RULE as YOY_PARTS

RULES: tuple[Rule, ...] = (RATE, SHARE, SUMS, YOY, SCORE_TOTAL, INDICATOR_SCORE, GRADE, UNITS, OVERSPEND, FORMULA,
                          TABLE_RATE, TABLE_SHARE, TABLE_SUM, TABLE_CHANGE, SCORE_LE_MAX, WEIGHT_SUM, SCORE_SUM, SCORE_RULE, TABLE_CRITERIA,
                          TARGET, TABLE_COMPLETION, TABLE_TEXT,
                          COUNT,
                          STAFFING, BREAKDOWN, COMPOSITION, DEBT_LIMIT, RESTATED, PART_LE_WHOLE, YOY_PARTS, *FINAL_RULES,
                          BUDGET_CHANGE, POINTS, SCHEDULE, TABLE_NATURE, GRAND_TOTALS, TABLE_STAFFING, TABLE_PARTS,
                           TABLE_CONTROL, CHAINAGE, AVERAGE, PER_UNIT_PRODUCT, EQUAL_SHARES, FUND_BLOCKS, GOAL_WEIGHTS,
                           WORK_TOTALS, TABLE_PRODUCT, TABLE_FORMULA, TABLE_PATH_SUM, SHARE_AMOUNT, YEAR_LEVELS,
                           HEADING_POINTS, MONEY_BLOCK)


def rule_names() -> list[str]:
    return [r.name for r in RULES]


def select_rules(disabled: list[str] | tuple[str, ...] = ()) -> list[Rule]:
    """Rules minus the disabled ones; an unknown name raises ValueError with a Chinese message."""
    unknown = [d for d in disabled if d not in rule_names()]
    if unknown:
        raise ValueError(f"未知的规则：{'、'.join(unknown)}；可用规则：{'、'.join(rule_names())}")
    return [r for r in RULES if r.name not in disabled]


__all__ = ["RULES", "Rule", "rule_names", "select_rules"]
