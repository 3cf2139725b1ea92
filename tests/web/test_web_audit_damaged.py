"""A reviewer's batch with the files bureaus really send besides sound reports: a Word file with a damaged part,
a text saved by Notepad as "Unicode" (UTF-16). The batch finishes; the damaged file gets its Chinese reason on the
batch page (before: "审核时出错：AttributeError: 'lxml.etree._Element' object has no attribute 'overrides'"), the
UTF-16 text its finding."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.audit.test_audit_damaged_files import SENTENCE, WORD, _changed, _word
from tests.web.conftest import audit_batch
from tests.web.test_web_review_more import table_rows

Client = Callable[[str | None], TestClient]


def test_damaged_and_unicode_files_in_a_batch(client_for: Client) -> None:
    files = {
        "完好.docx": _word(),
        "损坏.docx": _changed(_word(), {"[Content_Types].xml": b"<Types/>"}),
        "记事本.txt": b"\xff\xfe" + SENTENCE.encode("utf-16-le"),
    }
    done = audit_batch(client_for("rev"), "损坏与编码", files)
    assert "审核完成" in done
    documents = [row[1:3] for row in table_rows(done, "<table")][:3]
    assert documents == [["完好.docx", "有错误"], ["损坏.docx", f"无法读取：{WORD}"], ["记事本.txt", "有错误"]]
    found = sorted((row[0], row[5], row[6]) for row in table_rows(done, '<table class="findings">'))
    assert found == [("完好.docx", "89.8%", "89.50%"), ("记事本.txt", "89.8%", "89.50%")]
