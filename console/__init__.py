"""Yard Console core: feeds, parser, store, yard state, rules, alerts, operations.

Nothing in this package imports Qt widgets or `ui` (a test enforces it), so the
headless mode and the tests run it without a display.
"""

__version__ = "0.1.0"
