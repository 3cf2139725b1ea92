"""Reading a framework file: the values and the located Chinese findings, without pydantic."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from jixiao.frameworks import load_framework_text
from tests.helpers import ROOT

BAD = """\
id: tiny
name: 小框架
year: "1e2"
template: 2
score_places: 9
grades: [{grade: 优, min: 90, max: 100, max_inclusive: 0.5}]
indicators:
  - id: a b
    name: 投入
    weight: -1
    metric_args: {1: x}
    if_not_applicable: none
    rule: {kind: linear, direction: up, step: 0}
  - id: b
    name: 产出
    weight: 100
    rule: {kind: zzz}
  - {id: c, name: c, weight: 0, rule: 5, 7: q}
  - {id: d, name: d, weight: 0, rule: {}, children: x}
"""

# Written by the pydantic models these dataclasses replaced (f708330), read through by hand: every field
# in declaration order, then unknown or non-text keys; a rule's fields located under its kind. Since the one
# number syntax (jixiao.convert.NUMBER_SYNTAX) the first line names how a number is written.
EXPECTED = """\
[错误] 文件 f.yaml，第 3 行，字段 year：数字写法不正确（只写阿拉伯数字，可带正负号；有小数点时前后都要有数字；千分位逗号须每三位一个，\
如 1,234.50 或 -12.5），实际为「1e2」
[错误] 文件 f.yaml，第 4 行，字段 template：应为 是/否（true/false），实际为「2」
[错误] 文件 f.yaml，第 5 行，字段 score_places：不能大于 4，实际为「9」
[错误] 文件 f.yaml，第 6 行，字段 grades[0].max_inclusive：取值不正确（Input should be a valid boolean），实际为「0.5」
[错误] 文件 f.yaml，第 8 行，字段 indicators[0].id：只能包含字母、数字、下划线、点和连字符，实际为「a b」
[错误] 文件 f.yaml，第 10 行，字段 indicators[0].weight：不能为负数，实际为「-1」
[错误] 文件 f.yaml，第 11 行，字段 indicators[0].metric_args[1].[key]：应为文字，实际为「1」
[错误] 文件 f.yaml，第 13 行，字段 indicators[0].rule.linear.baseline：缺少必填项
[错误] 文件 f.yaml，第 13 行，字段 indicators[0].rule.linear.direction：应为以下之一：'above' or 'below'，实际为「up」
[错误] 文件 f.yaml，第 13 行，字段 indicators[0].rule.linear.step：应大于 0，实际为「0」
[错误] 文件 f.yaml，第 13 行，字段 indicators[0].rule.linear.deduct：缺少必填项
[错误] 文件 f.yaml，第 12 行，字段 indicators[0].if_not_applicable：应为以下之一：'full', 'zero' or 'missing'，实际为「none」
[错误] 文件 f.yaml，第 17 行，字段 indicators[1].rule：未知的类型「zzz」，应为以下之一：'threshold', 'linear', 'bands', \
'proportional', 'checklist', 'per_incident', 'manual', 'satisfaction', 'coefficient'
[错误] 文件 f.yaml，第 18 行，字段 indicators[2].rule：取值不正确（Input should be a valid dictionary or object to extract \
fields from），实际为「5」
[错误] 文件 f.yaml，第 18 行，字段 indicators[2][7]：取值不正确（Keys should be strings），实际为「7」
[错误] 文件 f.yaml，第 19 行，字段 indicators[3].children：应为列表，实际为「x」
[错误] 文件 f.yaml，第 19 行，字段 indicators[3].rule：缺少类型字段「kind」
"""


def test_every_problem_of_a_bad_file_is_named_where_it_is() -> None:
    fw, findings = load_framework_text(BAD, file="f.yaml")
    assert fw is None
    assert "".join(f.render() + "\n" for f in findings) == EXPECTED


def test_lax_values_are_read_as_before() -> None:
    text = ('id: t\nname: t\nyear: " 2021.0 "\ntemplate: "Yes"\ntotal: " １００ "\n'
            "indicators: [{id: a, name: a, weight: '+100.00', metric_args: {}, rule: {kind: threshold, op: '>=', target: 1}}]\n")
    fw, findings = load_framework_text(text, file="f.yaml")
    assert fw is not None, findings
    assert (fw.year, fw.template, str(fw.total), str(fw.indicators[0].weight)) == (2021, True, "100", "100.00")
    assert fw.indicators[0].children == () and fw.grades[0].grade == "优"


def test_a_whole_number_too_long_to_convert_is_named_not_raised() -> None:
    fw, findings = load_framework_text(f'id: t\nname: t\nyear: "{"1" * 5000}"\nindicators: []\n', file="f.yaml")
    assert fw is None
    assert [f.location.line for f in findings] == [3, 4]
    assert findings[0].message.startswith("取值不正确（Unable to parse input string as an integer, exceeded maximum size），实际为「111")
    assert findings[1].message == "条目数不符合要求（List should have at least 1 item after validation, not 0）"


_PROBE = """
import json, sys
from jixiao.frameworks import get_framework
from jixiao.frameworks.describe import describe_framework
for ref in ("national-2013", "guangzhou-2021"):
    describe_framework(get_framework(ref))
print(json.dumps(sorted(m for m in sys.modules if m.startswith(("pydantic", "jixiao.model")))))
"""


def test_a_framework_without_formulas_is_loaded_without_pydantic_or_the_model() -> None:
    # formulas are checked against the model's fields, so only they read the model
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
