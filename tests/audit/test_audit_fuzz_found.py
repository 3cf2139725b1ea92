"""Inputs the atheris targets (fuzz/targets.py) found crashing the auditor, each in our own words, each read without
an error."""

from __future__ import annotations

from jixiao.audit import audit_text


def test_a_list_of_changes_whose_items_state_no_amount_is_read() -> None:
    """A change followed by a 其中 list whose items name no amount (a sentence cut short) raised ValueError in the
    change-list reader (found by the atheris audit-text target); it reads no list and judges nothing."""
    report = audit_text("较上年减少2.97万元。其中：无会议费；培训费")
    assert (report.error, report.findings) == (None, [])
