"""A refused sign-in or unlock in the officer's language (`SignInRefused.code`).

The core says why in English (`reason`, for logs and the command line) and
names the reason with a code and its figures; the dialogs show these words.
A cool-down's end is shown in the terminal's zone, as every time on the desk.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.officers.account import SignInRefused
from console.timefmt import terminal_time


def refusal_words(refusal: SignInRefused) -> str:
    p = refusal.params
    code = refusal.code
    if code == "wrong_password":
        return QCoreApplication.translate("SignInRefusal", "unknown name or wrong password")
    if code == "cooling_down":
        until = terminal_time(str(p.get("until", "")))
        text = QCoreApplication.translate(
            "SignInRefusal",
            "%1 wrong passwords in a row; try again after %2, or ask an installer")
        return text.replace("%1", str(p.get("failures", ""))).replace(
            "%2", until[11:] if len(until) == 19 else until)
    if code == "tampered":
        return QCoreApplication.translate(
            "SignInRefusal", "This account's record was changed outside the console: it "
            "cannot sign in until an installer restores it (users passwd).")
    if code == "disabled":
        return QCoreApplication.translate("SignInRefusal",
                                          "this account is disabled; ask an installer")
    if code == "role_changed":
        return QCoreApplication.translate("SignInRefusal",
                                          "this account's role changed; sign in again")
    if code == "nobody_signed_in":
        return QCoreApplication.translate("SignInRefusal", "nobody is signed in")
    return refusal.reason
