"""The standard metrics a framework may name, declared once: id, name, unit, formula text, arguments.

This is the vocabulary of the framework file format (``metric: budget_execution_rate``);
the engine computes each of them (:mod:`jixiao.engine.metrics`, one function per id,
on the figures of :mod:`jixiao.engine.figures`). The formula text lives only here:
``frameworks show``, the 评分表, the 数据表 and the report all print this text, with
the arguments filled in (``{checkpoint}`` → 上半年). The words of a formula are the
labels of the figures it uses, which come from the model's field descriptions, so the
formula reads the same as the list of inputs printed beside it (a test holds them together).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field

from jixiao.frozen import frozen


@frozen
class MetricSpec:
    """A standard metric as a framework names it: id, name, unit, formula text, arguments."""

    id: str
    name: str
    unit: str
    formula: str  # may contain {arg} placeholders
    args: Mapping[str, str] = field(default_factory=dict)  # argument name → default value

    def formula_for(self, args: Mapping[str, str] | None = None) -> str:
        """The formula text with the arguments (or their defaults) filled in."""
        return self.formula.format_map({**self.args, **(args or {})})


_SPECS = (
    MetricSpec("staff_control_rate", "在职人员控制率", "%", "年末实有在职人数 ÷ 编制数 × 100%"),
    MetricSpec("budget_execution_rate", "预算执行率", "%", "本年支出合计 ÷ 全年预算数 × 100%"),
    MetricSpec("budget_adjustment_rate", "预算调整率", "%", "|年中调整数| ÷ 年初预算数 × 100%"),
    MetricSpec("carryover_rate", "结转结余率", "%", "年末结转结余 ÷ 全年预算数 × 100%"),
    MetricSpec("carryover_change_rate", "结转结余变动率", "%",
               "（年末结转结余 − 上年末结转结余）÷ 上年末结转结余 × 100%"),
    MetricSpec("three_public_control_rate", "“三公”经费控制率", "%",
               "纳入预算口径的“三公”经费实际支出 ÷ “三公”经费预算数 × 100%"),
    MetricSpec("three_public_change_rate", "“三公”经费变动率（决算数）", "%",
               "（“三公”经费实际支出 − 上年“三公”经费实际支出）÷ 上年“三公”经费实际支出 × 100%"),
    MetricSpec("three_public_budget_change_rate", "“三公”经费变动率（预算数）", "%",
               "（“三公”经费预算数 − 上年“三公”经费预算数）÷ 上年“三公”经费预算数 × 100%"),
    MetricSpec("three_public_items_over_budget", "“三公”经费超预算类别数", "项",
               "实际支出超过预算数的“三公”经费类别数"),
    MetricSpec("public_funds_control_rate", "公用经费控制率", "%", "公用经费实际支出 ÷ 公用经费预算 × 100%"),
    MetricSpec("procurement_execution_rate", "政府采购执行率", "%", "政府采购实际金额 ÷ 政府采购预算 × 100%"),
    MetricSpec("sme_share", "中小企业合同金额占比", "%", "授予中小企业合同金额 ÷ 政府采购实际金额 × 100%"),
    MetricSpec("fixed_asset_utilization_rate", "固定资产利用率", "%", "在用固定资产原值 ÷ 固定资产原值合计 × 100%"),
    MetricSpec("project_payment_rate", "项目资金支付率", "%", "各项目实际支出之和 ÷ 各项目预算之和 × 100%"),
    MetricSpec("key_expenditure_rate", "重点支出安排率", "%", "重点项目预算之和 ÷ 各项目预算之和 × 100%"),
    MetricSpec("payment_progress_rate", "支付进度率", "%",
               "（{checkpoint}已支付 ÷ 全年预算数）÷ {checkpoint}既定支付进度 × 100%", {"checkpoint": "全年"}),
    MetricSpec("spending_progress", "支出进度", "%", "{checkpoint}已支付 ÷ 全年预算数 × 100%",
               {"checkpoint": "上半年"}),
    MetricSpec("recovered_funds_count", "指标或资金被收回次数", "次", "被财政收回指标或资金的次数"),
    MetricSpec("official_card_rate", "公务卡刷卡率", "%", "公务卡结算金额 ÷ 应使用公务卡结算的金额 × 100%"),
    MetricSpec("key_task_completion", "重点任务完成程度", "%", "任务实际完成程度", {"task": ""}),
    MetricSpec("key_task_overall_completion", "重点工作完成率", "%", "Σ（任务完成程度 × 任务分值）÷ Σ任务分值"),
    MetricSpec("target_completion_rate", "绩效目标完成率", "%", "已达成的量化绩效目标数 ÷ 量化绩效目标数 × 100%"),
    MetricSpec("task_on_time_rate", "完成及时率", "%", "按时完成的重点任务数 ÷ 重点任务数 × 100%"),
    MetricSpec("task_quality_rate", "质量达标率", "%", "质量达标的重点任务数 ÷ 重点任务数 × 100%"),
    MetricSpec("key_task_done_rate", "重点工作办结率", "%", "办结的重点任务数 ÷ 重点任务数 × 100%"),
)

METRICS: dict[str, MetricSpec] = {s.id: s for s in _SPECS}
