"""The console window: map in the middle, docks around it, wiring in one place.

`MainWindow` receives everything it shows (the display state, the announcer,
the translations, the settings) from the composition root (`ui.app`) and
creates only widgets.  All signal wiring is in `_connect_signals`.  Every dock
and toolbar has an `objectName`, so `saveState`/`restoreState` put them back
where the officer left them; the settings object is passed in, so tests point
it at a temporary file.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QRect, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.officers.permissions import Operation, allowed
from ui import desk_layout, startup_marks
from ui import severity as sev
from ui.alerts.announcer import AlertAnnouncer
from ui.alerts.banner import AlertBanner
from ui.alerts.queue_panel import AlertQueuePanel
from ui.alerts.rules import rule_title
from ui.display import DisplayState
from ui.health.panel import FeedHealthPanel
from ui.help_overlay import ShortcutOverlay
from ui.i18n import LANGUAGES, Translations
from ui.inspector import report
from ui.inspector.panel import InspectorPanel
from ui.operations.officer_session import OfficerSession
from ui.operations.panel import OperationsPanel
from ui.operations.sign_in_dialog import SignInDialog
from ui.operations.unlock_dialog import UnlockDialog
from ui.yard.legend import YardLegend
from ui.yard.map_widget import LAYERS, YardMap
from ui.yard.search_box import ContainerSearchBox

FOCUS_SCALE = 6.0  # pixels per metre when jumping to something: one block's bays and rows
FRAME_M = 240.0  # metres of surroundings shown around a selected alert: its block and neighbours


class MainWindow(QMainWindow):
    """The console window.

    Signals:
        closed() – the window was closed (its layout is saved by then)
    """

    closed = Signal()

    def __init__(
        self,
        display: DisplayState,
        announcer: AlertAnnouncer,
        translations: Translations,
        settings: QSettings,
        cctv: QWidget | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("yardConsoleWindow")
        self.display = display
        self.announcer = announcer
        self.translations = translations
        self.settings = settings
        self.internal_errors = 0

        self.map = YardMap(display.picture)
        self.banner = AlertBanner()
        self.centre = QWidget()
        self.centre.setObjectName("centralArea")
        self.centre_box = QVBoxLayout(self.centre)
        self.centre_box.setContentsMargins(0, 0, 0, 0)
        self.centre_box.setSpacing(0)
        self.centre_box.addWidget(self.banner)
        self.centre_box.addWidget(self.map, 1)
        self.setCentralWidget(self.centre)

        self.queue = AlertQueuePanel(display.alerts)
        self.inspector = InspectorPanel()
        self.operations = OperationsPanel()
        self.officers: OfficerSession | None = None
        self.sign_in_dialog: SignInDialog | None = None
        self.unlock_dialog: UnlockDialog | None = None
        self.health = FeedHealthPanel(display.health)
        self.legend = YardLegend()
        if cctv is None:
            cctv = QLabel()
            cctv.setObjectName("cctvPlaceholder")
        self.cctv = cctv
        self.docks: dict[str, QDockWidget] = {}
        self._dock("alertsDock", self.queue, Qt.DockWidgetArea.RightDockWidgetArea)
        self.inspector_tabs = QTabWidget()
        self.inspector_tabs.setObjectName("inspectorTabs")
        self.inspector_tabs.addTab(self.operations, "")
        self.inspector_tabs.addTab(self.inspector, "")
        self._dock("inspectorDock", self.inspector_tabs, Qt.DockWidgetArea.RightDockWidgetArea)
        self._dock("healthDock", self.health, Qt.DockWidgetArea.BottomDockWidgetArea)
        self._dock("legendDock", self.legend, Qt.DockWidgetArea.BottomDockWidgetArea)
        self._dock("cctvDock", self.cctv, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.desk_preset = ""
        self.screens_available: Callable[[], list[QRect]] = desk_layout.available_screens
        self.second_screen: QSplitter | None = None
        self.selected_alert: str | None = None

        self.search = ContainerSearchBox(lambda: self.display.picture.where.keys() |
                                         self.display.picture.status.keys())
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(True)
        self.layer_bar = QToolBar()
        self.layer_bar.setObjectName("layerToolbar")
        self.addToolBar(self.toolbar)
        self.addToolBar(self.layer_bar)
        self.actions_by_name: dict[str, QAction] = {}
        self._build_actions()

        self.feed_label = QLabel()
        self.feed_label.setObjectName("statusFeeds")
        self.alert_label = QLabel()
        self.alert_label.setObjectName("statusAlerts")
        self.count_label = QLabel()
        self.count_label.setObjectName("statusContainers")
        self.store_label = QLabel()
        self.store_label.setObjectName("statusStore")
        self.store_label.setStyleSheet("color: #ff6a5a; font-weight: bold;")
        for w in (self.feed_label, self.alert_label, self.count_label):
            self.statusBar().addWidget(w)
        self.statusBar().addPermanentWidget(self.store_label)
        self.overlay = ShortcutOverlay(self)
        self.overlay.set_actions(list(self.actions_by_name.values()))

        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self._connect_signals()
        self.retranslate()
        self.restore_layout()
        self.ticker.start()
        startup_marks.install_from_env(self, self.map,
                                       lambda: self.display.picture.container_count)

    # -- construction ----------------------------------------------------------
    def _dock(self, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock, Qt.Orientation.Horizontal
                           if area == Qt.DockWidgetArea.BottomDockWidgetArea
                           else Qt.Orientation.Vertical)
        self.docks[name] = dock
        return dock

    def _action(self, name: str, shortcut: str | None = None, checkable: bool = False,
                checked: bool = False) -> QAction:
        act = QAction(self)
        act.setObjectName(name)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.setCheckable(checkable)
        act.setChecked(checked)
        self.addAction(act)
        self.actions_by_name[name] = act
        return act

    def _build_actions(self) -> None:
        self._action("actionHelp", "F1")
        self._action("actionSearch", "Ctrl+F")
        self._action("actionFocusMap", "Ctrl+1")
        self._action("actionFocusAlerts", "Ctrl+2")
        self._action("actionFocusInspector", "Ctrl+3")
        self._action("actionFitAll", "Ctrl+0")
        self._action("actionGoToAnnounced", "F8")
        self._action("actionDismissBanner", "Ctrl+D")
        self._action("actionMute", "Ctrl+M", checkable=True)
        self._action("actionLanguage", "Ctrl+L")
        self._action("actionFocusOperations", "Ctrl+4")
        self._action("actionSignIn", "Ctrl+I")
        self._action("actionLock", "Ctrl+Shift+L")
        self._action("actionHistory", "Ctrl+H")
        self._action("actionDeskLayout", "Ctrl+Shift+R")
        self.toolbar.addWidget(self.search)
        for name in ("actionFitAll", "actionMute", "actionLanguage", "actionSignIn",
                     "actionLock", "actionHistory", "actionHelp"):
            self.toolbar.addAction(self.actions_by_name[name])
        # The layers, as a row of toggles or, when the row does not fit, one drop-down
        # button (`fit_toolbars`); the menu holds them either way.
        self.layer_menu = QMenu(self)
        self.layer_menu.setObjectName("layerMenu")
        self.layer_button = QToolButton()
        self.layer_button.setObjectName("layerMenuButton")
        self.layer_button.setMenu(self.layer_menu)
        self.layer_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.layer_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.layer_actions: list[QAction] = []
        for layer in LAYERS:
            act = self._action(f"layer_{layer}", checkable=True, checked=True)
            self.layer_actions.append(act)
            self.layer_menu.addAction(act)
        self.layer_button_action = self.layer_bar.addWidget(self.layer_button)
        self.layer_bar.addActions(self.layer_actions)

    def _connect_signals(self) -> None:
        d, a = self.display, self.actions_by_name
        d.picture_changed.connect(self.map.update)
        d.picture_changed.connect(self._follow_selection)
        d.layout_replaced.connect(self._layout_replaced)
        d.alerts_changed.connect(self._alerts_changed)
        d.feeds_changed.connect(self._feeds_changed)
        d.store_problem.connect(self._store_problem)
        d.alerts.alert_raised.connect(self.announcer.alert_raised)
        self.announcer.announced.connect(self._announce)
        self.banner.go_to.connect(self.go_to_alert)
        self.queue.alert_selected.connect(self.go_to_alert)
        self.queue.alert_activated.connect(self.go_to_alert)
        self.queue.alert_activated.connect(lambda _id: self.focus_operations())
        self.queue.accept_wanted.connect(self.operations.accept_for)
        self.queue.backed_out.connect(self._selection_cleared)
        self.operations.backed_out.connect(self.queue.table.setFocus)
        self.operations.members_for = self.display.alerts.member_ids
        self.operations.sign_in_wanted.connect(self.ask_sign_in)
        self.map.container_clicked.connect(self.show_container)
        self.map.vehicle_clicked.connect(self.show_vehicle)
        self.map.berth_clicked.connect(self.show_berth)
        self.map.vessel_calls = self.display.vessels
        self.search.jump_to.connect(self.jump_to_container)
        self.search.not_found.connect(self._not_found)
        a["actionHelp"].triggered.connect(self.overlay.open)
        a["actionSearch"].triggered.connect(self._focus_search)
        a["actionFocusMap"].triggered.connect(self.map.setFocus)
        a["actionFocusAlerts"].triggered.connect(self.focus_queue)
        a["actionFocusInspector"].triggered.connect(self._focus_inspector)
        a["actionFocusOperations"].triggered.connect(self.focus_operations)
        a["actionSignIn"].triggered.connect(self.ask_sign_in)
        a["actionLock"].triggered.connect(self._lock_now)
        a["actionFitAll"].triggered.connect(self.map.fit_all)
        a["actionGoToAnnounced"].triggered.connect(self._go_to_announced)
        a["actionDismissBanner"].triggered.connect(lambda: self.banner.dismiss())
        a["actionMute"].toggled.connect(self.announcer.set_muted)
        a["actionLanguage"].triggered.connect(self._next_language)
        a["actionDeskLayout"].triggered.connect(lambda: self.apply_desk_preset())
        self.translations.language_changed.connect(lambda _: self._save_preferences())
        for layer in LAYERS:
            a[f"layer_{layer}"].toggled.connect(
                lambda on, name=layer: self.map.set_layer_visible(name, on))
        self.ticker.timeout.connect(self._tick)

    # -- language --------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Yard Console — customs supervision"))
        self.inspector_tabs.setTabText(0, self.tr("Handle alert"))
        self.inspector_tabs.setTabText(1, self.tr("Inspector"))
        titles = {"alertsDock": self.tr("Alerts"), "inspectorDock": self.tr("Inspector"),
                  "healthDock": self.tr("Feed health"), "cctvDock": self.tr("CCTV wall"),
                  "legendDock": self.tr("Legend")}
        for name, title in titles.items():
            self.docks[name].setWindowTitle(title)
        self.toolbar.setWindowTitle(self.tr("Main toolbar"))
        self.layer_bar.setWindowTitle(self.tr("Map layers"))
        self.layer_button.setText(self.tr("Map layers"))
        self.layer_button.setToolTip(self.tr("Show or hide map layers"))
        texts = {
            "actionHelp": self.tr("Keyboard shortcuts"), "actionSearch": self.tr("Find container"),
            "actionFocusMap": self.tr("Focus the map"),
            "actionFocusAlerts": self.tr("Focus the alert queue"),
            "actionFocusInspector": self.tr("Focus the inspector"),
            "actionFocusOperations": self.tr("Handle the selected alert"),
            "actionSignIn": self.tr("Sign in / unlock"),
            "actionLock": self.tr("Lock the console"),
            "actionHistory": self.tr("History review"),
            "actionFitAll": self.tr("Whole terminal"),
            "actionGoToAnnounced": self.tr("Go to the announced alert"),
            "actionDismissBanner": self.tr("Dismiss the announcement"),
            "actionMute": self.tr("Mute alarm sound"),
            "actionLanguage": self.tr("中文 / English"),
            "actionDeskLayout": self.tr("Desk layout for this screen"),
            "layer_zones": self.tr("Zones"), "layer_containers": self.tr("Containers"),
            "layer_vehicles": self.tr("Vehicles"), "layer_cranes": self.tr("Cranes"),
            "layer_fence": self.tr("Fence"), "layer_alerts": self.tr("Alert markers"),
            "layer_labels": self.tr("Labels"),
        }
        for name, text in texts.items():
            self.actions_by_name[name].setText(text)
            self.actions_by_name[name].setToolTip(text)
        if isinstance(self.cctv, QLabel) and self.cctv.objectName() == "cctvPlaceholder":
            self.cctv.setText(self.tr("CCTV wall: no cameras connected"))
            self.cctv.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._update_status()
        self.fit_toolbars()  # the words' widths changed

    def _next_language(self) -> None:
        langs = list(LANGUAGES)
        nxt = langs[(langs.index(self.translations.language) + 1) % len(langs)]
        self.translations.set_language(nxt)

    # -- reactions -------------------------------------------------------------
    def _layout_replaced(self) -> None:
        self.map.set_picture(self.display.picture)
        self._alerts_changed()

    def _cameras_follow(self, x: float, y: float) -> None:
        """Point the CCTV wall (when there is one) at a place on the map."""
        follow = getattr(self.cctv, "follow_point", None)
        if callable(follow):
            follow(x, y)

    def _alerts_changed(self) -> None:
        self.map.set_markers(self.display.markers())
        self._update_status()
        subject = self.inspector.subject
        if subject is not None and subject[0] == "alert":
            self.inspector.refresh()
        self.operations.refresh()

    def _feeds_changed(self) -> None:
        self.map.set_stale_layers(self.display.stale_layers())
        self._update_status()

    def _store_problem(self, text: str) -> None:
        self.store_label.setText(self.tr("Storage problem: %1").replace("%1", text) if text else "")

    def show_internal_error(self, text: str) -> None:
        """A bug was caught and logged; say so plainly, keep running."""
        self.internal_errors += 1
        self.statusBar().showMessage(
            self.tr("Internal error logged (the console keeps running): %1").replace("%1", text),
            15000)

    def _announce(self, alert_id: str, severity: str) -> None:
        row = self.display.alerts.row_for(alert_id)
        text = f"{rule_title(row.rule)} · {row.subject}" if row is not None else alert_id
        self.banner.announce(alert_id, severity, text + "   " + self.tr("(F8 to go there)"))

    def _go_to_announced(self) -> None:
        if self.banner.alert_id is not None:
            self.queue.select_alert(self.banner.alert_id)
            self.go_to_alert(self.banner.alert_id)

    def _focus_search(self) -> None:
        self.search.edit.setFocus()
        self.search.edit.selectAll()

    def _not_found(self, text: str) -> None:
        self.statusBar().showMessage(self.tr("No container matches %1").replace("%1", text), 5000)

    def _tick(self) -> None:
        self.display.alerts.tick()
        self.display.health.tick()
        self.map.set_markers(self.display.markers())
        self._update_status()

    def _update_status(self) -> None:
        ok, total = self.display.health.summary()
        self.feed_label.setText(self.tr("Feeds: %1 of %2 healthy").replace("%1", str(ok))
                                .replace("%2", str(total)))
        counts = {s: 0 for s in sev.SEVERITIES}
        show_escalated = self.queue.proxy.show_escalated
        for row in self.display.alerts.rows():
            if row.state == "escalated" and not show_escalated:
                continue  # with a supervisor: not in this officer's queue, not in the count
            counts[row.severity] = counts.get(row.severity, 0) + 1
        self.alert_label.setText("  ".join(f"{sev.GLYPH[s]} {sev.label(s)} {counts[s]}"
                                           for s in sev.SEVERITIES))
        self.count_label.setText(self.tr("Containers in yard: %1").replace(
            "%1", f"{self.display.picture.container_count:,}"))

    # -- intents ---------------------------------------------------------------
    def go_to_alert(self, alert_id: str) -> None:
        row = self.display.alerts.row_for(alert_id)
        if row is None:
            return
        self.banner.dismiss(alert_id)
        self.selected_alert = alert_id
        where = self.display.locate_alert(row)
        if where is not None:
            self.map.frame(where[0], where[1], FRAME_M)
            self._cameras_follow(*where)
        set_alert = getattr(self.cctv, "set_alert", None)
        if callable(set_alert):
            set_alert(alert_id)
        self.inspector.show_subject("alert", alert_id,
                                    lambda: report.alert_html(row, self.display.dossiers))
        self.operations.show_alert(alert_id)
        self.inspector_tabs.setCurrentWidget(self.operations)

    def _follow_selection(self) -> None:
        """The selection ring stays on the selected alert's place (a vehicle moves)."""
        if self.selected_alert is None:
            return
        row = self.display.alerts.row_for(self.selected_alert)
        where = self.display.locate_alert(row) if row is not None else None
        if where is not None and where != self.map.highlight:
            self.map.highlight = where

    def _selection_cleared(self) -> None:
        self.selected_alert = None
        self.map.highlight = None
        self.map.update()
        self.operations.clear_case()

    # -- officers ----------------------------------------------------------------
    def attach_officers(self, officers: OfficerSession, attach: Callable[[OperationsPanel], None],
                        db_hint: str = "") -> None:
        """Officers may act from now on: the panel is attached, the dialogs are ready."""
        self.officers = officers
        attach(self.operations)
        self.sign_in_dialog = SignInDialog(officers, db_hint, self)
        self.unlock_dialog = UnlockDialog(officers, self)
        self.unlock_dialog.other_officer.connect(self.ask_sign_in)
        for dialog in (self.sign_in_dialog, self.unlock_dialog):
            dialog.finished.connect(lambda _result: self.activateWindow())
        officers.changed.connect(self._officers_changed)
        self._officers_changed()

    def ask_sign_in(self) -> None:
        """The sign-in dialog (nobody signed in) or the unlock dialog (locked session)."""
        o = self.officers
        if o is None or self.sign_in_dialog is None or self.unlock_dialog is None:
            self.statusBar().showMessage(self.tr("Actions are not available in this window"),
                                         5000)
            return
        if o.session is not None and o.session.locked:
            self.unlock_dialog.retranslate()
            self.unlock_dialog.open()
            self.unlock_dialog.password.setFocus()
        elif o.session is None:
            self.sign_in_dialog.prepare()
            self.sign_in_dialog.open()
            self.sign_in_dialog.name.setFocus()

    def _lock_now(self) -> None:
        if self.officers is not None:
            self.officers.lock()

    def _officers_changed(self) -> None:
        o = self.officers
        if (o is not None and o.session is not None and o.session.locked
                and self.unlock_dialog is not None and not self.unlock_dialog.isVisible()):
            self.ask_sign_in()
        self.queue.proxy.set_show_escalated(
            o is not None and o.session is not None
            and allowed(o.session.role, Operation.SEE_ESCALATIONS))
        self.operations.refresh()
        self._update_status()  # the counts follow what this role sees

    def focus_queue(self) -> None:
        """Ctrl+2: the queue takes the keys; with nothing selected, its first alert is."""
        self.queue.table.setFocus()
        if self.queue.current_alert_id() is None:
            self.queue.select_row(0)

    def show_first_case(self) -> None:
        """With nothing selected, select the queue's first alert (for `--screenshot`)."""
        if self.queue.current_alert_id() is None and self.queue.select_row(0):
            QApplication.processEvents()

    def focus_operations(self) -> None:
        self.inspector_tabs.setCurrentWidget(self.operations)
        self.operations.proposals.setFocus()

    def _focus_inspector(self) -> None:
        self.inspector_tabs.setCurrentWidget(self.inspector)
        self.inspector.browser.setFocus()

    def jump_to_container(self, ref: str) -> None:
        where = self.display.picture.container_point(ref)
        if where is not None:
            self.map.centre_on(where[0], where[1], FOCUS_SCALE)
        self.show_container(ref)

    def show_container(self, ref: str) -> None:
        where = self.display.picture.container_point(ref)
        if where is not None:
            self._cameras_follow(*where)
        self.inspector_tabs.setCurrentWidget(self.inspector)
        self.inspector.show_subject("container", ref, lambda: report.container_html(
            ref, self.display.picture, self.display.dossiers, self.display.vessels))

    def show_vehicle(self, vehicle_id: str) -> None:
        self.inspector_tabs.setCurrentWidget(self.inspector)
        self.inspector.show_subject("vehicle", vehicle_id,
                                    lambda: report.vehicle_html(vehicle_id, self.display.picture))

    def show_berth(self, berth: str) -> None:
        self.inspector_tabs.setCurrentWidget(self.inspector)
        self.inspector.show_subject("berth", berth,
                                    lambda: report.berth_html(berth, self.display.vessels))

    # -- layout persistence ----------------------------------------------------
    def restore_layout(self) -> None:
        """Put back the officer's layout when it fits these screens, else this screen's preset.

        A two-screen layout comes back as saved (the desk, and the map and cameras window
        with its split) when the same screens are there; otherwise the preset is applied.
        """
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        saved_size = self.settings.value("window/size")
        saved_screen = self.settings.value("window/screen")
        preset = str(self.settings.value("window/preset", "") or "")
        screens = self.screens_available()
        if preset == "two_screens":
            fits = (len(screens) >= 2 and str(self.settings.value("window/screens", "") or "")
                    == desk_layout.screens_key(screens))
        else:
            fits = desk_layout.saved_layout_fits(
                saved_size if isinstance(saved_size, QSize) else QSize(1 << 20, 1 << 20),
                saved_screen if isinstance(saved_screen, QSize) else None, screens)
        if (fits and isinstance(geometry, QByteArray) and isinstance(state, QByteArray)
                and isinstance(saved_size, QSize)):
            self.restoreGeometry(geometry)
            self.resize(saved_size)  # it fits: Qt's own clamp may not know the screens
            self.restoreState(state)
            self.desk_preset = preset
            desk_layout.set_title_bars(self, preset)  # not part of Qt's saved state
            if preset == "two_screens":
                self._restore_second_screen(screens[1])
        else:
            self.apply_desk_preset()
        muted = self.settings.value("alerts/muted", False)
        self.actions_by_name["actionMute"].setChecked(muted in (True, "true"))
        self.fit_toolbars()  # a saved row may not fit this window in this language

    def _restore_second_screen(self, screen: QRect) -> None:
        """The map and cameras window where it was saved (on the second screen) and its split."""
        where = self.settings.value("window/second_geometry")
        if not isinstance(where, QRect) or not screen.contains(where.center()):
            where = screen
        self.show_map_on_second_screen(where)
        split = self.settings.value("window/second_split")
        if self.second_screen is not None and isinstance(split, QByteArray):
            self.second_screen.restoreState(split)

    def apply_desk_preset(self, preset: str | None = None) -> None:
        """The layout preset for these screens (or the one named): see `ui.desk_layout`."""
        screens = self.screens_available()
        desk_layout.apply_preset(self, preset or desk_layout.preset_for(screens), screens)

    def show_map_on_second_screen(self, where: QRect | None) -> None:
        """Map and camera wall in a window of their own on `where`, or back on this desk."""
        if where is None:
            if self.second_screen is not None:
                self.centre_box.addWidget(self.map, 1)
                self.docks["cctvDock"].setWidget(self.cctv)
                self.second_screen.close()
                self.second_screen.deleteLater()
                self.second_screen = None
                self.centre.setMaximumWidth(16777215)
            return
        if self.second_screen is None:
            # A window of its own, but the desk's child: it goes when the desk goes.
            self.second_screen = QSplitter(Qt.Orientation.Vertical, self)
            self.second_screen.setWindowFlag(Qt.WindowType.Window, True)
            self.second_screen.setObjectName("secondScreen")
            self.second_screen.setWindowTitle(self.windowTitle())
            self.second_screen.addWidget(self.map)
            self.second_screen.addWidget(self.cctv)
            self.second_screen.setStretchFactor(0, 3)
            self.second_screen.setStretchFactor(1, 2)
            self.docks["cctvDock"].setWidget(QWidget())
            self.centre.setMaximumWidth(1)
        self.docks["cctvDock"].hide()
        self.docks["healthDock"].raise_()
        self.second_screen.setGeometry(where)
        self.second_screen.show()

    def save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/size", self.size())
        screens = self.screens_available()
        if screens:
            self.settings.setValue("window/screen", screens[0].size())
        self.settings.setValue("window/preset", self.desk_preset)
        self.settings.setValue("window/screens", desk_layout.screens_key(screens))
        if self.second_screen is not None:
            self.settings.setValue("window/second_geometry", self.second_screen.geometry())
            self.settings.setValue("window/second_split", self.second_screen.saveState())
        self._save_preferences()
        self.settings.sync()

    def _save_preferences(self) -> None:
        self.settings.setValue("alerts/muted", self.announcer.muted)
        self.settings.setValue("ui/language", self.translations.language)

    def fit_toolbars(self) -> None:
        """The map layer toggles share the main toolbar's row when they fit; when not
        (English at 1280×720), they fold into one "Map layers" drop-down button, so that
        no button is past the window's edge and no row is taken from the queue."""
        inline = self.layer_actions[0] in self.layer_bar.actions()
        self.layer_button_action.setVisible(not inline)
        if self.toolBarArea(self.toolbar) != self.toolBarArea(self.layer_bar) \
                or self.layer_bar.isFloating() or self.toolbar.isFloating() \
                or self.toolBarBreak(self.layer_bar):
            fits = True  # a row or an edge of its own: Qt's overflow arrow suffices
        else:
            toggles = sum(self.layer_bar.widgetForAction(a).sizeHint().width()
                          if inline and self.layer_bar.widgetForAction(a) is not None else
                          self.layer_bar.fontMetrics().horizontalAdvance(a.text()) + 14
                          for a in self.layer_actions)
            fits = self.toolbar.sizeHint().width() + toggles + 24 <= self.width()
        if fits and not inline:
            self.layer_bar.addActions(self.layer_actions)
        elif not fits and inline:
            for act in self.layer_actions:
                self.layer_bar.removeAction(act)
        self.layer_button_action.setVisible(not fits)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_toolbars()
        if self.overlay.isVisible():
            self.overlay.setGeometry(self.rect())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ticker.stop()
        if self.officers is not None:
            self.officers.close()
        self.save_layout()
        self.banner.dismiss()
        shutdown = getattr(self.cctv, "shutdown", None)
        if callable(shutdown):
            shutdown()
        if self.second_screen is not None:
            self.second_screen.close()
        super().closeEvent(event)
        self.closed.emit()
