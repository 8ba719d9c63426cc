"""The dark control-room theme: Fusion, a palette of our own, and fonts with the glyphs.

Dark surfaces keep a night shift's eyes adapted; colour is reserved for what
needs attention (severity, customs status), so the chrome stays grey-blue.
The font is chosen explicitly by family: `Noto Sans CJK TC` (Debian
`fonts-noto-cjk`) has both Latin and Traditional Chinese glyphs; without it
Qt falls back to a font that draws boxes for 櫃場.  `apply_theme` reports which
family it got so the caller can log a missing font.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

CJK_FAMILIES: tuple[str, ...] = ("Noto Sans CJK TC", "Noto Sans TC", "Noto Sans CJK SC",
                                 "WenQuanYi Zen Hei", "AR PL UMing TW")
STYLESHEET = Path(__file__).resolve().parents[1] / "resources" / "theme" / "control-room.qss"


def control_room_palette() -> QPalette:
    pal = QPalette()
    window, base, text = QColor(27, 32, 40), QColor(20, 24, 30), QColor(218, 224, 232)
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor(26, 31, 39),
        QPalette.ColorRole.ToolTipBase: QColor(40, 46, 56),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor(120, 130, 145),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor(38, 44, 54),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor(255, 110, 100),
        QPalette.ColorRole.Highlight: QColor(52, 96, 150),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.Link: QColor(120, 175, 235),
        QPalette.ColorRole.Mid: QColor(50, 56, 66),
        QPalette.ColorRole.Dark: QColor(14, 17, 22),
        QPalette.ColorRole.Light: QColor(60, 68, 80),
    }
    for role, colour in roles.items():
        pal.setColor(role, colour)
    grey = QColor(110, 118, 130)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.WindowText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, grey)
    return pal


def pick_family(preferred: tuple[str, ...] = CJK_FAMILIES) -> str | None:
    available = set(QFontDatabase.families())
    return next((f for f in preferred if f in available), None)


def apply_theme(app: QApplication, point_size: float = 10.0) -> str | None:
    """Style the application; returns the font family used (None when no CJK font is found)."""
    app.setStyle("Fusion")
    app.setPalette(control_room_palette())
    family = pick_family()
    font = QFont(family) if family else QFont(app.font())
    font.setPointSizeF(point_size)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    app.setFont(font)
    if STYLESHEET.exists():
        app.setStyleSheet(STYLESHEET.read_text(encoding="utf-8"))
    return family
