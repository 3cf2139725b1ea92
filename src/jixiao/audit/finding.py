"""An audit finding: what a reviewer pastes into a review letter."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from jixiao.findings import Finding, Location, Severity

ERROR = "错误"
HINT = "提示"


@dataclass(frozen=True)
class AuditFinding:
    rule: str  # rule name, e.g. "rate"
    title: str  # rule title in Chinese
    severity: str  # ERROR | HINT
    quote: str  # the sentence as written (normalized)
    location: str  # "第121行", "第3页第12行", "表2第4行", "第12段"
    stated: str  # the value as the report states it, e.g. "89.8%"
    expected: str  # recomputed value, e.g. "89.50%"
    figures: tuple[str, ...] = field(default_factory=tuple)  # figures used, e.g. ("实际 1.79万元", ...)
    explanation: str = ""  # one Chinese sentence
    file: str = ""
    line: int | None = None  # source line of the stated figure, when known (text and rebuilt tables)

    def to_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["figures"] = list(self.figures)
        return d

    def to_finding(self) -> Finding:
        """The project-wide :class:`Finding` form (for review and the web app)."""
        severity = Severity.ERROR if self.severity == ERROR else Severity.INFO
        return Finding(f"audit.{self.rule}", severity, self.explanation, Location(file=self.file or None, path=self.location))
