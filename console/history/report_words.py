"""The words of the shift report, so the PDF is written in the officer's language.

The core writes the report in English; a window passes its own `ReportWords`
(`ui.history.report_words`: Qt's translation, context `ShiftReport`, rule
titles and codes in words).  `text` takes the English sentence with `%1`,
`%2`… for its figures; `value` a stored code by its column (`state`,
`action`, `severity`, `kind`, `type`, `who`); `rule` a rule's code.
"""

from __future__ import annotations

from typing import Protocol


class ReportWords(Protocol):
    def text(self, english: str) -> str: ...

    def rule(self, code: str) -> str: ...

    def value(self, column: str, code: str) -> str: ...


class English:
    """The report as the core writes it: English sentences, codes as stored."""

    def text(self, english: str) -> str:
        return english

    def rule(self, code: str) -> str:
        return code

    def value(self, column: str, code: str) -> str:
        return code


ENGLISH = English()


def fill(template: str, *figures: object) -> str:
    """`%1`, `%2`… of a (translated) sentence replaced by the figures, in order."""
    for i, figure in enumerate(figures, start=1):
        template = template.replace(f"%{i}", str(figure))
    return template
