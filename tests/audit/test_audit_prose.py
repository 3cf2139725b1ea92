"""Prose structure on short texts in our own words, each modelled on a layout met in the labelled corpus:
which figure a change, a share or a chain refers to, where a list or a paragraph ends, and how sure a
finding is. Every expectation was computed by hand."""

from __future__ import annotations

import pytest

from jixiao.audit import audit_text
from jixiao.audit.documents import document_from_text


def found(text: str) -> list[tuple[str, str, str, str]]:
    return [(f.rule, f.severity, f.stated, f.expected) for f in audit_text(text).findings]


def checked(text: str, rule: str) -> list[tuple[str, tuple[str, ...]]]:
    """The relations of ``rule`` the auditor traced: (stated, operands)."""
    return [(f"{r.stated}", tuple(f"{o}" for o in r.operands)) for r in audit_text(text).relations if r.rule == rule]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the last-year amount stands before the change: a 其中 part after the rate is not last year's
        # (9.0% is read from 111.11 and nothing else; before, 109.91 was taken for last year: 1.09%)
        ("2022年本级收入完成111.11万元，比上年增长9.0%，其中税收收入109.91万元，增长14.5%；非税收入1.2万元。", []),
        ("车辆费用1618万元，比上年下降1.2%，其中：购置费414万元，比上年增长7.5%；运行费1204万元，比上年下降3.9%。", []),
        # ... and a last-year amount written before the change is still read
        ("接待费支出124万元，比上年累计支出148万元下降24万元，下降19%。", [("yoy", "错误", "19%", "16.22%")]),
        # a tiny derived base: 22.59 − 20.63 = 1.96; 1,055.4% is reached within the amounts' rounding
        ("接待费支出决算为22.59万元，较上年决算数增加20.63万元，增长1,055.4%。", []),
        # ... but not 1,100.0%
        ("接待费支出决算为22.59万元，较上年决算数增加20.63万元，增长1,100.0%。", [("yoy", "错误", "1,100.0%", "1052.55%")]),
        # a percentage run on into the next item's name (separator lost): the change belongs to the new item
        ("其中：购置支出22万元，比上年减支14万元，降低38.89%，为年初预算数22万元的100%运行维护费支出937万元，"
         "比上年减支18万元，下降1.88%。", []),
        # a share named after a part the text does not state ("税收占比") is not the share of the amount before
        ("全年一般公共预算收入完成40.5亿元，同口径增长11.9%，税收占比94%。以全年一般公共预算收入为基础，"
         "加上转移支付收入32.5亿元、调入资金28.0亿元，收入总计101.0亿元。", []),
        # a share in a 其中 sentence is of the total that sentence breaks down
        ("全年收入633.8亿元，增长6.3%。其中，税收收入515.4亿元，增长2%，税收占比81.3%。", []),
        ("全年收入633.8亿元，增长6.3%。其中，税收收入515.4亿元，增长2%，税收占比83.1%。",
         [("share", "错误", "83.1%", "81.32%")]),
        # a chain opening a sentence adds to the head of the sentence before the 其中 sentence;
        # "减" subtracts; "预算总收入" closes it (633.8 + 116.3 + 57.5 + 18.3 − 8 − 13.7 = 804.2)
        ("全年收入633.8亿元，增长6.3%。其中，税收收入515.4亿元。加上级转移支付等收入116.3亿元，上年结余57.5亿元，"
         "一般债务18.3亿元，减调出资金8亿元，减债务还本支出13.7亿元，预算总收入804.2亿元。", []),
        ("全年收入633.8亿元，增长6.3%。其中，税收收入515.4亿元。加上级转移支付等收入116.3亿元，上年结余75.5亿元，"
         "一般债务18.3亿元，减调出资金8亿元，减债务还本支出13.7亿元，预算总收入804.2亿元。",
         [("sum", "错误", "804.2亿元", "822.20亿元")]),
        # changes of the items add up to the total's change, each with its direction (−1122 + 816 − 125 − 2 = −433)
        ("全州经费共支出4,855万元，比上年减支433万元。其中：购置支出470万元，比上年减支1122万元；"
         "运行维护费支出3758万元，比上年增支816万元；接待费支出627万元，比上年减支125万元；出国费支出0万元，比上年减支2万元。", []),
        ("全州经费共支出4,855万元，比上年减支433万元。其中：购置支出470万元，比上年减支1122万元；"
         "运行维护费支出3758万元，比上年增支816万元；接待费支出627万元，比上年减支125万元；出国费支出0万元，比上年减支20万元。",
         [("sum", "错误", "433万元", "451.00万元")]),
        # a stated total change in the wrong direction: the items net a decrease of 0.8
        ("经费决算20.2万元，与上年决算相比增加0.8万元。其中：出国费7.8万元，比上年减少1.3万元；"
         "车辆费11.9万元，比上年减少0万元；接待费0.5万元，比上年增加0.5万元。", [("sum", "错误", "0.8万元", "减少0.80万元")]),
        # the total clause goes on past "；" when what follows is about the same subject
        ("经费支出决算数为62.07万元，完成全年预算84.82万元的73.2%；与上年决算数相比增加38.97万元。"
         "其中：出国费支出决算为12.02万元，较上年决算数增加12.02万元；车辆费支出决算为27.46万元，较上年决算数增加6.32万元；"
         "接待费支出决算为22.59万元，较上年决算数增加20.36万元。", [("sum", "错误", "38.97万元", "38.70万元")]),
        # an item that states no change leaves the sum of changes uncertain: a 提示
        ("经费决算支出1165.08万元，同比减少63.96万元。其中：出国费0万元，购置费204.78万元，同比减少54.2万元；"
         "运行维护费664.60万元，同比增加53.81万元；接待费295.70万元，同比减少60.14万元。",
         [("sum", "提示", "63.96万元", "60.53万元")]),
        # a sentence that states only changes: the 其中 items' changes add up to each of them
        ("经费较上年减少2.97万元，较年初预算数减少0.36万元。主要是压减开支。其中：无出国费；"
         "车辆费较上年减少1.33万元，较年初预算数减少0.07万元；接待费较上年减少1.64万元，较年初预算数减少0.39万元。",
         [("sum", "错误", "0.36万元", "0.46万元")]),
        # a bracket after a change breaks down the clause's amount and, item by item, its change
        ("车辆费585.53万元，同比减少144.92万元（购置费0万元，同比减少0万元；运行维护费585.53万元，同比减少0万元）。",
         [("sum", "错误", "144.92万元", "0.00万元")]),
        ("车辆费585.53万元，同比减少144.92万元（购置费0万元，同比减少0万元；运行维护费585.53万元，同比减少144.92万元）。", []),
        # an item equal to the total is a part when it names another thing (the only nonzero category)
        ("经费支出合计585.53万元。其中：出国费0万元，车辆费585.53万元，接待费0.11万元。",
         [("sum", "提示", "585.53万元", "585.64万元")]),
        # shares that name no whole are of the total their parts make up: the actual spending stated before
        # (62.07 = 12.02 + 27.46 + 22.59), not the budget (84.82); confirmed by the other shares: an 错误
        ("经费支出决算数为62.07万元，完成全年预算84.82万元的73.2%。\n在本年度经费支出决算中，出国费12.02万元，占19.4%；"
         "车辆费27.46万元，占44.2%；接待费22.59万元，占26.6%。", [("share", "错误", "26.6%", "36.39%")]),
        # ... no other share confirms the denominator: a 提示 that names it
        ("经费支出决算数为62.07万元，完成全年预算84.82万元的73.2%。\n在本年度经费支出决算中，出国费12.02万元，占14.2%；"
         "车辆费27.46万元，占32.4%；接待费22.59万元，占26.6%。",
         [("share", "提示", "14.2%", "19.37%"), ("share", "提示", "32.4%", "44.24%"), ("share", "提示", "26.6%", "36.39%")]),
        # a 其中 list of one item closed by a full stop goes on with the sentences after it
        ("经费决算支出1165.08万元。其中:出国费0万元。购置费204.78万元,同比减少54.2万元;运行维护费664.60万元,"
         "同比增加53.81万元。接待费395.70万元,同比减少60.14万元。", [("sum", "错误", "1165.08万元", "1265.08万元")]),
        # 收支相抵: the balance is the income total less the spending total stated before it
        ("全区基金收入0万元，加上年结余收入39930万元，上级补助收入113566万元，收入合计153496万元。\n"
         "全区基金支出83173万元，调出资金18300万元，支出合计101473万元。\n以上收支相抵，年终结余50023万元。",
         [("sum", "错误", "50023万元", "52023.00万元")]),
        # ... without totals, every amount that says it is income or spending: only a 提示
        ("国有资本经营收入1493万元，上级补助收入44万元，上年结余140万元，国有资本经营支出1459万元。\n"
         "以上收支相抵，年终结余228万元，全部结转下年使用。", [("sum", "提示", "228万元", "218.00万元")]),
        ("国有资本经营收入1493万元，上级补助收入44万元，上年结余140万元，国有资本经营支出1459万元。\n"
         "以上收支相抵，年终结余218万元，全部结转下年使用。", []),
        # 预决算差异率 = (决算 − 预算) ÷ 预算; a truncated rate is a 提示 naming the rounding
        ("支出合计预算数1691.24万元，决算数1645.14万元，预决算差异率-2.72%。", [("rate", "提示", "-2.72%", "-2.73%")]),
        ("支出合计预算数1691.24万元，决算数1645.14万元，预决算差异率-2.73%。", []),
        ("支出合计预算数1691.24万元，决算数1645.14万元，预决算差异率2.73%。", []),
        ("支出合计预算数1691.24万元，决算数1645.14万元，预决算差异率-3.73%。", [("rate", "错误", "-3.73%", "-2.73%")]),
        # "X，由A，加B……构成" (a total that lost its leading digit: ",867.48" is read as written)
        ("支出总计,867.48万元，由一般公共预算支出1,867.48万元，加上解支出、结转下年等0万元等构成。",
         [("sum", "错误", "867.48万元", "1867.48万元")]),
        ("财力1,867.48万元，由一般公共预算收入111.11万元，加上级补助收入、上年结余等1,756.37万元构成。", []),
        # counted names in a bracket after the noun (和/及 join the last name; a name may hold 和)
        ("本单位共有10个机构，其中3个行政部门（人大、政府和党委）和7个事业单位（农业中心、文化中心、"
         "劳动就业和社会保障所、执法大队、产业中心、建设中心及服务站）组成。", []),
        ("本单位共有10个机构，其中4个行政部门（人大、政府和党委）和6个事业单位（农业中心、文化中心、"
         "执法大队、产业中心、建设中心及服务站）组成。", [("count", "提示", "4个", "列出3个")]),
        # categories in the sentences after the total, with no 其中: recognised by their amounts
        # (1502.58 + 142.56 = 1645.14), their changes then add up to the total's (198.79 + 10.72 ≠ 219.51)
        ("全市经费共支出1645.14万元，比上年减支219.51万元。车辆费支出1502.58万元，比上年减支198.79万元。"
         "接待费支出142.56万元，比上年减支10.72万元。", [("sum", "错误", "219.51万元", "209.51万元")]),
        ("全市经费共支出1645.14万元，比上年减支209.51万元。车辆费支出1502.58万元，比上年减支198.79万元。"
         "接待费支出142.56万元，比上年减支10.72万元。", []),
        # ... or in numbered paragraphs after "具体如下："; "持平" is a change of 0
        ("本院经费决算20.2万元，与上年决算相比增加0.8万元。具体如下：\n一、出国费：决算7.8万元，与上年决算相比减少1.3万元。\n"
         "二、车辆费：决算11.9万元，与上年持平。\n三、接待费：决算0.5万元，与上年决算相比增加0.5万元。",
         [("sum", "错误", "0.8万元", "减少0.80万元")]),
        # the 其中 items count people: the total is the head sentence's figure in people, not its count of units;
        # the first two items make it up, the third may stand beside it (提示 that says so)
        ("本级预算部门共127个，财政供养人员共计9,244人。其中：行政编制人员1,845人，事业编制人员7,399人，"
         "离退休人员1,206人（其中：离休9人，退休1,197人）。", [("sum", "提示", "9,244人", "10450人")]),
        # a thousands separator is no count: "1,206人（其中：…）" is not "206人："
        ("离退休人员1,206人（其中：离休9人，退休1,197人）。", []),
        # numbered paragraphs after "分项完成情况如下：" break down the amount before that they add up to
        # (7236 + 4253 = 11489); their budgets, last-year figures and changes are checked against its clause's
        ("地方财政收入方面，全县完成11489万元，占年度预算12000万元的95.7%，较上年决算11972万元，减收483万元。\n"
         "收入分项完成情况如下：\n1.税收收入完成7236万元，占年度预算6280万元的115.2%，较上年决算5520万元，增收1716万元；\n"
         "2.非税收入完成4253万元，占年度预算5720万元的74.4%，较上年决算6452万元，减收2199万元。", []),
        ("地方财政收入方面，全县完成11489万元，占年度预算12000万元的95.7%，较上年决算11972万元，减收483万元。\n"
         "收入分项完成情况如下：\n1.税收收入完成7236万元，占年度预算6280万元的115.2%，较上年决算5520万元，增收1716万元；\n"
         "2.非税收入完成4253万元，占年度预算5720万元的74.4%，较上年决算6542万元，减收2289万元。",
         [("sum", "错误", "11972万元", "12062.00万元"), ("sum", "错误", "483万元", "573.00万元")]),
        # an item with its own 其中 inside an outer list is an item, not a new list, when so the outer parts add up;
        # a part written in 元 among 万元 whose 万元 reading makes the nested list add up is a unit slip
        ("经费决算总额2771万元。分项来看：出国经费决算120万元；接待费决算1033万元；公务用车购置及运行费决算1618万元，"
         "其中：公务用车购置费决算414元；公务用车运行费决算1204万元。",
         [("sum", "提示", "1618万元", "1204.04万元"), ("unit", "错误", "414元", "414万元")]),
        ("经费决算总额2771万元。分项来看：出国经费决算120万元；接待费决算1033万元；公务用车购置及运行费决算1618万元，"
         "其中：公务用车购置费决算414万元；公务用车运行费决算1204万元。", []),
        # a change broken down into changes, in a 其中 list and in a bracket
        ("一是收入增加3627万元，其中：本级收入增加365万元（税收增加146万元、非税增加219万元）、上级补助收入增加3262万元。", []),
        ("一是收入增加3627万元，其中：本级收入增加365万元（税收增加146万元、非税增加229万元）、上级补助收入增加3252万元。",
         [("sum", "错误", "3627万元", "3617.00万元"), ("sum", "错误", "365万元", "375.00万元")]),
        # 拨付 is spending: 2113.63 ÷ 2179 = 97.00%
        ("项目资金共2179万元，截止年底，已拨付2113.63万元，执行率97%。", []),
        ("项目资金共2179万元，截止年底，已拨付2113.63万元，执行率99%。", [("rate", "错误", "99%", "97.00%")]),
        # list items inherit the comparison of the clause they break down ("……比2016年度减少……，其中：……减少A，降低B%")
        ("车辆费支出决算为8.47万元；接待费支出决算为0.30万元。\n从年度变化看，经费支出决算数比2016年度减少0.28万元，"
         "降低3.09%，其中：车辆费支出决算减少0.29万元，降低3.41%；接待费支出决算增加0.01万元，增长3.45%。",
         [("yoy", "错误", "3.41%", "3.31%")]),
        # the items state spending: the list breaks down the clause's spending figure, not its budget head
        ("本局经费的年初预算为22.00万元，支出决算为8.77万元，完成预算的39.86%，其中：出国费决算为0万元，完成预算的0%；"
         "车辆费支出决算为8.47万元；接待费支出决算为0.40万元。", [("sum", "错误", "8.77万元", "8.87万元")]),
        # debt stock and flows in one sentence: 年末余额 = 年初余额 + 转贷 − 偿还 (other movements may go unsaid: 提示)
        ("2021年转贷政府债券39272万元，年初政府债务余额135832万元，偿还政府债务本金10870万元，年末政府债务余额164234万元。", []),
        ("2021年转贷政府债券39272万元，年初政府债务余额135832万元，偿还政府债务本金10870万元，年末政府债务余额164334万元。",
         [("sum", "提示", "164334万元", "164234.00万元")]),
        # a formula in words: "以A减去B，得出C" with A and B named figures stated before
        ("预算总收入804.2亿元。一般公共预算支出754.2亿元。以预算总收入减去支出，得出一般公共预算结余50亿元。", []),
        ("预算总收入804.2亿元。一般公共预算支出754.2亿元。以预算总收入减去支出，得出一般公共预算结余60亿元。",
         [("sum", "错误", "60亿元", "50.00亿元")]),
        # a change whose subject was stated in an earlier paragraph under a shorter label ("支出决算为8.77万元")
        ("本局2017年度“三公”经费的年初预算为22.00万元，支出决算为8.77万元。\n从年度变化看，“三公”经费支出决算数比"
         "2016年度减少0.28万元，降低3.19%。", [("yoy", "错误", "3.19%", "3.09%")]),
        # PDF/OCR spaces: after a colon, between a label and its number, before a unit, full-width — all read
        ("基本支出166.03万元，其中：人员经费 132.94万元，公用经费： 33.10 万元。", []),
        ("基本支出 166.03 万元 ，其中 ： 人员经费 132.94 万元 ， 公用经费\u300033.09 万元 。", []),
        # ... a space inside a number ("1 66.03") that would make a false 错误 is a 提示 naming the joined figure
        ("基本支出 1 66.03万元，其中：人员经费132.94万元，公用经费33.09万元。", [("sum", "提示", "66.03万元", "166.03万元")]),
        ("基本支出 1 66.03万元，其中：人员经费132.94万元，公用经费39.09万元。", [("sum", "错误", "66.03万元", "172.03万元")]),
        # a generic word before 占比 names no other part ("支出金额占比")
        ("实际总支出为373.93万元。其中：基本支出356.59万元，支出金额占比为95.4%；项目支出为17.34万元，支出金额占比为4.9%。",
         [("share", "错误", "4.9%", "4.64%")]),
        # "全部为" names one part that is the whole total
        ("车辆费：2017年决算11.9万元，全部为公务用车运行维护费11.9万元，与2016年持平。", []),
        ("车辆费：2017年决算11.9万元，全部为公务用车运行维护费11.6万元，与2016年持平。", [("sum", "错误", "11.9万元", "11.60万元")]),
        # "由A、B等构成": the named parts may be a sample — only parts above the total are judged
        ("财力100万元，由收入40万元、补助50万元等构成。", []),
        ("财力100万元，由收入40万元、补助70万元等构成。", [("sum", "错误", "100万元", "110.00万元")]),
        ("财力100万元，由收入40万元、补助50万元构成。", [("sum", "错误", "100万元", "90.00万元")]),
        # respective lists: levels, changes and rates after 分别/各 are paired in order
        ("公务接待费和车辆运行费支出分别为30万元、50万元，较上年各减少5万元、10万元，各下降14.29%、16.67%。", []),
        ("公务接待费和车辆运行费支出分别为30万元、50万元，较上年各减少5万元、10万元，各下降14.29%、20.67%。",
         [("yoy", "错误", "20.67%", "16.67%")]),
    ],
)
def test_prose_structure(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(text) == expected


def test_a_long_line_without_full_stop_ends_its_paragraph() -> None:
    # PDF text is wrapped at a page's width; a line longer than any printed line that ends without a
    # full stop (an excerpt, a lost "。") is not joined to the next one
    first = ("全州经费共支出4,855万元，比上年减支433万元，降低8.19%，主要是严格执行过紧日子的要求。"
             "其中：购置支出470万元，比上年减支1122万元，降低70.48%；运行维护费支出3758万元，比上年增支816万元，"
             "增长27.74%；接待费支出627万元，比上年减支125万元，降低16.62%；出国费支出0万元，比上年减支2万元，"
             "为年初预算数1万元的0%")
    assert len(first) > 150
    text = first + "\n州本级经费共支出1,127万元，比上年减支73万元，下降6.08%。\n"
    assert found(text) == []
    assert ("6.08", ("1127", "73")) in checked(text, "yoy")
    # a long line cut inside a word by a page break runs on into the next
    cut = "各项工作有序推进，" * 20 + "本年收入合计1,127万元，比上年减少73万元，下降6.08%，主要是压减一般性支出，对外友协专门致电省委"
    assert len(cut) > 150
    assert found(cut + "\n\n外办，对工作给予肯定。") == []
    assert len(document_from_text(cut + "\n\n外办，对工作给予肯定。").blocks) == 1
    # a short line (a wrapped line) still runs on
    assert found("2021年州本级“三公”经费财政拨款共支出1,127万元，比上年减支\n73万元，下降6.10%。") == [("yoy", "错误", "6.10%", "6.08%")]
