"""The shift report's words in the window's language (`console.history.report_words`).

Sentences go through Qt's translation (context `ShiftReport`; the catalogue
holds every sentence of `console.history.pdf`, `pdf_charts` and
`report.why_late`, a test checks each); rules by their titles; codes as the
history tables show them (`ui.value_words`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.alerts.rules import rule_title
from ui.i18n import QT_TRANSLATE_NOOP
from ui.value_words import cell_words, field_word

# Every sentence the core's report writes through `ReportWords.text` (a test reads them
# from console/history/pdf*.py and report.py), listed so that lupdate finds them here.
SENTENCES = (
    QT_TRANSLATE_NOOP("ShiftReport", 'page %1'),
    QT_TRANSLATE_NOOP("ShiftReport", '%1 to %2 (terminal time, UTC+08:00); generated %3; %4'),
    QT_TRANSLATE_NOOP("ShiftReport", '%1 s'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Figure'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Value'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Alerts raised'),
    QT_TRANSLATE_NOOP("ShiftReport", 'By severity'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Resolved'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Median time to acknowledge'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Median time to resolve'),
    QT_TRANSLATE_NOOP("ShiftReport", '90th percentile time to resolve'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Overdue alerts'),
    QT_TRANSLATE_NOOP("ShiftReport", '10-minute windows in flood'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Peak alerts in 10 minutes'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Time to acknowledge'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Time to resolve'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Acknowledged within %1 min'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Resolved within %1 min'),
    QT_TRANSLATE_NOOP("ShiftReport", '%1 of %2'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Rule'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Alerts'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Alerts by rule'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Officer'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Acknowledged'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Comments'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Other'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Total'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Shift (terminal time)'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Officer actions'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Officers'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Workload per officer'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Workload per shift'),
    QT_TRANSLATE_NOOP("ShiftReport", ', '),
    QT_TRANSLATE_NOOP("ShiftReport",
                      'Audit trail when this report was made: %1 entries, '
                      'head %2. Check it later with the command below.'),
    QT_TRANSLATE_NOOP("ShiftReport", 'No alert missed the target in this period.'),
    QT_TRANSLATE_NOOP("ShiftReport", 'When (console)'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Action'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Who'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Station'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Why'),
    QT_TRANSLATE_NOOP("ShiftReport", '%1 (%2) — %3 — raised %4 — %5'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Time (feed)'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Kind'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Type'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Detail'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Alerts per hour, by severity'),
    QT_TRANSLATE_NOOP("ShiftReport", 'no data'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Alarm rate per 10 minutes (ISA-18.2 flood: more than 10)'),
    QT_TRANSLATE_NOOP("ShiftReport", 'target %1 min'),
    QT_TRANSLATE_NOOP("ShiftReport", '%1 of %2 within target'),
    QT_TRANSLATE_NOOP("ShiftReport", 'the raising of this alert was not recorded'),
    QT_TRANSLATE_NOOP("ShiftReport", '%1 min %2 s'),
    QT_TRANSLATE_NOOP("ShiftReport", 'never acknowledged'),
    QT_TRANSLATE_NOOP("ShiftReport", 'escalated'),
    QT_TRANSLATE_NOOP("ShiftReport", 'shelved at some point'),
    QT_TRANSLATE_NOOP("ShiftReport", '; '),
    QT_TRANSLATE_NOOP("ShiftReport", 'acknowledged after %1 by %2'),
    QT_TRANSLATE_NOOP("ShiftReport", 'still %1'),
    QT_TRANSLATE_NOOP("ShiftReport", 'resolved after %1 by %2 (%3 over the target)'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Summary'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Charts'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Rate and workload'),
    QT_TRANSLATE_NOOP("ShiftReport", 'Shift report'),
    QT_TRANSLATE_NOOP("ShiftReport", "智慧櫃場監管台 Yard Console"),
)


class WindowReportWords:
    def text(self, english: str) -> str:
        return QCoreApplication.translate("ShiftReport", english)

    def rule(self, code: str) -> str:
        return rule_title(code)

    def value(self, column: str, code: str) -> str:
        if column == "field":
            return field_word(code)
        if column in ("status", "classifier"):
            return cell_words("type", code)
        return cell_words(column, code)
