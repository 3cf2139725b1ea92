"""The one declarative layout of the intake workbook, shared by writer and reader.

Every sheet, its Chinese name, where its header is, every column or row with
its header text, unit, model field and kind is declared here once. The writer
(:mod:`jixiao.intake.template`) lays the workbook out from it and the reader
(:mod:`jixiao.intake.workbook`) finds the same cells by their header text, so
the two cannot drift apart.

Two shapes of sheet exist:

- ``KeyValueSheet``: one row per field (项目 | 数值 | 说明), for scalar parts of
  the model such as 收支情况. Rows are found by their label, so reordering or
  inserting blank rows does no harm.
- ``TableSheet``: one row per list item (项目支出, 绩效目标, ...), with an
  optional preamble of key-value rows above the header and an optional 合计
  row that carries the stated totals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from jixiao.model.department import THREE_PUBLIC_LABELS, Direction
from jixiao.model.paths import describe_path


class Kind(StrEnum):
    MONEY = "money"  # Decimal >= 0, 万元 (a header may say 元 or 亿元 instead)
    SIGNED_MONEY = "signed_money"  # Decimal, may be negative, 万元
    PERCENT = "percent"  # Decimal in percent (98 means 98%); cells hold 0.98 formatted as %
    COUNT = "count"  # int >= 0
    DECIMAL = "decimal"  # Decimal >= 0 without a money unit (分值, 得分)
    TEXT = "text"
    LINES = "lines"  # list[str], one item per line of the cell
    DATE = "date"
    BOOL = "bool"  # 是/否
    CHOICE = "choice"  # one of ``choices`` (label shown, value stored)
    VALUE = "value"  # number or text (目标值、实际值)
    REFERENCE = "reference"  # shown for the user's information, never read back


DEFAULT_UNITS = {Kind.MONEY: "万元", Kind.SIGNED_MONEY: "万元", Kind.PERCENT: "%"}

MONEY_KINDS = frozenset({Kind.MONEY, Kind.SIGNED_MONEY})
NUMBER_KINDS = frozenset({Kind.MONEY, Kind.SIGNED_MONEY, Kind.PERCENT, Kind.COUNT, Kind.DECIMAL})


@dataclass(frozen=True)
class Field:
    """One input: a key-value row or a table column."""

    label: str
    path: str  # key-value sheets: dotted model path; tables: the row's field name
    kind: Kind
    unit: str | None = None
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()  # (label shown, model value)
    width: int = 14
    help: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def shown_unit(self) -> str | None:
        return self.unit or DEFAULT_UNITS.get(self.kind)

    @property
    def header(self) -> str:
        """The header text the writer uses: label, unit in full-width brackets, * when required."""
        unit = self.shown_unit
        text = f"{self.label}（{unit}）" if unit else self.label
        return text + ("*" if self.required else "")

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)

    def choice_value(self, label: str) -> str | None:
        for shown, value in self.choices:
            if label in (shown, value):
                return value
        return None

    def choice_label(self, value: str) -> str:
        for shown, v in self.choices:
            if v == value:
                return shown
        return value


def model_field(path: str, kind: Kind, **options: Any) -> Field:
    """A key-value row named as the model names the field (its description), the one place a
    field's label is written; ``aliases`` keep workbooks made with an older label readable."""
    label, _ = describe_path(path)
    return Field(label, path, kind, **options)


@dataclass(frozen=True)
class SumCheck:
    """A computed row of a key-value sheet: the sum of parts, shown next to the stated total."""

    label: str
    parts: tuple[str, ...]  # model paths of the parts
    total: str  # model path of the stated total


@dataclass(frozen=True)
class KeyValueSheet:
    name: str
    title: str
    fields: tuple[Field, ...]
    checks: tuple[SumCheck, ...] = ()
    intro: str = ""


@dataclass(frozen=True)
class Ratio:
    """A computed column of a table sheet: numerator ÷ denominator as a percentage."""

    label: str
    numerator: str
    denominator: str


@dataclass(frozen=True)
class Variant:
    """Where rows of a table go. ``mapping`` is column field -> model field of the item.

    Most tables have one variant; 管理评价 has one per 类型, chosen by the
    ``TableSheet.variant_column``.
    """

    path: str
    mapping: tuple[tuple[str, str], ...]
    label: str | None = None


