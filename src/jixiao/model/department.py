"""The model of one department-year (部门年度数据): typed immutable records.

Conventions:
- Money is ``Decimal`` in 万元, exact; conversion from 元 happens once at intake.
- Rates and completions are ``Decimal`` percentages (98 means 98%).
- Every figure is optional: what a department does not state stays ``None`` and
  is reported as missing by the engine, never guessed.
- Plain data becomes records through :mod:`jixiao.model.validate` (types, bounds, digits);
  invariants (parts add up to totals) are checked by :mod:`jixiao.model.invariants`,
  which returns findings with field paths.
"""



from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from jixiao.frozen import frozen
from jixiao.model.records import many, part, value

ZERO = Decimal(0)


def _money(description: str) -> Any:
    return value(Decimal, description, ge=ZERO, bounded=True)


def _signed_money(description: str) -> Any:
    return value(Decimal, description, bounded=True)


def _percent(description: str, *, le: int | None = None) -> Any:
    return value(Decimal, description, ge=ZERO, bounded=True, le=le)


def _count(description: str | None = None, *, required: bool = False) -> Any:
    return value(int, description, ge=0, bounded=True, required=required)


def _text(description: str | None = None, *, required: bool = False) -> Any:
    return value(str, description, required=required)


@frozen(slots=True, kw_only=True)
class Profile:
    """基本信息."""

    name: str = _text("部门（单位）名称", required=True)
    year: int = value(int, "评价年度", required=True, ge=2000, le=2100)
    region: str | None = _text("地区")
    finance_bureau: str | None = _text("主管财政部门")  # the bureau the report is sent to
    notice: str | None = _text("自评通知文号")  # this year's notice calling for the self-evaluation
    level: str | None = _text("预算级次")
    code: str | None = _text("预算编码")
    unit_type: str | None = _text("单位性质")
    functions: list[str] = many(str, "主要职能")
    institution: str | None = _text("机构设置说明")
    internal_units: list[str] = many(str, "内设机构")
    subordinate_units: list[str] = many(str, "下属单位")
    work_summary: str | None = _text("年度总体工作情况")
    performance_goal: str | None = _text("部门整体支出绩效目标")
    preparer: str | None = _text("填报人")
    phone: str | None = _text("联系电话")
    report_date: date | None = value(date, "填报日期")


@frozen(slots=True, kw_only=True)
class Staffing:
    """人员编制."""

    authorized: int | None = _count("编制数（人）")
    actual: int | None = _count("年末实有在职人数（人）")
    retired: int | None = _count("离退休人数（人）")
    note: str | None = _text("人员情况说明")


@frozen(slots=True, kw_only=True)
class Budget:
    """预算：年初预算、年中调整、上年结转；全年预算数未填时由三者相加得出。"""

    initial: Decimal | None = _money("年初预算数（万元）")
    adjustment: Decimal | None = _signed_money("年中调整数（万元）")  # 追加为正，调减为负
    carried_over: Decimal | None = _money("上年结转（万元）")
    final: Decimal | None = _money("全年预算数（万元）")  # after the mid-year adjustment
    adjustment_reason: str | None = _text("年中调整预算的原因")
    execution_reason: str | None = _text("全年支出与预算存在差异（未执行完或超支）的原因")

    def final_amount(self) -> Decimal | None:
        """全年预算数: stated, or derived from its parts when all of them are stated."""
        if self.final is not None:
            return self.final
        if self.initial is None or self.adjustment is None or self.carried_over is None:
            return None
        return self.initial + self.adjustment + self.carried_over


@frozen(slots=True, kw_only=True)
class Revenue:
    """收入."""

    total: Decimal | None = _money("本年收入合计（万元）")
    fiscal_appropriation: Decimal | None = _money("财政拨款收入（万元）")
    other: Decimal | None = _money("其他收入（万元）")


@frozen(slots=True, kw_only=True)
class Project:
    """项目支出中的一个项目."""

    name: str = _text(required=True)
    budget: Decimal | None = _money("项目预算（万元）")
    actual: Decimal | None = _money("项目支出（万元）")
    key: bool = value(bool, "是否重点项目", default=False)
    note: str | None = _text()


