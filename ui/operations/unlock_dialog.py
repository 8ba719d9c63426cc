"""The unlock dialog: the locked console's officer gives the password again.

Only the same officer resumes the session (with their station and role);
someone else signs in instead ("Another officer…"), which ends the locked
session.  Refusals are shown inline in words.

Signals:
    other_officer() – the person at the console wants to sign in as someone else
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from ui.operations.credentials_dialog import CredentialsDialog
from ui.operations.officer_session import OfficerSession


class UnlockDialog(CredentialsDialog):
    other_officer = Signal()

    def __init__(self, officers: OfficerSession, parent: QWidget | None = None) -> None:
        super().__init__(officers, "unlock", parent)
        self.other = QPushButton()
        self.other.setObjectName("unlockOtherOfficer")
        self.buttons.addButton(self.other, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.accepted.connect(self.try_unlock)
        self.other.clicked.connect(self._other)
        box = QVBoxLayout(self)
        box.addWidget(self.intro)
        box.addWidget(self.password)
        box.addWidget(self.waiting_line)
        box.addWidget(self.problem)
        box.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Console locked"))
        s = self.officers.session
        who = s.officer if s is not None else "?"
        self.intro.setText(self.tr("The console is locked. Alerts stay visible and audible; "
                                   "%1, give your password to act again.").replace("%1", who))
        self.password.setPlaceholderText(self.tr("Password"))
        self.other.setText(self.tr("Another officer…"))
        self.waiting_text = self.tr("Checking the password…")
        if self.waiting:
            self.waiting_line.setText(self.waiting_text)

    def failed_words(self, reason: str) -> str:
        return self.tr("Not unlocked: %1").replace("%1", reason)

    def try_unlock(self) -> None:
        self.wait_for(self.officers.unlock(self.password.text()))

    def _other(self) -> None:
        self.officers.sign_out()
        self.reject()
        self.other_officer.emit()