@dataclass(frozen=True)
class TableSheet:
    name: str
    title: str
    columns: tuple[Field, ...]
    variants: tuple[Variant, ...]
    key: tuple[str, ...]  # column fields that identify a row (duplicate check)
    preamble: tuple[Field, ...] = ()
    total_label: str | None = None  # label in the first column of the 合计 row
    totals: tuple[tuple[str, str], ...] = ()  # column field -> model path, for the 合计 row
    ratios: tuple[Ratio, ...] = ()
    variant_column: str | None = None
    placeholders: bool = False  # rows holding only key and reference cells are unfilled, not items
    requires: tuple[tuple[str, str, tuple[str, ...]], ...] = ()  # (column, unless column, unless values)
    blank_rows: int = 20
    intro: str = ""

    def column(self, name: str) -> Field:
        for c in self.columns:
            if c.path == name:
                return c
        raise KeyError(name)

    def variant_for(self, label: str | None) -> Variant | None:
        if self.variant_column is None:
            return self.variants[0]
        for v in self.variants:
            if v.label == label:
                return v
        return None


Sheet = KeyValueSheet | TableSheet

YES_NO = (("是", "true"), ("否", "false"))
THREE_PUBLIC_CHOICES = tuple((label, kind.value) for kind, label in THREE_PUBLIC_LABELS.items())
DIRECTION_CHOICES = tuple((d.value, d.value) for d in Direction)

INSTRUCTIONS = "说明"

_BASIC = KeyValueSheet(
    name="基本信息",
    title="部门（单位）基本信息",
    intro="部门名称和评价年度必填；主要职能、内设机构、下属单位每行填写一项（单元格内按 Alt+Enter 换行）。",
    fields=(
        model_field("profile.name", Kind.TEXT, required=True, aliases=("部门名称", "单位名称")),
        model_field("profile.year", Kind.COUNT, unit="年", required=True, help="如 2023"),
        model_field("framework", Kind.TEXT, help="评分框架 ID，如 chongqing-district-2020；可用 jixiao frameworks list 查看"),
        model_field("profile.region", Kind.TEXT, help="如 广东省韶关市"),
        model_field("profile.finance_bureau", Kind.TEXT, help="报告所称“按照……的要求”的财政部门，如 韶关市财政局"),
        model_field("profile.notice", Kind.TEXT, help="本年度开展绩效自评的通知文号，如 韶财绩〔2023〕5号"),
        model_field("profile.level", Kind.TEXT, help="如 市级、区级"),
        model_field("profile.code", Kind.TEXT),
        model_field("profile.unit_type", Kind.TEXT, help="如 行政单位、参照公务员法管理事业单位"),
        model_field("profile.functions", Kind.LINES, help="每行一项"),
        model_field("profile.institution", Kind.TEXT),
        model_field("profile.internal_units", Kind.LINES, help="每行一个"),
        model_field("profile.subordinate_units", Kind.LINES, help="每行一个"),
        model_field("profile.work_summary", Kind.TEXT),
        model_field("profile.performance_goal", Kind.TEXT),
        model_field("profile.preparer", Kind.TEXT),
        model_field("profile.phone", Kind.TEXT),
        model_field("profile.report_date", Kind.DATE, help="如 2023-03-17"),
        model_field("finance_source", Kind.TEXT, help="如《××局2024年度部门决算》；jixiao import-final 会自动填写"),
    ),
)

_STAFF = KeyValueSheet(
    name="人员编制",
    title="人员编制情况",
    fields=(
        model_field("staffing.authorized", Kind.COUNT, unit="人"),
        model_field("staffing.actual", Kind.COUNT, unit="人"),
        model_field("staffing.retired", Kind.COUNT, unit="人"),
        model_field("staffing.note", Kind.TEXT),
    ),
)

