"""One result of the doctor: what was checked, the verdict in plain words, and the fix.

A `failed` finding blocks an officer (the console would not work, or would
work wrongly); a `warning` degrades the console but leaves it usable;
`skipped` says why a check could not run (usually because an earlier one
failed).  `exit_code` is what the doctor returns: 1 when anything failed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

Verdict = Literal["ok", "warning", "failed", "skipped"]
LABELS: dict[str, str] = {"ok": " OK ", "warning": "WARN", "failed": "FAIL", "skipped": "SKIP"}


@dataclass(frozen=True, slots=True)
class Finding:
    """`area` groups findings (`configuration`, `database`, `feed terminal`, ...)."""

    area: str
    check: str
    verdict: Verdict
    detail: str
    fix: str | None = None
    data: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"area": self.area, "check": self.check, "verdict": self.verdict,
                "detail": self.detail, "fix": self.fix} | ({"data": self.data}
                                                            if self.data else {})

    def describe(self) -> str:
        text = f"[{LABELS[self.verdict]}] {self.area}: {self.check}: {self.detail}"
        if self.fix and self.verdict in ("failed", "warning"):
            text += f"\n       fix: {self.fix}"
        return text


def ok(area: str, check: str, detail: str, **data: Any) -> Finding:
    return Finding(area, check, "ok", detail, None, data)


def failed(area: str, check: str, detail: str, fix: str, **data: Any) -> Finding:
    return Finding(area, check, "failed", detail, fix, data)


def warning(area: str, check: str, detail: str, fix: str, **data: Any) -> Finding:
    return Finding(area, check, "warning", detail, fix, data)


def skipped(area: str, check: str, detail: str) -> Finding:
    return Finding(area, check, "skipped", detail)


def exit_code(findings: Sequence[Finding]) -> int:
    return 1 if any(f.verdict == "failed" for f in findings) else 0


def summary(findings: Sequence[Finding]) -> str:
    blocking = sum(f.verdict == "failed" for f in findings)
    warnings = sum(f.verdict == "warning" for f in findings)
    if blocking:
        return (f"NOT READY: {blocking} problem(s) block an officer"
                + (f", {warnings} warning(s)" if warnings else "")
                + "; fix them and run `yard-console doctor` again.")
    if warnings:
        return f"READY, with {warnings} warning(s) worth fixing."
    return "READY: every check passed."
