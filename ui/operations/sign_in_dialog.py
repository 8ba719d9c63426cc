"""The sign-in dialog: name and password, at this station, before any action.

The alert queue and the map stay visible read-only behind it; it may be
dismissed and opened again (Ctrl+I).  A refusal is shown inline, in words,
and the password field is cleared for the next try.  When the console has no
account at all it says so, with the command an installer runs to create one.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.operations.credentials_dialog import CredentialsDialog
from ui.operations.officer_session import OfficerSession


class SignInDialog(CredentialsDialog):
    def __init__(self, officers: OfficerSession, db_hint: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(officers, "signIn", parent)
        self.db_hint = db_hint
        self.name = QLineEdit()
        self.name.setObjectName("signInName")
        self.name_label = QLabel()
        self.name_label.setBuddy(self.name)
        self.password_label = QLabel()
        self.password_label.setBuddy(self.password)
        self.form = QFormLayout()
        self.form.addRow(self.name_label, self.name)
        self.form.addRow(self.password_label, self.password)
        self.buttons.accepted.connect(self.try_sign_in)
        box = QVBoxLayout(self)
        box.addWidget(self.intro)
        box.addLayout(self.form)
        box.addWidget(self.waiting_line)
        box.addWidget(self.problem)
        box.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sign in"))
        self.intro.setText(self.tr("Sign in at station %1 to act on alerts. The alert queue "
                                   "and the map stay visible without signing in.")
                           .replace("%1", self.officers.station))
        self.name_label.setText(self.tr("Officer name"))
        self.password_label.setText(self.tr("Password"))
        self.waiting_text = self.tr("Signing in…")
        if self.waiting:
            self.waiting_line.setText(self.waiting_text)

    def failed_words(self, reason: str) -> str:
        return self.tr("Not signed in: %1").replace("%1", reason)

    def prepare(self) -> None:
        """Before showing: the last name given is offered selected (typing replaces it); say
        so when there is no account to sign in with."""
        self.problem.clear()
        self.name.selectAll()
        if not self.officers.has_accounts():
            self.show_problem(self.tr("No officer account exists on this console. An installer "
                                      "creates one with: %1")
                              .replace("%1", self.add_command()))

    def add_command(self) -> str:
        db = f" --db {self.db_hint}" if self.db_hint else ""
        return f"yard-console users add NAME --role officer{db}"

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)

    def try_sign_in(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.show_problem(self.tr("Give your officer name."))
            self.name.setFocus()
            return
        self.wait_for(self.officers.sign_in(name, self.password.text()))
