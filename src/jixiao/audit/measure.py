"""Measuring the auditor on a labelled set (format: tests/audit/corpus/README.md).

For every labelled relation the auditor either

- **checked** it: one of the relations it traced (``AuditReport.relations``) states the same figure —
  same value, on a line of the labelled text when the document has lines — computed from at least one
  of the labelled operands (silence is not a check); one traced relation checks one label at most (two labels
  stating the same value on one line need two relations), as a finding finds one;
- **found** it: a finding states the same figure on a line of the labelled text (any severity); one finding
  finds one label at most (two labels stating the same value on one line need two findings).

and every 错误 finding that matches no inconsistent label is a **false 错误**. The figures reported:

- recall: labelled inconsistencies found / labelled inconsistencies;
- false 错误 per report: false 错误 findings / reports (split into those on a relation labelled
  consistent and those on no labelled relation);
- coverage: labelled relations checked or found / labelled relations.

The same document may be measured in other formats (.xlsx/.docx/.pdf renderings): lines then do not
match the text, and figures are matched by value and operands alone.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from jixiao.audit.api import AuditReport, audit_document
from jixiao.audit.context import Relation
from jixiao.audit.documents import Document, read_document
from jixiao.audit.finding import ERROR, AuditFinding
from jixiao.audit.numbers import parse_chinese_number

_NUMBER = re.compile(r"[-−]?\d[\d,]*(?:\.\d+)?")


# a change stated in words ("无增减", "无变化") states a change of 0: labels and findings that say so match as 0
_NO_CHANGE_WORDS = re.compile(r"^\s*(?:无增减|无变化|没有变化|未发生变化|没有增减|持平)\s*$")


def value_of(written: object) -> Decimal | None:
    m = _NUMBER.search(str(written))
    if not m:  # a change stated in words is 0; a count may be written in Chinese numerals ("两", "三")
        if _NO_CHANGE_WORDS.match(str(written)):
            return Decimal(0)
        return parse_chinese_number(str(written).strip()) if str(written).strip() else None
    try:
        return Decimal(m.group().replace(",", "").replace("−", "-"))
    except InvalidOperation:
        return None


@dataclass(frozen=True)
class Label:
    doc: str
    id: str
    kind: str
    text: str
    stated: Decimal | None
    operands: tuple[Decimal, ...]
    consistent: bool
    severity: str | None
    lines: tuple[int, int] | None  # first and last line of ``text`` in doc.txt (1-based)


@dataclass
class DocResult:
    doc: str
    genre: str
    layout: str
    fmt: str
    labels: int = 0
    inconsistent: int = 0
    found: int = 0
    checked: int = 0
    false_errors_consistent: int = 0
    false_errors_unlabelled: int = 0
    kinds: dict[str, list[int]] = field(default_factory=dict)  # kind -> [labels, checked, inconsistent, found]
    missed: list[str] = field(default_factory=list)  # ids of inconsistencies not found
    unchecked: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)  # the false 错误 findings, described
    error: str | None = None


def load_labels(folder: Path) -> tuple[dict[str, Any], list[Label]]:
    data: dict[str, Any] = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))
    text = (folder / "doc.txt").read_text(encoding="utf-8")
    out: list[Label] = []
    for rel in data.get("relations") or []:
        quote = str(rel.get("text", ""))
        at = text.find(quote) if quote else -1
        lines = None
        if at >= 0:
            first = text.count("\n", 0, at) + 1
            lines = (first, first + quote.count("\n"))
        out.append(Label(
            doc=folder.name, id=str(rel.get("id")), kind=str(rel.get("kind")), text=quote,
            stated=value_of(rel.get("stated", "")),
            operands=tuple(v for v in (value_of(o) for o in rel.get("operands") or []) if v is not None),
            consistent=bool(rel.get("consistent")), severity=rel.get("severity"), lines=lines,
        ))
    return data, out


def _same(a: Decimal | None, b: Decimal | None) -> bool:
    return a is not None and b is not None and a == b


def _on_lines(lines: Iterable[int | None], span: tuple[int, int] | None) -> bool:
    return span is not None and any(x is not None and span[0] <= x <= span[1] for x in lines)


def relation_matches(rel: Relation, label: Label, use_lines: bool) -> bool:
    if not _same(rel.stated, label.stated) and not (label.kind == "score_le_max" and label.stated is not None
                                                    and rel.stated == label.stated):
        return False
    if use_lines and rel.lines and label.lines is not None and not _on_lines(rel.lines[:1], label.lines):
        return False
    if label.operands and rel.operands:
        pool = [*list(rel.operands), rel.stated]
        return any(o in pool for o in label.operands)
    return True


def finding_matches(f: AuditFinding, label: Label, use_lines: bool) -> bool:
    if not _same(value_of(f.stated), label.stated):
        return False
    if use_lines and f.line is not None and label.lines is not None:
        return label.lines[0] <= f.line <= label.lines[1]
    if not use_lines or f.line is None:
        # no line to compare: the finding must quote something of the labelled text
        return any(str(o) in f.quote or str(o) in " ".join(f.figures) for o in label.operands) or not label.operands
    return True


def one_to_one(hits: dict[int, list[int]]) -> dict[int, int]:
    """The labels found, each with the finding that found it, one finding for one label at most: a finding that
    states a value two labels state (two rows with the same wrong total) finds only one of them. The largest such
    assignment (augmenting paths, labels in order), so that no label is lost to the order they are listed in.
    The same for the labels checked, each with a traced relation."""
    owner: dict[int, int] = {}  # finding -> label

    def assign(label: int, seen: set[int]) -> bool:
        for k in hits[label]:
            if k not in seen:
                seen.add(k)
                if k not in owner or assign(owner[k], seen):
                    owner[k] = label
                    return True
        return False

    for label in hits:
        assign(label, set())
    return {label: k for k, label in owner.items()}


def measure_document(document: Document, labels: list[Label], meta: dict[str, Any], fmt: str,
                     use_lines: bool) -> tuple[DocResult, AuditReport]:
    report = audit_document(document)
    res = DocResult(doc=str(meta.get("id")), genre=str(meta.get("genre", "")), layout=_family(str(meta.get("layout", ""))),
                    fmt=fmt, labels=len(labels))
    hits = {i: [k for k, f in enumerate(report.findings) if finding_matches(f, label, use_lines)]
            for i, label in enumerate(labels) if not label.consistent}
    found = one_to_one(hits)
    # a finding on a labelled inconsistency is no false 错误, even one left over (a second finding of one problem)
    matched_findings = {k for ks in hits.values() for k in ks}
    # a label found is covered; each of the others needs a traced relation of its own
    checked = one_to_one({i: [k for k, r in enumerate(report.relations) if relation_matches(r, label, use_lines)]
                          for i, label in enumerate(labels) if i not in found})
    for i, label in enumerate(labels):
        if not label.consistent:
            res.inconsistent += 1
            if i in found:
                res.found += 1
            else:
                res.missed.append(label.id)
        tally = res.kinds.setdefault(label.kind, [0, 0, 0, 0])
        tally[0] += 1
        if not label.consistent:
            tally[2] += 1
            tally[3] += i in found
        if i in checked or i in found:
            res.checked += 1
            tally[1] += 1
        else:
            res.unchecked.append(label.id)
    consistent_labels = [lb for lb in labels if lb.consistent]
    for k, f in enumerate(report.findings):
        if f.severity != ERROR or k in matched_findings:
            continue
        on_consistent = any(finding_matches(f, lb, use_lines) for lb in consistent_labels)
        if on_consistent:
            res.false_errors_consistent += 1
        else:
            res.false_errors_unlabelled += 1
        res.false.append(f"{f.location} {f.rule} {f.stated}→{f.expected}")
    return res, report


def _family(layout: str) -> str:
    low = layout.lower()
    if "flattened" in low or "table" in low:
        return "table text"
    return "prose"


def measure_folder(folder: Path) -> DocResult:
    meta, labels = load_labels(folder)
    try:
        document = read_document(folder / "doc.txt")
    except Exception as exc:
        return DocResult(doc=folder.name, genre=str(meta.get("genre")), layout="", fmt="txt", error=str(exc))
    return measure_document(document, labels, meta, "txt", use_lines=True)[0]


@dataclass
class Totals:
    reports: int = 0
    labels: int = 0
    inconsistent: int = 0
    found: int = 0
    checked: int = 0
    false_consistent: int = 0
    false_unlabelled: int = 0

    def add(self, r: DocResult) -> None:
        self.reports += 1
        self.labels += r.labels
        self.inconsistent += r.inconsistent
        self.found += r.found
        self.checked += r.checked
        self.false_consistent += r.false_errors_consistent
        self.false_unlabelled += r.false_errors_unlabelled

    @property
    def recall(self) -> float:
        return self.found / self.inconsistent if self.inconsistent else 1.0

    @property
    def coverage(self) -> float:
        return self.checked / self.labels if self.labels else 1.0

    @property
    def false_per_report(self) -> float:
        return (self.false_consistent + self.false_unlabelled) / self.reports if self.reports else 0.0

    def line(self, name: str) -> str:
        return (f"{name:<28} reports {self.reports:>3}  labels {self.labels:>4}  recall {self.found}/{self.inconsistent}"
                f" = {self.recall:6.1%}  false 错误/report {self.false_per_report:.2f} "
                f"({self.false_consistent} on consistent, {self.false_unlabelled} unlabelled)  "
                f"coverage {self.checked}/{self.labels} = {self.coverage:6.1%}")


def summarize(results: list[DocResult]) -> dict[str, Totals]:
    """Totals overall, per genre, per layout family and per format."""
    groups: dict[str, Totals] = defaultdict(Totals)
    for r in results:
        for key in ("all", f"genre: {r.genre}", f"layout: {r.layout}", f"format: {r.fmt}"):
            groups[key].add(r)
    return dict(groups)


def by_kind(results: list[DocResult]) -> dict[str, list[int]]:
    """Per labelled kind: [labels, checked, inconsistent, found]."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for r in results:
        for kind, t in r.kinds.items():
            for i in range(4):
                out[kind][i] += t[i]
    return dict(out)


def corpus_folders(root: Path) -> list[Path]:
    return sorted(p.parent for p in root.glob("*/labels.yaml"))