@frozen(slots=True, kw_only=True)
class Expenditure:
    """支出：基本支出 = 人员经费 + 公用经费；总支出 = 基本支出 + 项目支出。"""

    total: Decimal | None = _money("本年支出合计（万元）")
    basic: Decimal | None = _money("基本支出（万元）")
    personnel: Decimal | None = _money("人员经费（万元）")
    public: Decimal | None = _money("公用经费（万元）")
    project: Decimal | None = _money("项目支出（万元）")
    projects: list[Project] = many(Project)


@frozen(slots=True, kw_only=True)
class CarryOver:
    """年末结转结余."""

    amount: Decimal | None = _money("年末结转结余（万元）")


@frozen(slots=True, kw_only=True)
class RecoveredFunds:
    """指标或资金被财政收回."""

    count: int | None = _count("指标或资金被收回次数（次）")  # 0 when none
    amount: Decimal | None = _money("指标或资金被收回金额（万元）")


class ThreePublicKind(StrEnum):
    OUTBOUND = "outbound"
    VEHICLE_PURCHASE = "vehicle_purchase"
    VEHICLE_OPERATION = "vehicle_operation"
    VEHICLE = "vehicle"
    RECEPTION = "reception"
    FOREIGN_RECEPTION = "foreign_reception"

    @property
    def label(self) -> str:
        return THREE_PUBLIC_LABELS[self]

    @property
    def category(self) -> str:
        """The statutory category (three of them) this kind belongs to."""
        if self is ThreePublicKind.OUTBOUND:
            return "因公出国（境）费"
        if self in (
            ThreePublicKind.VEHICLE,
            ThreePublicKind.VEHICLE_PURCHASE,
            ThreePublicKind.VEHICLE_OPERATION,
        ):
            return "公务用车购置及运行费"
        return "公务接待费"


THREE_PUBLIC_LABELS = {
    ThreePublicKind.OUTBOUND: "因公出国（境）费",
    ThreePublicKind.VEHICLE_PURCHASE: "公务用车购置费",
    ThreePublicKind.VEHICLE_OPERATION: "公务用车运行维护费",
    ThreePublicKind.VEHICLE: "公务用车购置及运行费",
    ThreePublicKind.RECEPTION: "公务接待费",
    ThreePublicKind.FOREIGN_RECEPTION: "外事接待费",
}


@frozen(slots=True, kw_only=True)
class ThreePublicItem:
    """“三公”经费的一个类别."""

    kind: ThreePublicKind = value(ThreePublicKind, required=True)
    budget: Decimal | None = _money("预算数（万元）")
    actual: Decimal | None = _money("实际支出（万元）")
    last_year_actual: Decimal | None = _money("上年实际支出（万元）")
    last_year_budget: Decimal | None = _money("上年预算数（万元）")
    in_budget_scope: bool = value(bool, "是否纳入“三公”经费预算口径", default=True)


@frozen(slots=True, kw_only=True)
class ThreePublic:
    """“三公”经费. Stated totals are optional and checked against the items."""

    items: list[ThreePublicItem] = many(ThreePublicItem)
    budget_total: Decimal | None = _money("预算合计（万元）")
    actual_total: Decimal | None = _money("实际支出合计（万元）")
    last_year_actual_total: Decimal | None = _money("上年实际支出合计（万元）")
    last_year_budget_total: Decimal | None = _money("上年预算合计（万元）")
    scope_note: str | None = _text("预算口径说明")
    change_reason: str | None = _text("“三公”经费与上年相比增减的原因")
    budget_reason: str | None = _text("“三公”经费实际支出与预算存在差异的原因")


@frozen(slots=True, kw_only=True)
class PublicFunds:
    """公用经费（日常公用经费）预算与执行."""

    budget: Decimal | None = _money("公用经费预算（万元）")
    actual: Decimal | None = _money("公用经费实际支出（万元）")


@frozen(slots=True, kw_only=True)
class Procurement:
    """政府采购."""

    budget: Decimal | None = _money("政府采购预算（万元）")
    actual: Decimal | None = _money("政府采购实际金额（万元）")
    goods: Decimal | None = _money("货物类（万元）")
    works: Decimal | None = _money("工程类（万元）")
    services: Decimal | None = _money("服务类（万元）")
    sme: Decimal | None = _money("授予中小企业合同金额（万元）")
    small_micro: Decimal | None = _money("授予小微企业合同金额（万元）")  # part of sme