_FINANCE = KeyValueSheet(
    name="收支情况",
    title="预算、收入、支出与结转结余",
    intro="金额单位为万元；如按元填写，请把该行项目名称中的（万元）改为（元），读取时会换算。年中调减填负数。",
    fields=(
        model_field("budget.initial", Kind.MONEY),
        model_field("budget.adjustment", Kind.SIGNED_MONEY, help="追加为正，调减为负"),
        model_field("budget.carried_over", Kind.MONEY),
        model_field("budget.final", Kind.MONEY, help="调整后预算；不填时由前三项相加得出"),
        model_field("revenue.total", Kind.MONEY),
        model_field("revenue.fiscal_appropriation", Kind.MONEY),
        model_field("revenue.other", Kind.MONEY),
        model_field("expenditure.total", Kind.MONEY),
        model_field("expenditure.basic", Kind.MONEY),
        model_field("expenditure.personnel", Kind.MONEY),
        model_field("expenditure.public", Kind.MONEY, aliases=("公用经费支出",)),
        model_field("expenditure.project", Kind.MONEY),
        model_field("carryover.amount", Kind.MONEY),
        model_field("recovered_funds.count", Kind.COUNT, unit="次", help="没有发生请填 0"),
        model_field("recovered_funds.amount", Kind.MONEY),
    ),
    checks=(
        SumCheck("核对：年初预算 + 调整 + 上年结转", ("budget.initial", "budget.adjustment", "budget.carried_over"), "budget.final"),
        SumCheck("核对：财政拨款收入 + 其他收入", ("revenue.fiscal_appropriation", "revenue.other"), "revenue.total"),
        SumCheck("核对：基本支出 + 项目支出", ("expenditure.basic", "expenditure.project"), "expenditure.total"),
        SumCheck("核对：人员经费 + 公用经费支出", ("expenditure.personnel", "expenditure.public"), "expenditure.basic"),
    ),
)

_PROJECTS = TableSheet(
    name="项目支出",
    title="项目支出明细",
    intro="每个项目一行；项目支出合计请在“收支情况”表填写。",
    columns=(
        Field("项目名称", "name", Kind.TEXT, required=True, width=36),
        Field("项目预算", "budget", Kind.MONEY),
        Field("项目支出", "actual", Kind.MONEY, aliases=("实际支出",)),
        Field("是否重点项目", "key", Kind.BOOL, choices=YES_NO),
        Field("说明", "note", Kind.TEXT, width=30),
    ),
    variants=(Variant("expenditure.projects", (("name", "name"), ("budget", "budget"), ("actual", "actual"), ("key", "key"), ("note", "note"))),),
    key=("name",),
    ratios=(Ratio("执行率（核对）", "actual", "budget"),),
)

_THREE_PUBLIC = TableSheet(
    name="“三公”经费",
    title="“三公”经费",
    intro="每个类别一行，类别从下拉列表选择；“合计”行填写决算报表中的合计数，用于核对。",
    preamble=(model_field("three_public.scope_note", Kind.TEXT),),
    columns=(
        Field("类别", "kind", Kind.CHOICE, required=True, choices=THREE_PUBLIC_CHOICES, width=24),
        Field("预算数", "budget", Kind.MONEY),
        Field("实际支出", "actual", Kind.MONEY),
        Field("上年实际支出", "last_year_actual", Kind.MONEY),
        Field("上年预算数", "last_year_budget", Kind.MONEY),
        Field("是否纳入预算口径", "in_budget_scope", Kind.BOOL, choices=YES_NO, width=18, help="不填视为“是”"),
    ),
    variants=(
        Variant(
            "three_public.items",
            (
                ("kind", "kind"),
                ("budget", "budget"),
                ("actual", "actual"),
                ("last_year_actual", "last_year_actual"),
                ("last_year_budget", "last_year_budget"),
                ("in_budget_scope", "in_budget_scope"),
            ),
        ),
    ),
    key=("kind",),
    total_label="合计",
    totals=(
        ("budget", "three_public.budget_total"),
        ("actual", "three_public.actual_total"),
        ("last_year_actual", "three_public.last_year_actual_total"),
        ("last_year_budget", "three_public.last_year_budget_total"),
    ),
)

_PUBLIC = KeyValueSheet(
    name="公用经费",
    title="公用经费与公务卡结算",
    fields=(
        model_field("public_funds.budget", Kind.MONEY),
        model_field("public_funds.actual", Kind.MONEY),
        model_field("official_card.rate", Kind.PERCENT),
        model_field("official_card.note", Kind.TEXT),
    ),
)

