"""The README's key table is the window's: every shortcut the window has is in the README's
"Keys" line, and every key the line names is one the window (or the camera wall) answers."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
from pathlib import Path

from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from tests.test_ui_mainwindow import make_window

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
CAMERA_WALL_KEYS = {"S", "F9"}  # ui/cctv/wall.py: the evidence snapshot


def readme_keys() -> set[str]:
    line = re.search(r"(?ms)^- Keys: (.*?)(?=^\S|^- |\Z)", README)
    assert line is not None, "the README has no '- Keys:' line"
    text = " ".join(line.group(1).split())
    keys: set[str] = set()
    for combo in re.findall(r"\b((?:Ctrl\+)?(?:Shift\+)?(?:F\d+|[0-9A-Z](?:/[0-9])*))\b", text):
        head, _, tail = combo.rpartition("+")
        for key in tail.split("/"):
            keys.add(f"{head}+{key}" if head else key)
    return {k for k in keys if "+" in k or re.fullmatch(r"F\d+|S", k)}


def test_the_readme_key_table_matches_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    try:
        shortcuts = {a.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
                     for a in window.actions_by_name.values() if not a.shortcut().isEmpty()}
    finally:
        window.close()
    documented = readme_keys()
    assert shortcuts - documented == set(), "shortcuts the README does not list"
    assert documented - shortcuts - CAMERA_WALL_KEYS == set(), "README keys the window lacks"
