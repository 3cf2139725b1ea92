"""The Markdown report shows what the user typed as text: never as markup, a link or a script."""

from __future__ import annotations

from jixiao.engine.evaluate import evaluate
from jixiao.model.records import replace
from jixiao.report.content import build_report
from jixiao.report.markdown import render_markdown
from tests.report.report_helpers import load_example

HOSTILE = "<script>alert(1)</script>**粗体**[链接](javascript:alert(1))_斜_`代码`|分栏"


def test_typed_text_is_literal_in_markdown() -> None:
    dy, _, fw = load_example("wanzhou-2020")
    task = replace(dy.key_tasks[0], **{"name": HOSTILE, "done": "完成 <img src=x onerror=alert(1)> & 归档"})
    dy = replace(dy, **{"key_tasks": [task, *dy.key_tasks[1:]]})
    md = render_markdown(build_report(dy, evaluate(dy, fw), fw, "central"))
    assert "<script" not in md and "<img" not in md and "[链接](javascript" not in md
    escaped = (r"&lt;script&gt;alert(1)&lt;/script&gt;\*\*粗体\*\*\[链接\](javascript:alert(1))\_斜\_\`代码\`\|分栏")
    assert escaped in md
    assert r"&lt;img src=x onerror=alert(1)&gt; &amp;" in md
    # the writer's own markup is untouched: headings, bold table captions, the right-aligned signature
    assert md.startswith("# ") and "\n## " in md and "\n**" in md and '<div align="right">' in md