_PROCUREMENT = KeyValueSheet(
    name="政府采购",
    title="政府采购",
    fields=(
        model_field("procurement.budget", Kind.MONEY),
        model_field("procurement.actual", Kind.MONEY),
        model_field("procurement.goods", Kind.MONEY),
        model_field("procurement.works", Kind.MONEY),
        model_field("procurement.services", Kind.MONEY),
        model_field("procurement.sme", Kind.MONEY),
        model_field("procurement.small_micro", Kind.MONEY, aliases=("其中授予小微企业合同金额",)),
    ),
    checks=(
        SumCheck("核对：货物 + 工程 + 服务", ("procurement.goods", "procurement.works", "procurement.services"), "procurement.actual"),
    ),
)

_ASSETS = TableSheet(
    name="资产",
    title="资产与固定资产",
    intro="固定资产按类别每类一行；“合计”行填写固定资产原值合计和在用合计。未提供原值时可只填在用率。",
    preamble=(
        model_field("assets.total", Kind.MONEY),
        model_field("assets.fixed_in_use_rate", Kind.PERCENT, help="仅在未提供原值时使用"),
    ),
    columns=(
        Field("资产类别", "name", Kind.TEXT, required=True, width=24),
        Field("数量", "count", Kind.COUNT, unit="项"),
        Field("原值", "amount", Kind.MONEY),
        Field("在用资产原值", "in_use", Kind.MONEY),
    ),
    variants=(Variant("assets.fixed_assets", (("name", "name"), ("count", "count"), ("amount", "amount"), ("in_use", "in_use"))),),
    key=("name",),
    total_label="合计",
    totals=(("amount", "assets.fixed_total"), ("in_use", "assets.fixed_in_use")),
    ratios=(Ratio("在用率（核对）", "in_use", "amount"),),
)

_PAYMENTS = TableSheet(
    name="支付进度",
    title="支付进度",
    intro="每个时点一行，时点名称如 上半年、前三季度、全年。",
    columns=(
        Field("时点", "label", Kind.TEXT, required=True),
        Field("截至日期", "as_of", Kind.DATE),
        Field("既定支付进度", "planned_rate", Kind.PERCENT),
        Field("截至该时点已支付", "paid", Kind.MONEY, width=18),
    ),
    variants=(Variant("payments", (("label", "label"), ("as_of", "as_of"), ("planned_rate", "planned_rate"), ("paid", "paid"))),),
    key=("label",),
)

_TARGETS = TableSheet(
    name="绩效目标",
    title="部门整体绩效目标",
    intro="每个指标一行；指标方向从下拉列表选择（≥、≤、=、定性）；定量指标必须填写计量单位。",
    columns=(
        Field("一级指标", "category", Kind.TEXT, required=True, help="如 产出、效益、满意度"),
        Field("二级指标", "subcategory", Kind.TEXT, help="如 数量指标"),
        Field("三级指标", "name", Kind.TEXT, required=True, width=30),
        Field("指标方向", "direction", Kind.CHOICE, required=True, choices=DIRECTION_CHOICES, width=10,
              help="≥、≤、= 或 定性"),
        Field("计量单位", "unit", Kind.TEXT, width=10, help="定量指标必填，如 %、个、万元、天"),
        Field("目标值", "target", Kind.VALUE),
        Field("实际完成值", "actual", Kind.VALUE),
        Field("偏差原因或说明", "note", Kind.TEXT, width=30),
        Field("完成情况说明", "done", Kind.TEXT, width=40, help="采取的措施和取得的成效"),
    ),
    variants=(
        Variant(
            "targets",
            tuple((n, n) for n in ("category", "subcategory", "name", "direction", "unit", "target", "actual", "note",
                                   "done")),
        ),
    ),
    key=("category", "subcategory", "name"),
    requires=(("unit", "direction", ("定性",)),),
)

_TASKS = TableSheet(
    name="重点任务",
    title="年度重点工作任务完成情况",
    columns=(
        Field("任务名称", "name", Kind.TEXT, required=True, width=36),
        Field("任务内容", "description", Kind.TEXT, width=30),
        Field("分值", "weight", Kind.DECIMAL, unit="分"),
        Field("完成程度", "completion", Kind.PERCENT),
        Field("是否按时完成", "on_time", Kind.BOOL, choices=YES_NO),
        Field("质量是否达标", "quality_met", Kind.BOOL, choices=YES_NO),
        Field("未完成原因或说明", "note", Kind.TEXT, width=30),
        Field("主要工作及成效", "done", Kind.TEXT, width=50, help="做了什么、取得了什么成效（含数据），写入报告"),
    ),
    variants=(
        Variant(
            "key_tasks",
            tuple((n, n) for n in ("name", "description", "weight", "completion", "on_time", "quality_met", "note",
                                   "done")),
        ),
    ),
    key=("name",),
)