@frozen(slots=True, kw_only=True)
class FixedAssetCategory:
    """固定资产的一个类别."""

    name: str = _text(required=True)
    count: int | None = _count("数量（件）")
    amount: Decimal | None = _money("原值（万元）")
    in_use: Decimal | None = _money("在用资产原值（万元）")


@frozen(slots=True, kw_only=True)
class Assets:
    """资产."""

    total: Decimal | None = _money("资产总计（万元）")
    fixed_total: Decimal | None = _money("固定资产原值合计（万元）")
    fixed_in_use: Decimal | None = _money("在用固定资产原值（万元）")
    # used only when the original values are not given
    fixed_in_use_rate: Decimal | None = _percent("固定资产在用率（%）", le=100)
    fixed_assets: list[FixedAssetCategory] = many(FixedAssetCategory)


@frozen(slots=True, kw_only=True)
class PaymentCheckpoint:
    """支付进度：某一时点的既定进度与实际支付."""

    label: str = _text("时点，如 上半年、全年", required=True)
    as_of: date | None = value(date)
    planned_rate: Decimal | None = _percent("既定支付进度（%）")
    paid: Decimal | None = _money("截至该时点已支付（万元）")


class Direction(StrEnum):
    AT_LEAST = "≥"
    AT_MOST = "≤"
    EQUAL = "="
    QUALITATIVE = "定性"


@frozen(slots=True, kw_only=True)
class PerformanceTarget:
    """绩效目标（指标）."""

    category: str = _text("一级分类，如 产出、效益、满意度", required=True)
    subcategory: str | None = _text("二级分类，如 数量指标")
    name: str = _text(required=True)
    unit: str | None = _text()
    direction: Direction = value(Direction, required=True)
    target: Decimal | str | None = value(Decimal, bounded=True, text_too=True)
    actual: Decimal | str | None = value(Decimal, bounded=True, text_too=True)
    note: str | None = _text("未达到目标值的原因或说明")
    done: str | None = _text("完成情况：采取的措施和取得的成效")


@frozen(slots=True, kw_only=True)
class KeyTask:
    """年度重点工作任务（职责履行）及其完成情况."""

    name: str = _text(required=True)
    description: str | None = _text()
    weight: Decimal | None = value(Decimal, "分值", ge=ZERO, bounded=True, ge_after_bound=True)
    completion: Decimal | None = _percent("完成程度（%）", le=100)
    on_time: bool | None = value(bool, "是否按时完成")
    quality_met: bool | None = value(bool, "质量是否达标")
    note: str | None = _text("未完成原因或说明")
    done: str | None = _text("主要工作及成效：做了什么、取得了什么成效（含数据）")


@frozen(slots=True, kw_only=True)
class ManagementItem:
    """管理评价清单中的一项（制度、合规、公开、资产等）."""

    key: str = _text(required=True)
    satisfied: bool | None = value(bool)
    evidence: str | None = _text()
    note: str | None = _text("不满足时的原因")


@frozen(slots=True, kw_only=True)
class Incident:
    """可扣分事项的次数，如 资金使用违规；0 表示经核实没有。"""

    kind: str = _text(required=True)
    count: int = _count(required=True)
    description: str | None = _text()


@frozen(slots=True, kw_only=True)
class SurveyGroup:
    """满意度调查的一个对象群体."""

    name: str = _text("调查对象", required=True)
    # which of the framework's respondent groups (服务对象, 社会公众 …) this row counts toward;
    # empty: the row's own name decides
    group: str | None = _text("计入类别")
    responses: int | None = _count("有效问卷数（份）")
    satisfied: int | None = _count("满意问卷数（份）")
    rate: Decimal | None = _percent("满意度（%）", le=100)


@frozen(slots=True, kw_only=True)
class SurveyDesign:
    """满意度调查是怎样开展的（方式、时间、样本、对象、反映的意见）."""

    method: str | None = _text("调查方式，如 电话访问、现场发放问卷、网络问卷")
    period: str | None = _text("调查时间")
    sample: str | None = _text("样本与抽样方法，如 随机抽取服务对象 20 人")
    respondents: str | None = _text("调查对象说明")
    feedback: str | None = _text("调查反映的主要意见和建议")


