"""`HistoryWindow`: what happened, after the fact, from the stored evidence.

Search alerts (container number, truck plate, vessel IMO or voyage, bill of
lading, declaration number or words of a comment; rule, severity, state,
officer, time range), read an alert's whole life and a container's story,
replay the yard at any moment, and see the KPIs of the chosen range.  Every
table exports to CSV; the range exports as the PDF shift report.

Every question runs on a `QueryRunner` lane (`search`, `story`, `kpis`,
`replay`, `export`): a new question cancels the previous one of its lane,
the status bar shows progress with a Cancel button, and the window never
waits.  Widgets never touch the database: the questions
(`ui.history.questions`) open their own stores on the worker threads.

Signals:
    busy_changed(bool)
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime, Qt, QTimeZone, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.alerts.model import STATES
from console.history.cancel import Cancellation
from console.history.checkpoints import Checkpointer
from console.history.queries import (
    AlertLife,
    AlertQuery,
    changes_table,
)
from console.history.replay import ReplayEngine
from console.history.store import HistoryStore
from console.history.table import Table
from console.history.terms import TermIndexer
from console.layout import Layout, as_layout
from console.rules.catalogue import DEFAULT_SEVERITY
from console.store.history import open_history
from ui.history import questions
from ui.history.kpi_panel import KpiPanel
from ui.history.query_runner import QueryRunner
from ui.history.record_model import RecordTableModel
from ui.history.replay_panel import ReplayPanel, picture_of
from ui.value_words import cell_words

ANY = "—"
UNKNOWN_PERIOD_S = -86_400  # the date edits' "not known yet" value (shown in words)


class HistoryWindow(QMainWindow):
    busy_changed = Signal(bool)

    def __init__(self, db: Path, layout: Layout | Mapping[str, Any], parent: QWidget | None = None,
                 *, checkpoint_every_s: float = 900.0) -> None:
        super().__init__(parent)
        self.setObjectName("historyWindow")
        self.setWindowTitle(self.tr("Yard Console — history review ({db})").format(db=db))
        self.db = db
        self.terminal = as_layout(layout)
        self._checkpoint_every_s = checkpoint_every_s
        self._replay: ReplayEngine | None = None
        self._replay_store: HistoryStore | None = None
        self._lives: dict[str, AlertLife] = {}
        self.runner = QueryRunner(self)
        self._build()
        self._connect()
        for keys in (QKeySequence(Qt.Key.Key_Escape), QKeySequence("Ctrl+W")):
            close = QShortcut(keys, self)
            close.setContext(Qt.ShortcutContext.WindowShortcut)
            close.activated.connect(self.close)
        self.runner.submit("replay", self._prepare)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.term = QLineEdit()
        self.term.setObjectName("searchTerm")
        self.term.setPlaceholderText(self.tr(
            "container, truck plate, IMO, voyage, B/L, declaration, comment…"))
        self.rule = self._combo("searchRule", sorted(DEFAULT_SEVERITY), "rule")
        self.severity = self._combo("searchSeverity", ["critical", "high", "medium", "low"],
                                    "severity")
        self.state = self._combo("searchState", list(STATES), "state")
        self.officer = QLineEdit()
        self.officer.setObjectName("searchOfficer")
        self.officer.setPlaceholderText(self.tr("officer"))
        self.since = QDateTimeEdit()
        self.until = QDateTimeEdit()
        for edit, name in ((self.since, "searchSince"), (self.until, "searchUntil")):
            edit.setObjectName(name)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setTimeZone(QTimeZone(8 * 3600))  # the terminal's clock, as in every report
            edit.setCalendarPopup(True)
            # Until the recorded period is known (a worker reads it), say so: never 2000-01-01.
            unknown = QDateTime.fromSecsSinceEpoch(UNKNOWN_PERIOD_S, QTimeZone(8 * 3600))
            edit.setMinimumDateTime(unknown)
            edit.setSpecialValueText(self.tr("finding the recorded period…"))
            edit.setDateTime(unknown)
        self.search = QPushButton(self.tr("Search"))
        self.search.setObjectName("searchButton")
        bar = QHBoxLayout()
        for w in (self.term, self.rule, self.severity, self.state, self.officer,
                  QLabel(self.tr("from")), self.since, QLabel(self.tr("to")), self.until,
                  self.search):
            bar.addWidget(w)
        bar.setStretch(0, 2)

        self.alerts = RecordTableModel()
        self.changes = RecordTableModel()
        self.story_events = RecordTableModel()
        self.story_alerts = RecordTableModel()
        self.alerts_view = self._view(self.alerts, "alertsTable")
        self.changes_view = self._view(self.changes, "changesTable")
        alerts_tab = QSplitter(Qt.Orientation.Vertical)
        alerts_tab.addWidget(self.alerts_view)
        alerts_tab.addWidget(self.changes_view)
        self.story_title = QLabel("")
        self.story_title.setObjectName("storyTitle")
        story_tab = QWidget()
        story_layout = QVBoxLayout(story_tab)
        story_layout.addWidget(self.story_title)
        story_split = QSplitter(Qt.Orientation.Vertical)
        story_split.addWidget(self._view(self.story_events, "storyEvents"))
        story_split.addWidget(self._view(self.story_alerts, "storyAlerts"))
        story_layout.addWidget(story_split, 1)
        self.replay = ReplayPanel(self.terminal)
        self.kpis = KpiPanel()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("historyTabs")
        self.tabs.addTab(alerts_tab, self.tr("Alerts"))
        self.tabs.addTab(story_tab, self.tr("Container"))
        self.tabs.addTab(self.replay, self.tr("Replay"))
        self.tabs.addTab(self.kpis, self.tr("KPIs"))

        self.export_csv = QPushButton(self.tr("Export table (CSV)…"))
        self.export_csv.setObjectName("exportCsv")
        self.export_pdf = QPushButton(self.tr("Shift report (PDF)…"))
        self.export_pdf.setObjectName("exportPdf")
        self.progress = QProgressBar()
        self.progress.setObjectName("queryProgress")
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setObjectName("cancelQuery")
        self.cancel.setVisible(False)
        self.message = QLabel("")
        self.message.setObjectName("statusMessage")
        status = self.statusBar()
        status.addWidget(self.message, 1)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.cancel)
        status.addPermanentWidget(self.export_csv)
        status.addPermanentWidget(self.export_pdf)

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.addLayout(bar)
        outer.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.resize(1400, 900)

    def _combo(self, name: str, items: list[str], column: str) -> QComboBox:
        """A choice of stored codes, each shown in words (its data is the code)."""
        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItem(ANY, None)
        for item in items:
            combo.addItem(cell_words(column, item), item)
        return combo

    def _view(self, model: RecordTableModel, name: str) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.setSortingEnabled(True)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.horizontalHeader().setStretchLastSection(True)
        return view

    def _connect(self) -> None:
        self.search.clicked.connect(self.run_search)
        self.term.returnPressed.connect(self.run_search)
        self.alerts_view.selectionModel().currentRowChanged.connect(self._alert_selected)
        self.alerts_view.doubleClicked.connect(self._open_subject)
        self.replay.seek_requested.connect(self.seek)
        self.cancel.clicked.connect(self.cancel_all)
        self.export_csv.clicked.connect(self._ask_csv)
        self.export_pdf.clicked.connect(self._ask_pdf)
        self.runner.started.connect(self._started)
        self.runner.progress.connect(self._progress)
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)

    # ----------------------------------------------------------------- actions
    def query(self) -> AlertQuery:
        def secs(edit: QDateTimeEdit) -> float:
            return edit.dateTime().toSecsSinceEpoch()

        return AlertQuery(
            since_s=secs(self.since), until_s=secs(self.until),
            rule=self.rule.currentData(), severity=self.severity.currentData(),
            state=self.state.currentData(), officer=self.officer.text().strip() or None,
            text=self.term.text().strip() or None)

    def run_search(self) -> None:
        """Alerts and KPIs for the form; a container number also opens its story."""
        q = self.query()
        db = self.db
        self.runner.submit("search", lambda c, p: questions.search(db, q, c))
        self.runner.submit("kpis", lambda c, p: questions.kpis(db, q, c))
        if q.text:
            text = q.text
            self.runner.submit("story", lambda c, p: questions.story(db, text, c))

    def show_container(self, ref: str) -> None:
        db = self.db
        self.runner.submit("story", lambda c, p: questions.story(db, ref, c))
        self.tabs.setCurrentIndex(1)

    def seek(self, at_us: int) -> None:
        self.runner.submit("replay", lambda c, p: self._seek(at_us, c))

    def export_table(self, table: Table, path: Path) -> None:
        self.runner.submit("export", lambda c, p: questions.write_table(table, path, c, p))

    def export_report(self, path: Path) -> None:
        q = self.query()
        db = self.db
        self.runner.submit("export", lambda c, p: questions.write_report(db, q, path, c, p))

    def cancel_all(self) -> None:
        for lane in ("search", "kpis", "story", "export", "replay"):
            self.runner.cancel(lane)
        self._idle()
        self.message.setText(self.tr("Cancelled."))

    # ------------------------------------------------------ work (worker threads)
    def _prepare(self, cancel: Cancellation, progress: Any) -> tuple[int, int] | None:
        store = self._replay_store = open_history(self.db)
        TermIndexer(store).catch_up(cancel)
        engine = ReplayEngine(store, self.terminal,
                              Checkpointer(store, self.terminal,
                                           every_s=self._checkpoint_every_s))
        engine.refresh(cancel, progress)
        self._replay = engine
        return engine.time_range()

    def _seek(self, at_us: int, cancel: Cancellation) -> Any:
        engine = self._replay
        if engine is None:
            return None
        view = engine.seek(at_us, cancel)
        cancel.raise_if_cancelled()
        return view, picture_of(view.frame, self.terminal)

    # ---------------------------------------------------------------- results
    def _started(self, lane: str, _ticket: int) -> None:
        self.progress.setVisible(True)
        self.cancel.setVisible(True)
        self.progress.setRange(0, 0)  # busy until the query reports how far it got
        self.busy_changed.emit(True)

    def _progress(self, _lane: str, _ticket: int, share: float) -> None:
        self.progress.setRange(0, 100)
        self.progress.setValue(int(share * 100))

    def _finished(self, lane: str, _ticket: int, result: object) -> None:
        if lane == "replay" and isinstance(result, tuple) and len(result) == 2 and isinstance(
                result[0], int):
            first, last = result
            self.replay.set_range(first, last)
            self._set_range(first, last)
            self.message.setText(self.tr("Ready."))
            self.run_search()
        elif lane == "replay" and isinstance(result, tuple):
            self.replay.show_view(*result)
        elif lane == "search" and isinstance(result, tuple):
            table, self._lives = result
            self.alerts.set_table(table)
            self.message.setText(self.tr("{n} alerts").format(n=len(table)))
            if len(table):
                self.alerts_view.selectRow(0)
        elif lane == "story" and isinstance(result, tuple):
            title, events, alerts = result
            self.story_title.setText(title)
            self.story_events.set_table(events)
            self.story_alerts.set_table(alerts)
        elif lane == "kpis":
            self.kpis.show_kpis(result)  # type: ignore[arg-type]
        elif lane == "export":
            self.message.setText(str(result))
        if not any(self.runner.busy(x) for x in ("search", "kpis", "story", "export", "replay")):
            self._idle()

    def _failed(self, lane: str, _ticket: int, message: str) -> None:
        self.message.setText(self.tr("{lane}: {message}").format(lane=lane, message=message))
        self._idle()

    def _idle(self) -> None:
        self.progress.setVisible(False)
        self.cancel.setVisible(False)
        self.busy_changed.emit(False)

    def _set_range(self, first_us: int, last_us: int) -> None:
        zone = QTimeZone(8 * 3600)
        end = QDateTime.fromSecsSinceEpoch(last_us // 1_000_000 + 1, zone)
        start = QDateTime.fromSecsSinceEpoch(max(first_us // 1_000_000, last_us // 1_000_000
                                                 - 8 * 3600), zone)
        self.since.setDateTime(start)
        self.until.setDateTime(end)
        self.replay.seek_to(last_us)

    def _alert_selected(self, current: Any, _previous: Any) -> None:
        alert_id = self.alerts.key(current.row())
        life = self._lives.get(alert_id or "")
        if life is not None:
            self.changes.set_table(changes_table(life.alert_id, [life]))

    def _open_subject(self, index: Any) -> None:
        subject = self.alerts.table.rows[index.row()][self.alerts.table.columns.index("subject")]
        if isinstance(subject, str):
            self.show_container(subject)

    def _current_table(self) -> Table:
        index = self.tabs.currentIndex()
        if index == 1:
            return self.story_events.table
        if index == 3:
            return self.kpis.officers.table
        return self.alerts.table

    def _ask_csv(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export CSV"), "", "CSV (*.csv)")
        if name:
            self.export_table(self._current_table(), Path(name))

    def _ask_pdf(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Shift report"), "", "PDF (*.pdf)")
        if name:
            self.export_report(Path(name))

    def closeEvent(self, event: Any) -> None:
        self.replay.play.setChecked(False)
        self.runner.shutdown()
        if self._replay_store is not None:
            self._replay_store.close()
            self._replay_store = None
        super().closeEvent(event)