MANAGEMENT_KINDS = (("清单事项", "checklist"), ("扣分事项", "incident"), ("人工评分", "manual"))

_MANAGEMENT = TableSheet(
    name="管理评价",
    title="管理评价、扣分事项与定性指标人工评分",
    intro=(
        "清单事项填“是否满足”（不满足写明原因）；扣分事项填发生次数（没有发生填 0）；"
        "定性指标填人工评分并写明理由。灰色列为框架给出的说明，无需填写。"
    ),
    columns=(
        Field("类型", "type", Kind.CHOICE, required=True, choices=MANAGEMENT_KINDS, width=10),
        Field("代码", "key", Kind.TEXT, required=True, width=26),
        Field("事项或指标", "name", Kind.REFERENCE, width=34),
        Field("所属指标", "indicator", Kind.REFERENCE, width=18),
        Field("分值", "points", Kind.REFERENCE, unit="分", width=8),
        Field("是否满足", "satisfied", Kind.BOOL, choices=YES_NO, width=10),
        Field("发生次数", "count", Kind.COUNT, unit="次", width=10),
        Field("人工评分", "score", Kind.DECIMAL, unit="分", width=10),
        Field("依据或理由", "basis", Kind.TEXT, width=40),
        Field("不满足原因", "note", Kind.TEXT, width=30),
    ),
    variant_column="type",
    variants=(
        Variant("management", (("key", "key"), ("satisfied", "satisfied"), ("basis", "evidence"), ("note", "note")), "清单事项"),
        Variant("incidents", (("key", "kind"), ("count", "count"), ("basis", "description")), "扣分事项"),
        Variant("manual_scores", (("key", "indicator"), ("score", "score"), ("basis", "reason")), "人工评分"),
    ),
    key=("type", "key"),
    placeholders=True,
    blank_rows=30,
)

_SURVEYS = TableSheet(
    name="满意度调查",
    title="满意度调查",
    intro="每个调查对象一行；可填问卷数和满意人数，或直接填满意度。调查是怎样开展的，填在“自评组织”表。",
    columns=(
        Field("调查对象", "name", Kind.TEXT, required=True, width=20, help="如 服务对象、社会公众、企业、办事群众"),
        Field("有效问卷数", "responses", Kind.COUNT, unit="份"),
        Field("满意人数", "satisfied", Kind.COUNT, unit="人"),
        Field("满意度", "rate", Kind.PERCENT),
        Field("计入类别", "group", Kind.TEXT, width=14,
              help="评价框架区分服务对象与社会公众时，本行计入哪一类；留空则按调查对象名称对应"),
    ),
    variants=(Variant("surveys", (("name", "name"), ("group", "group"), ("responses", "responses"),
                                  ("satisfied", "satisfied"), ("rate", "rate"))),),
    key=("name",),
    ratios=(Ratio("满意人数 ÷ 问卷数（核对）", "satisfied", "responses"),),
)

_PRIOR = KeyValueSheet(
    name="上年数据",
    title="上年决算数（用于同比）",
    fields=(
        model_field("prior.revenue_total", Kind.MONEY),
        model_field("prior.fiscal_appropriation", Kind.MONEY),
        model_field("prior.expenditure_total", Kind.MONEY),
        model_field("prior.basic", Kind.MONEY),
        model_field("prior.project", Kind.MONEY),
        model_field("prior.assets_total", Kind.MONEY, aliases=("上年资产总计",)),
        model_field("prior.carryover", Kind.MONEY, aliases=("上年年末结转结余",)),
        model_field("prior.staff_authorized", Kind.COUNT, unit="人"),
        model_field("prior.staff_actual", Kind.COUNT, unit="人", aliases=("上年年末在职人数",)),
        model_field("prior.score", Kind.DECIMAL, unit="分"),
        model_field("prior.grade", Kind.TEXT),
    ),
)

