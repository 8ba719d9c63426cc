"""What the sign-in and unlock dialogs share: an intro, a password, a problem line, OK and Cancel.

A refusal is shown inline in words and the password is cleared for the next
try; success clears both and closes the dialog.  While the password is checked
(on the session's worker thread, `ui.operations.officer_session`) the dialog
waits: OK and the fields are disabled and the waiting line says so; the window
behind it keeps running.  Subclasses lay the widgets out, connect OK to their
action and write the texts in `retranslate` (`waiting_text` among them),
which runs again when the language changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QWidget

from console.officers.account import SignInRefused
from ui.operations.officer_session import OfficerSession
from ui.operations.refusal_words import refusal_words


class CredentialsDialog(QDialog):
    def __init__(self, officers: OfficerSession, name: str, parent: QWidget | None = None) -> None:
        """`name` prefixes the object names: `{name}Dialog`, `{name}Password`, `{name}Problem`."""
        super().__init__(parent)
        self.setObjectName(f"{name}Dialog")
        self.officers = officers
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName(f"{name}Password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem = QLabel()
        self.problem.setObjectName(f"{name}Problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #ff6a5a; font-weight: bold;")
        self.waiting_line = QLabel()
        self.waiting_line.setObjectName(f"{name}Waiting")
        self.waiting_line.hide()
        self.waiting_text = ""  # set by the subclass's `retranslate`
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        self.waiting = False  # this dialog's attempt is under way
        officers.attempt_finished.connect(self._attempt_finished)

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def wait_for(self, started: bool) -> None:
        """After asking the session to try: wait for `attempt_finished` (if it started)."""
        if not started:
            return
        self.waiting = True
        self.problem.clear()
        self.waiting_line.setText(self.waiting_text)
        self.waiting_line.show()
        self._inputs(False)

    def _inputs(self, enabled: bool) -> None:
        """OK off and the fields read-only while waiting (disabled fields would hand the
        focus, and with it Return, to Cancel)."""
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(enabled)
        for field in self.findChildren(QLineEdit):
            field.setReadOnly(not enabled)

    def _attempt_finished(self, failure: object) -> None:
        if not self.waiting:
            return  # another dialog's attempt, or the demo's sign-in
        self.waiting = False
        self.waiting_line.hide()
        self._inputs(True)
        if failure is None:
            self.succeeded()
        elif isinstance(failure, SignInRefused):
            self.refused(refusal_words(failure))
        else:
            self.refused(self.failed_words(str(failure)))

    def failed_words(self, reason: str) -> str:
        """A store's or an account's error, in the officer's language (its reason as given)."""
        raise NotImplementedError

    def refused(self, reason: str) -> None:
        """Say why, and make way for the next try."""
        self.problem.setText(reason)
        self.password.clear()
        self.password.setFocus()

    def succeeded(self) -> None:
        self.password.clear()
        self.problem.clear()
        self.accept()