@frozen(slots=True, kw_only=True)
class EvaluationProcess:
    """自评工作是怎样组织的（谁、何时、用什么方法）."""

    team: str | None = _text("组织方式与参加人员，如 成立自评工作小组，由分管领导任组长")
    period: str | None = _text("自评工作时间")
    method: str | None = _text("评价方法，如 资料核查、数据比对、实地查看、问卷调查")


@frozen(slots=True, kw_only=True)
class ManualScore:
    """定性指标的人工评分及理由."""

    indicator: str = _text(required=True)
    score: Decimal = value(Decimal, ge=ZERO, bounded=True, required=True)
    reason: str | None = _text()


@frozen(slots=True, kw_only=True)
class OfficialCard:
    """公务卡结算."""

    rate: Decimal | None = _percent("公务卡刷卡率（%）", le=100)
    note: str | None = _text("公务卡结算说明")


@frozen(slots=True, kw_only=True)
class PriorYear:
    """上年决算数，用于同比."""

    revenue_total: Decimal | None = _money("上年收入合计（万元）")
    fiscal_appropriation: Decimal | None = _money("上年财政拨款收入（万元）")
    expenditure_total: Decimal | None = _money("上年支出合计（万元）")
    basic: Decimal | None = _money("上年基本支出（万元）")
    project: Decimal | None = _money("上年项目支出（万元）")
    assets_total: Decimal | None = _money("上年末资产总计（万元）")
    carryover: Decimal | None = _money("上年末结转结余（万元）")
    staff_authorized: int | None = _count("上年编制数（人）")
    staff_actual: int | None = _count("上年年末实有在职人数（人）")
    score: Decimal | None = value(Decimal, "上年自评总分", ge=ZERO, bounded=True, ge_after_bound=True)
    grade: str | None = _text("上年评价等级")
    # reasons for the year-on-year changes, one next to each figure
    revenue_reason: str | None = _text("收入合计与上年相比增减的原因")
    fiscal_appropriation_reason: str | None = _text("财政拨款收入与上年相比增减的原因")
    expenditure_reason: str | None = _text("支出合计与上年相比增减的原因")
    basic_reason: str | None = _text("基本支出与上年相比增减的原因")
    project_reason: str | None = _text("项目支出与上年相比增减的原因")
    assets_reason: str | None = _text("资产总计与上年相比增减的原因")
    carryover_reason: str | None = _text("年末结转结余与上年相比增减的原因")


@frozen(slots=True, kw_only=True)
class DepartmentYear:
    """One department's data for one evaluation year."""

    framework: str | None = _text("评价框架")
    finance_source: str | None = _text("收支数据来源")  # e.g. 《××局2024年度部门决算》
    profile: Profile = value(Profile, required=True)
    staffing: Staffing = part(Staffing)
    budget: Budget = part(Budget)
    revenue: Revenue = part(Revenue)
    expenditure: Expenditure = part(Expenditure)
    carryover: CarryOver = part(CarryOver)
    recovered_funds: RecoveredFunds = part(RecoveredFunds)
    three_public: ThreePublic = part(ThreePublic)
    public_funds: PublicFunds = part(PublicFunds)
    procurement: Procurement = part(Procurement)
    assets: Assets = part(Assets)
    payments: list[PaymentCheckpoint] = many(PaymentCheckpoint)
    targets: list[PerformanceTarget] = many(PerformanceTarget)
    key_tasks: list[KeyTask] = many(KeyTask)
    management: list[ManagementItem] = many(ManagementItem)
    incidents: list[Incident] = many(Incident)
    surveys: list[SurveyGroup] = many(SurveyGroup)
    survey: SurveyDesign = part(SurveyDesign, "满意度调查的开展方式")
    evaluation: EvaluationProcess = part(EvaluationProcess, "自评工作的组织")
    manual_scores: list[ManualScore] = many(ManualScore)
    official_card: OfficialCard = part(OfficialCard)
    prior: PriorYear = part(PriorYear)
