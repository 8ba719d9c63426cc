"""What the sign-in and unlock dialogs share: an intro, a password, a problem line, OK and Cancel.

A refusal is shown inline in words and the password is cleared for the next
try; success clears both and closes the dialog.  Subclasses lay the widgets
out, connect OK to their action and write the texts in `retranslate`, which
runs again when the language changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QWidget

from ui.operations.officer_session import OfficerSession


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
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refused(self, reason: str) -> None:
        """Say why, and make way for the next try."""
        self.problem.setText(reason)
        self.password.clear()
        self.password.setFocus()

    def succeeded(self) -> None:
        self.password.clear()
        self.problem.clear()
        self.accept()
