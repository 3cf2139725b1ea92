"""Pydantic model of one department-year (部门年度数据).

Conventions:
- Money is ``Decimal`` in 万元, exact; conversion from 元 happens once at intake.
- Rates and completions are ``Decimal`` percentages (98 means 98%).
- Every figure is optional: what a department does not state stays ``None`` and
  is reported as missing by the engine, never guessed.
- Invariants (parts add up to totals) are not enforced here but checked by
  :mod:`jixiao.model.invariants`, which returns findings with field paths.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from jixiao.safeio.numbers import number_problem

N = TypeVar("N", Decimal, int)


def _bounded(value: N) -> N:
    """Digits and magnitude within the limits (:mod:`jixiao.safeio.numbers`), whatever the source."""
    problem = number_problem(value)
    if problem is not None:
        raise PydanticCustomError("number_limit", problem.replace("{", "(").replace("}", ")"))
    return value


Bounded = AfterValidator(_bounded)
Number = Annotated[Decimal, Bounded]
Money = Annotated[Decimal, Field(ge=0, description="金额（万元）"), Bounded]
SignedMoney = Annotated[Decimal, Field(description="金额（万元），可为负"), Bounded]
Percent = Annotated[Decimal, Field(ge=0, description="百分比（98 表示 98%）"), Bounded]
Count = Annotated[int, Field(ge=0), Bounded]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Profile(_Model):
    """基本信息."""

    name: str = Field(description="部门（单位）名称")
    year: int = Field(ge=2000, le=2100, description="评价年度")
    region: str | None = Field(None, description="地区")
    finance_bureau: str | None = Field(None, description="主管财政部门")  # the bureau the report is sent to
    notice: str | None = Field(None, description="自评通知文号")  # this year's notice calling for the self-evaluation
    level: str | None = Field(None, description="预算级次")
    code: str | None = Field(None, description="预算编码")
    unit_type: str | None = Field(None, description="单位性质")
    functions: list[str] = Field(default_factory=list, description="主要职能")
    institution: str | None = Field(None, description="机构设置说明")
    internal_units: list[str] = Field(default_factory=list, description="内设机构")
    subordinate_units: list[str] = Field(default_factory=list, description="下属单位")
    work_summary: str | None = Field(None, description="年度总体工作情况")
    performance_goal: str | None = Field(None, description="部门整体支出绩效目标")
    preparer: str | None = Field(None, description="填报人")
    phone: str | None = Field(None, description="联系电话")
    report_date: date | None = Field(None, description="填报日期")


class Staffing(_Model):
    """人员编制."""

    authorized: Count | None = Field(None, description="编制数（人）")
    actual: Count | None = Field(None, description="年末实有在职人数（人）")
    retired: Count | None = Field(None, description="离退休人数（人）")
    note: str | None = Field(None, description="人员情况说明")


class Budget(_Model):
    """预算：年初预算、年中调整、上年结转；全年预算数未填时由三者相加得出。"""

    initial: Money | None = Field(None, description="年初预算数（万元）")
    adjustment: SignedMoney | None = Field(None, description="年中调整数（万元）")  # 追加为正，调减为负
    carried_over: Money | None = Field(None, description="上年结转（万元）")
    final: Money | None = Field(None, description="全年预算数（万元）")  # after the mid-year adjustment
    adjustment_reason: str | None = Field(None, description="年中调整预算的原因")
    execution_reason: str | None = Field(None, description="全年支出与预算存在差异（未执行完或超支）的原因")

    def final_amount(self) -> Decimal | None:
        """全年预算数: stated, or derived from its parts when all of them are stated."""
        if self.final is not None:
            return self.final
        if self.initial is None or self.adjustment is None or self.carried_over is None:
            return None
        return self.initial + self.adjustment + self.carried_over


class Revenue(_Model):
    """收入."""

    total: Money | None = Field(None, description="本年收入合计（万元）")
    fiscal_appropriation: Money | None = Field(None, description="财政拨款收入（万元）")
    other: Money | None = Field(None, description="其他收入（万元）")


class Project(_Model):
    """项目支出中的一个项目."""

    name: str
    budget: Money | None = Field(None, description="项目预算（万元）")
    actual: Money | None = Field(None, description="项目支出（万元）")
    key: bool = Field(False, description="是否重点项目")
    note: str | None = None


class Expenditure(_Model):
    """支出：基本支出 = 人员经费 + 公用经费；总支出 = 基本支出 + 项目支出。"""

    total: Money | None = Field(None, description="本年支出合计（万元）")
    basic: Money | None = Field(None, description="基本支出（万元）")
    personnel: Money | None = Field(None, description="人员经费（万元）")
    public: Money | None = Field(None, description="公用经费（万元）")
    project: Money | None = Field(None, description="项目支出（万元）")
    projects: list[Project] = Field(default_factory=list)


class CarryOver(_Model):
    """年末结转结余."""

    amount: Money | None = Field(None, description="年末结转结余（万元）")


class RecoveredFunds(_Model):
    """指标或资金被财政收回."""

    count: Count | None = Field(None, description="指标或资金被收回次数（次）")  # 0 when none
    amount: Money | None = Field(None, description="指标或资金被收回金额（万元）")


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


class ThreePublicItem(_Model):
    """“三公”经费的一个类别."""

    kind: ThreePublicKind
    budget: Money | None = Field(None, description="预算数（万元）")
    actual: Money | None = Field(None, description="实际支出（万元）")
    last_year_actual: Money | None = Field(None, description="上年实际支出（万元）")
    last_year_budget: Money | None = Field(None, description="上年预算数（万元）")
    in_budget_scope: bool = Field(True, description="是否纳入“三公”经费预算口径")


class ThreePublic(_Model):
    """“三公”经费. Stated totals are optional and checked against the items."""

    items: list[ThreePublicItem] = Field(default_factory=list)
    budget_total: Money | None = Field(None, description="预算合计（万元）")
    actual_total: Money | None = Field(None, description="实际支出合计（万元）")
    last_year_actual_total: Money | None = Field(None, description="上年实际支出合计（万元）")
    last_year_budget_total: Money | None = Field(None, description="上年预算合计（万元）")
    scope_note: str | None = Field(None, description="预算口径说明")
    change_reason: str | None = Field(None, description="“三公”经费与上年相比增减的原因")
    budget_reason: str | None = Field(None, description="“三公”经费实际支出与预算存在差异的原因")


class PublicFunds(_Model):
    """公用经费（日常公用经费）预算与执行."""

    budget: Money | None = Field(None, description="公用经费预算（万元）")
    actual: Money | None = Field(None, description="公用经费实际支出（万元）")


class Procurement(_Model):
    """政府采购."""

    budget: Money | None = Field(None, description="政府采购预算（万元）")
    actual: Money | None = Field(None, description="政府采购实际金额（万元）")
    goods: Money | None = Field(None, description="货物类（万元）")
    works: Money | None = Field(None, description="工程类（万元）")
    services: Money | None = Field(None, description="服务类（万元）")
    sme: Money | None = Field(None, description="授予中小企业合同金额（万元）")
    small_micro: Money | None = Field(None, description="授予小微企业合同金额（万元）")  # part of sme


class FixedAssetCategory(_Model):
    name: str
    count: Count | None = Field(None, description="数量（件）")
    amount: Money | None = Field(None, description="原值（万元）")
    in_use: Money | None = Field(None, description="在用资产原值（万元）")


class Assets(_Model):
    """资产."""

    total: Money | None = Field(None, description="资产总计（万元）")
    fixed_total: Money | None = Field(None, description="固定资产原值合计（万元）")
    fixed_in_use: Money | None = Field(None, description="在用固定资产原值（万元）")
    # used only when the original values are not given
    fixed_in_use_rate: Percent | None = Field(None, le=100, description="固定资产在用率（%）")
    fixed_assets: list[FixedAssetCategory] = Field(default_factory=list)


class PaymentCheckpoint(_Model):
    """支付进度：某一时点的既定进度与实际支付."""

    label: str = Field(description="时点，如 上半年、全年")
    as_of: date | None = None
    planned_rate: Percent | None = Field(None, description="既定支付进度（%）")
    paid: Money | None = Field(None, description="截至该时点已支付（万元）")


class Direction(StrEnum):
    AT_LEAST = "≥"
    AT_MOST = "≤"
    EQUAL = "="
    QUALITATIVE = "定性"


class PerformanceTarget(_Model):
    """绩效目标（指标）."""

    category: str = Field(description="一级分类，如 产出、效益、满意度")
    subcategory: str | None = Field(None, description="二级分类，如 数量指标")
    name: str
    unit: str | None = None
    direction: Direction
    target: Number | str | None = None
    actual: Number | str | None = None
    note: str | None = Field(None, description="未达到目标值的原因或说明")
    done: str | None = Field(None, description="完成情况：采取的措施和取得的成效")


class KeyTask(_Model):
    """年度重点工作任务（职责履行）及其完成情况."""

    name: str
    description: str | None = None
    weight: Number | None = Field(None, ge=0, description="分值")
    completion: Percent | None = Field(None, le=100, description="完成程度（%）")
    on_time: bool | None = Field(None, description="是否按时完成")
    quality_met: bool | None = Field(None, description="质量是否达标")
    note: str | None = Field(None, description="未完成原因或说明")
    done: str | None = Field(None, description="主要工作及成效：做了什么、取得了什么成效（含数据）")


class ManagementItem(_Model):
    """管理评价清单中的一项（制度、合规、公开、资产等）."""

    key: str
    satisfied: bool | None = None
    evidence: str | None = None
    note: str | None = Field(None, description="不满足时的原因")


class Incident(_Model):
    """可扣分事项的次数，如 资金使用违规；0 表示经核实没有。"""

    kind: str
    count: Count
    description: str | None = None


class SurveyGroup(_Model):
    """满意度调查的一个对象群体."""

    name: str = Field(description="调查对象")
    # which of the framework's respondent groups (服务对象, 社会公众 …) this row counts toward;
    # empty: the row's own name decides
    group: str | None = Field(None, description="计入类别")
    responses: Count | None = Field(None, description="有效问卷数（份）")
    satisfied: Count | None = Field(None, description="满意问卷数（份）")
    rate: Percent | None = Field(None, le=100, description="满意度（%）")


class SurveyDesign(_Model):
    """满意度调查是怎样开展的（方式、时间、样本、对象、反映的意见）."""

    method: str | None = Field(None, description="调查方式，如 电话访问、现场发放问卷、网络问卷")
    period: str | None = Field(None, description="调查时间")
    sample: str | None = Field(None, description="样本与抽样方法，如 随机抽取服务对象 20 人")
    respondents: str | None = Field(None, description="调查对象说明")
    feedback: str | None = Field(None, description="调查反映的主要意见和建议")


class EvaluationProcess(_Model):
    """自评工作是怎样组织的（谁、何时、用什么方法）."""

    team: str | None = Field(None, description="组织方式与参加人员，如 成立自评工作小组，由分管领导任组长")
    period: str | None = Field(None, description="自评工作时间")
    method: str | None = Field(None, description="评价方法，如 资料核查、数据比对、实地查看、问卷调查")


class ManualScore(_Model):
    """定性指标的人工评分及理由."""

    indicator: str
    score: Number = Field(ge=0)
    reason: str | None = None


class OfficialCard(_Model):
    """公务卡结算."""

    rate: Percent | None = Field(None, le=100, description="公务卡刷卡率（%）")
    note: str | None = Field(None, description="公务卡结算说明")


class PriorYear(_Model):
    """上年决算数，用于同比."""

    revenue_total: Money | None = Field(None, description="上年收入合计（万元）")
    fiscal_appropriation: Money | None = Field(None, description="上年财政拨款收入（万元）")
    expenditure_total: Money | None = Field(None, description="上年支出合计（万元）")
    basic: Money | None = Field(None, description="上年基本支出（万元）")
    project: Money | None = Field(None, description="上年项目支出（万元）")
    assets_total: Money | None = Field(None, description="上年末资产总计（万元）")
    carryover: Money | None = Field(None, description="上年末结转结余（万元）")
    staff_authorized: Count | None = Field(None, description="上年编制数（人）")
    staff_actual: Count | None = Field(None, description="上年年末实有在职人数（人）")
    score: Number | None = Field(None, ge=0, description="上年自评总分")
    grade: str | None = Field(None, description="上年评价等级")
    # reasons for the year-on-year changes, one next to each figure
    revenue_reason: str | None = Field(None, description="收入合计与上年相比增减的原因")
    fiscal_appropriation_reason: str | None = Field(None, description="财政拨款收入与上年相比增减的原因")
    expenditure_reason: str | None = Field(None, description="支出合计与上年相比增减的原因")
    basic_reason: str | None = Field(None, description="基本支出与上年相比增减的原因")
    project_reason: str | None = Field(None, description="项目支出与上年相比增减的原因")
    assets_reason: str | None = Field(None, description="资产总计与上年相比增减的原因")
    carryover_reason: str | None = Field(None, description="年末结转结余与上年相比增减的原因")


class DepartmentYear(_Model):
    """One department's data for one evaluation year."""

    framework: str | None = Field(None, description="评价框架")
    finance_source: str | None = Field(None, description="收支数据来源")  # e.g. 《××局2024年度部门决算》
    profile: Profile
    staffing: Staffing = Field(default_factory=Staffing)
    budget: Budget = Field(default_factory=Budget)
    revenue: Revenue = Field(default_factory=Revenue)
    expenditure: Expenditure = Field(default_factory=Expenditure)
    carryover: CarryOver = Field(default_factory=CarryOver)
    recovered_funds: RecoveredFunds = Field(default_factory=RecoveredFunds)
    three_public: ThreePublic = Field(default_factory=ThreePublic)
    public_funds: PublicFunds = Field(default_factory=PublicFunds)
    procurement: Procurement = Field(default_factory=Procurement)
    assets: Assets = Field(default_factory=Assets)
    payments: list[PaymentCheckpoint] = Field(default_factory=list)
    targets: list[PerformanceTarget] = Field(default_factory=list)
    key_tasks: list[KeyTask] = Field(default_factory=list)
    management: list[ManagementItem] = Field(default_factory=list)
    incidents: list[Incident] = Field(default_factory=list)
    surveys: list[SurveyGroup] = Field(default_factory=list)
    survey: SurveyDesign = Field(default_factory=SurveyDesign, description="满意度调查的开展方式")
    evaluation: EvaluationProcess = Field(default_factory=EvaluationProcess, description="自评工作的组织")
    manual_scores: list[ManualScore] = Field(default_factory=list)
    official_card: OfficialCard = Field(default_factory=OfficialCard)
    prior: PriorYear = Field(default_factory=PriorYear)
