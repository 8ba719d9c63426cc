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

from console.officers.account import SignInRefused
from ui.operations.credentials_dialog import CredentialsDialog
from ui.operations.officer_session import OfficerSession
from ui.operations.refusal_words import refusal_words


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

    def try_unlock(self) -> None:
        try:
            self.officers.unlock(self.password.text())
        except SignInRefused as exc:
            self.refused(refusal_words(exc))
            return
        self.succeeded()

    def _other(self) -> None:
        self.officers.sign_out()
        self.reject()
        self.other_officer.emit()
