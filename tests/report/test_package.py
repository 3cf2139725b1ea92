"""The evaluation package: files, determinism, the 评分表 totals, 公文 layout, no placeholder text."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jixiao.model.records import replace
from jixiao.report.package import write_package
from jixiao.safeio.outdir import MANIFEST, read_manifest
from tests.report.report_helpers import ROOT, docx_text, load_example


@pytest.fixture(scope="session")
def wanzhou_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from jixiao.report.package import write_package

    dy, result, fw = load_example("wanzhou-2020")
    out = tmp_path_factory.mktemp("pkg") / "wanzhou-2020"
    write_package(dy, result, fw, out)
    return out


EXPECTED = {"自评报告.docx", "自评报告.md", "评分表.xlsx", "数据表.xlsx", "result.json",
            "chart-budget-structure.png", "chart-three-public.png", "chart-scores.png"}


def test_package_has_every_output(wanzhou_package: Path) -> None:
    assert {p.name for p in wanzhou_package.iterdir()} == EXPECTED | {MANIFEST}
    assert set(read_manifest(wanzhou_package)) == EXPECTED  # what jixiao wrote, with each file's digest


def test_same_input_gives_identical_bytes(wanzhou_package: Path, tmp_path: Path) -> None:
    dy, result, fw = load_example("wanzhou-2020")
    write_package(dy, result, fw, tmp_path / "again")
    for name in sorted(EXPECTED):
        assert (tmp_path / "again" / name).read_bytes() == (wanzhou_package / name).read_bytes(), name


def test_docx_metadata_and_zip_dates_are_fixed(wanzhou_package: Path) -> None:
    with zipfile.ZipFile(wanzhou_package / "自评报告.docx") as z:
        assert {i.date_time for i in z.infolist()} == {(2021, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "2021-01-01T00:00:00Z" in core


def test_scoring_sheet_totals_equal_the_engine(wanzhou_package: Path) -> None:
    _, result, _ = load_example("wanzhou-2020")
    ws = load_workbook(wanzhou_package / "评分表.xlsx")["评分表"]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    by_top = {r[0]: r for r in rows if r[0]}
    assert Decimal(str(by_top["合计"][5])) == result.total == Decimal(94)
    assert Decimal(str(by_top["合计"][3])) == Decimal(100)
    for top in result.indicators:
        assert Decimal(str(by_top[top.name][5])) == top.score, top.name
    assert by_top["评价等级"][5] == "优"
    leaves = [r for r in rows if r[2]]
    assert sum(Decimal(str(r[5])) for r in leaves) == Decimal(94)
    # level-2 rows carry their own totals: 预算管理 9.5 = 10 − 0.5
    assert any(r[1] == "预算管理" and Decimal(str(r[5])) == Decimal("9.5") for r in rows)


def test_data_sheet_lists_inputs_and_ratios_with_formulas(wanzhou_package: Path) -> None:
    wb = load_workbook(wanzhou_package / "数据表.xlsx")
    inputs = {r[0]: r for r in wb["填报数据"].iter_rows(min_row=4, values_only=True)}
    assert Decimal(str(inputs["expenditure.public"][2])) == Decimal("33.10")
    cells = {row[0].value: row for row in wb["填报数据"].iter_rows(min_row=4)}
    assert cells["expenditure.public"][2].number_format == "#,##0.00"  # 万元
    assert cells["staffing.actual"][2].number_format == "0"  # persons
    assert cells["surveys[0].rate"][2].number_format == "0.00%"
    calc = {r[0]: r for r in wb["计算数据"].iter_rows(min_row=4, values_only=True)}
    share = calc["公用经费占基本支出比例"]
    assert share[1] == "公用经费 ÷ 基本支出 × 100%"
    assert round(Decimal(str(share[3])) * 100, 2) == Decimal("19.94")
    assert share[5] == "expenditure.public_share"


def test_report_sections_follow_the_seed_order(wanzhou_package: Path) -> None:
    text = docx_text(wanzhou_package / "自评报告.docx")
    heads = re.findall(r"^([一二三四五六七八九十]+、\S+)$", text, flags=re.M)
    # the score-sheet family (the default of Wanzhou's Chongqing framework), after the seeds' section order
    assert heads == ["一、部门（单位）基本情况", "二、部门整体支出管理及使用情况", "三、部门整体支出绩效情况",
                     "四、存在的问题及原因分析", "五、下一步改进措施", "六、绩效自评结果拟应用和公开情况"]
    for sub in ("（一）部门职能", "（二）机构与人员", "（三）年度主要工作完成情况", "（五）“三公”经费情况",
                "（一）评价工作开展情况", "（二）评分情况"):
        assert sub in text


def test_report_sentences_carry_the_figures(wanzhou_package: Path) -> None:
    text = docx_text(wanzhou_package / "自评报告.docx")
    assert "全年预算数226.86万元，执行数226.75万元，预算执行率99.95%。" in text
    # The year-on-year change belongs to the whole 11.96; the control rate to the budget's scope.
    assert (
        "2020年度“三公”经费实际支出11.96万元，与上年相比减少10.01万元，下降45.56%；"
        "预算数4.00万元，纳入预算口径的实际支出2.95万元，“三公”经费控制率73.75%。"
    ) in text
    assert "合计（预算口径内）\t4.00\t2.95\t73.75%" in text
    assert "合计（含未纳入预算口径）\t—\t11.96\t—" in text
    assert "总分94分，评价等级为“优”" in text


def test_no_placeholder_text(wanzhou_package: Path) -> None:
    text = docx_text(wanzhou_package / "自评报告.docx") + (wanzhou_package / "自评报告.md").read_text("utf-8")
    for bad in ("XX", "××", "（单位名称）", "{", "}", "None", "—万元", "nan", "待填"):
        assert bad not in text, bad


def test_docx_gongwen_layout(wanzhou_package: Path) -> None:
    with zipfile.ZipFile(wanzhou_package / "自评报告.docx") as z:
        doc = z.read("word/document.xml").decode()
        styles = z.read("word/styles.xml").decode()
        footers = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/footer"))
    assert 'w:w="11906" w:h="16838"' in doc  # A4 in twips
    for margin in ('w:top="2098"', 'w:bottom="1984"', 'w:left="1587"', 'w:right="1474"'):  # 37/35/28/26 mm
        assert margin in doc, margin
    for font in ("方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312"):
        assert f'w:eastAsia="{font}"' in styles, font
    assert 'w:lineRule="exact" w:line="560"' in styles  # 28 pt fixed line spacing
    assert "<w:tblHeader/>" in doc  # repeated header rows
    assert "PAGE" in footers and "— " in footers
    assert "<w:evenAndOddHeaders/>" in z_settings(wanzhou_package)


# CT_TblPr's sequence in ECMA-376 (the elements a report's tables use, in schema order)
TBL_PR_ORDER = ["tblStyle", "tblW", "jc", "tblLayout", "tblCellMar", "tblLook"]


def test_docx_tables_and_styles_are_lean_and_in_schema_order(wanzhou_package: Path) -> None:
    with zipfile.ZipFile(wanzhou_package / "自评报告.docx") as z:
        doc = z.read("word/document.xml").decode()
        styles = z.read("word/styles.xml").decode()
        names = z.namelist()
    props = re.findall(r"<w:tblPr>(.*?)</w:tblPr>", doc)
    assert len(props) == 4, len(props)  # the Wanzhou report's four tables
    for p in props:
        assert re.findall(r"<w:(\w+)[ />]", p.split("<w:tblCellMar>")[0] + p.split("</w:tblCellMar>")[-1]) == [
            t for t in TBL_PR_ORDER if t != "tblCellMar"], p
    used = set(re.findall(r'<w:(?:pStyle|tblStyle) w:val="([^"]+)"', doc))
    defined = set(re.findall(r'<w:style [^>]*w:styleId="([^"]+)"', styles))
    assert used <= defined, used - defined
    assert len(defined) < 30, sorted(defined)  # the report's styles and what they rest on, not the template's 160
    assert "word/stylesWithEffects.xml" not in names


def z_settings(pkg: Path) -> str:
    with zipfile.ZipFile(pkg / "自评报告.docx") as z:
        return z.read("word/settings.xml").decode()


def test_problems_are_grouped_by_cause_and_each_measure_answers_one(wanzhou_package: Path) -> None:
    text = docx_text(wanzhou_package / "自评报告.docx")
    problems = text[text.index("四、存在的问题及原因分析"): text.index("五、下一步改进措施")]
    assert problems.splitlines()[1:] == [
        "1.部分年度工作任务和绩效目标未全部完成。“年度对外交往合作、开展友好城市交往工作”完成年度目标的50.00%，"
        "得4分（满分8分），该项任务未全部完成的主要原因是受疫情影响，与奥地利古兴市的结好协议2020年内未能签署；"
        "年度因公出访计划未完成，4批团组取消出访。",
        "2.内部管理和制度执行有待加强。管理制度健全性得1分（满分1.5分），“相关管理制度合法、合规、完整”未达到要求，"
        "内部财务管理制度有待加强，存在管理制度不够健全，扣0.5分。",
        "3.履职效益和服务满意度仍有提升空间。社会效益得6.5分（满分8分），受疫情影响未完成新引进一所国外学校合作办学"
        "落户万州，扣1.5分。",
    ]
    measures = text[text.index("五、下一步改进措施"): text.index("六、绩效自评结果拟应用和公开情况")]
    assert re.findall(r"^\d\.(\S+?。)针对(\S+?)的问题", measures, flags=re.M) == [
        ("狠抓重点任务落实。", "部分年度工作任务和绩效目标未全部完成"),
        ("健全内部管理制度。", "内部管理和制度执行有待加强"),
        ("提升履职效益和服务满意度。", "履职效益和服务满意度仍有提升空间")]
    assert "对未完成的“年度对外交往合作、开展友好城市交往工作”，将根据未完成的原因调整工作安排" in measures


def test_cli_writes_the_chosen_formats(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    proc = subprocess.run([sys.executable, "-m", "jixiao", "evaluate", str(ROOT / "examples/wanzhou-2020.yaml"),
                           "-o", str(out), "--format", "xlsx,json"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert {p.name for p in out.iterdir()} == {"评分表.xlsx", "数据表.xlsx", "result.json", MANIFEST}
    assert "总分 94 分" in proc.stdout


def test_cli_rejects_unknown_format(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "jixiao", "evaluate", str(ROOT / "examples/wanzhou-2020.yaml"),
                           "-o", str(tmp_path / "x"), "--format", "docx,pptx"], capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 2
    assert "未知的输出格式：pptx" in proc.stderr
    assert not (tmp_path / "x").exists()


def test_report_names_the_departments_own_bureau_and_warns_of_another_frameworks_region() -> None:
    """A department of another region or year evaluated with a bundled framework: the report must not
    name that framework's bureau and notice as its own, and the evaluation warns of the mismatch."""
    from jixiao.engine.evaluate import evaluate
    from jixiao.frameworks import get_framework
    from jixiao.report.content import build_report

    dy, _, _ = load_example("wanzhou-2020")
    fw = get_framework("chongqing-district-2020")
    moved = replace(dy, **{"profile": replace(dy.profile, **{"region": "四川省成都市", "year": 2021})})
    result = evaluate(moved, fw)
    text = build_report(moved, result, fw).text()
    intro = text[: text.index("一、部门（单位）基本情况")]
    disclosure = text[text.index("六、绩效自评结果拟应用和公开情况"):]
    assert "按照四川省成都市财政部门开展2021年度部门整体支出绩效自评的要求" in intro
    assert "报送四川省成都市财政部门" in disclosure
    assert "重庆市万州区财政局" not in text
    assert "万州财预发〔2021〕4号" not in intro  # the framework's own document is cited only as the framework's
    warnings = [f.message for f in result.findings if f.code == "evaluate.framework-mismatch"]
    assert warnings == [
        "评价框架「重庆市区县部门整体支出绩效评价指标体系（2020年度）」适用于重庆市万州区，部门数据的地区为四川省成都市；"
        "请确认所用框架，或在 --framework 中指定",
        "评价框架「重庆市区县部门整体支出绩效评价指标体系（2020年度）」为2020年度的框架，部门数据为2021年度；"
        "请确认所用框架，或在 --framework 中指定",
    ]
    named = replace(moved, **{"profile": replace(moved.profile, **
        {"finance_bureau": "成都市财政局", "notice": "成财绩〔2022〕3号"})})
    text = build_report(named, evaluate(named, fw), fw).text()
    assert "按照成都市财政局（成财绩〔2022〕3号）开展2021年度" in text and "报送成都市财政局" in text
    # at home the framework's own issuer and document are the department's
    _, home, _ = load_example("wanzhou-2020")
    assert not [f for f in home.findings if f.code == "evaluate.framework-mismatch"]
    assert "按照重庆市万州区财政局（万州财预发〔2021〕4号）开展2020年度" in build_report(dy, home, fw).text()
