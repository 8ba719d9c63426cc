"""Alerts and their life (ISA-18.2): raise, clear, acknowledge, resolve, shelve, escalate."""