_REASONS = KeyValueSheet(
    name="变动原因",
    title="预算调整、执行差异和同比变动的原因",
    intro=("每一行说明一个数字变动的原因（均可不填）；填写后报告在该数字旁写明原因，不填则只写数字和变动幅度。"
           "例如：压减一般性支出；上年一次性支付的项目本年不再发生。"),
    fields=(
        Field("年中调整原因", "budget.adjustment_reason", Kind.TEXT, help="说明“收支情况”表的年中调整数"),
        Field("支出与预算差异原因", "budget.execution_reason", Kind.TEXT, help="全年预算未执行完或超支的原因"),
        Field("收入增减原因", "prior.revenue_reason", Kind.TEXT, help="本年收入合计与上年相比"),
        Field("财政拨款收入增减原因", "prior.fiscal_appropriation_reason", Kind.TEXT, help="与上年相比"),
        Field("支出增减原因", "prior.expenditure_reason", Kind.TEXT, help="本年支出合计与上年相比"),
        Field("基本支出增减原因", "prior.basic_reason", Kind.TEXT, help="与上年相比"),
        Field("项目支出增减原因", "prior.project_reason", Kind.TEXT, help="与上年相比"),
        Field("资产增减原因", "prior.assets_reason", Kind.TEXT, help="资产总计与上年相比"),
        Field("结转结余增减原因", "prior.carryover_reason", Kind.TEXT, help="年末结转结余与上年相比"),
        Field("“三公”经费增减原因", "three_public.change_reason", Kind.TEXT, help="实际支出与上年相比"),
        Field("“三公”经费与预算差异原因", "three_public.budget_reason", Kind.TEXT, help="实际支出与预算相比"),
    ),
)

_EVALUATION = KeyValueSheet(
    name="自评组织",
    title="自评工作的组织与满意度调查的开展",
    intro="写明自评工作由谁组织、何时开展、用什么方法，满意度调查怎样开展（均可不填；填写后写入报告）。",
    fields=(
        Field("组织方式与参加人员", "evaluation.team", Kind.TEXT, help="如 成立自评工作小组，分管领导任组长"),
        Field("自评工作时间", "evaluation.period", Kind.TEXT, help="如 2021年2月1日至2月20日"),
        Field("评价方法", "evaluation.method", Kind.TEXT, help="如 资料核查、数据比对、问卷调查"),
        Field("满意度调查方式", "survey.method", Kind.TEXT, help="如 电话访问、现场发放问卷"),
        Field("满意度调查时间", "survey.period", Kind.TEXT),
        Field("样本与抽样", "survey.sample", Kind.TEXT, help="如 随机抽取服务对象 20 人"),
        Field("调查对象说明", "survey.respondents", Kind.TEXT),
        Field("调查反映的主要意见和建议", "survey.feedback", Kind.TEXT),
    ),
)

SHEETS: tuple[Sheet, ...] = (
    _BASIC,
    _STAFF,
    _FINANCE,
    _PROJECTS,
    _THREE_PUBLIC,
    _PUBLIC,
    _PROCUREMENT,
    _ASSETS,
    _PAYMENTS,
    _TARGETS,
    _TASKS,
    _MANAGEMENT,
    _SURVEYS,
    _PRIOR,
    _REASONS,
    _EVALUATION,
)

# Layout constants shared by writer and reader.
TITLE_ROW = 1
INTRO_ROW = 2
KV_HEADER = ("项目", "数值", "说明")
KV_HEADER_ROW = 3


@dataclass(frozen=True)
class Place:
    """Where a table sheet's parts sit in a freshly written workbook."""

    preamble_rows: dict[str, int] = field(default_factory=dict)
    header_row: int = 0


def table_place(sheet: TableSheet) -> Place:
    """Preamble rows (label | value) follow the intro row; the header comes after a blank row."""
    rows = {f.path: INTRO_ROW + 1 + i for i, f in enumerate(sheet.preamble)}
    header = INTRO_ROW + 1 + len(sheet.preamble) + (1 if sheet.preamble else 0)
    return Place(rows, header)


def sheet_by_name(name: str) -> Sheet:
    for s in SHEETS:
        if s.name == name:
            return s
    raise KeyError(name)
