"""A feed's reason (`FeedStatus.detail`) in the officer's language.

The feed client (`console.feed.client`) writes its reasons in English, with
figures and sometimes a technical tail (an OS error, the gateway's own
words).  `reason_words` recognises each of the client's sentences by its
pattern, says it through Qt's translation (context `FeedReason`) with the
same figures, and leaves the technical tail to the tooltip (the full English
detail stays there).  A reason no pattern knows is shown as written: a peer
may say anything, and its words are evidence.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from ui.i18n import QT_TRANSLATE_NOOP


def _tr(text: str) -> str:
    return QCoreApplication.translate("FeedReason", text)


def _words() -> list[tuple[str, str]]:
    """(pattern over the English detail, its words with %1… for the pattern's groups).

    The words are translated in the catalogue under `FeedReason` (a test checks each)."""
    return [
        ('waiting for a snapshot \\(first connection\\)',
         QT_TRANSLATE_NOOP("FeedReason", 'waiting for a snapshot (first connection)')),
        (r"waiting for a snapshot \(the gateway no longer holds the events after the "
         r"console's last one\)",
         QT_TRANSLATE_NOOP("FeedReason",
                           "waiting for a snapshot (the gateway no longer holds the events after "
                           "the console's last one)")),
        ('waiting for a snapshot \\(the gateway started a new numbering \\(epoch\\)\\)',
         QT_TRANSLATE_NOOP("FeedReason",
                           'waiting for a snapshot (the gateway started a new numbering)')),
        ('resumed after event (\\d+)',
         QT_TRANSLATE_NOOP("FeedReason", 'resumed after event %1')),
        ('state of (.*) as of event (\\d+)',
         QT_TRANSLATE_NOOP("FeedReason", 'state of %1 as of event %2')),
        ('the gateway closed the connection.*',
         QT_TRANSLATE_NOOP("FeedReason", 'the gateway closed the connection')),
        ('the gateway is restarting.*',
         QT_TRANSLATE_NOOP("FeedReason", 'the gateway is restarting')),
        ('the gateway refused a message from the console.*',
         QT_TRANSLATE_NOOP("FeedReason", 'the gateway refused a message from the console')),
        ('the connection was lost.*',
         QT_TRANSLATE_NOOP("FeedReason", 'the connection was lost')),
        ('internal error, reconnecting.*',
         QT_TRANSLATE_NOOP("FeedReason", 'internal error, reconnecting')),
        ('credentials rejected by the gateway \\(HTTP (\\d+)\\)',
         QT_TRANSLATE_NOOP("FeedReason", 'credentials rejected by the gateway (HTTP %1)')),
        ('access refused by the gateway \\(HTTP (\\d+)\\)',
         QT_TRANSLATE_NOOP("FeedReason", 'access refused by the gateway (HTTP %1)')),
        ('the gateway answered HTTP (\\d+)',
         QT_TRANSLATE_NOOP("FeedReason", 'the gateway answered HTTP %1')),
        ("the gateway's certificate is not trusted.*",
         QT_TRANSLATE_NOOP("FeedReason", "the gateway's certificate is not trusted")),
        ('the gateway did not answer within (\\d+) s',
         QT_TRANSLATE_NOOP("FeedReason", 'the gateway did not answer within %1 s')),
        ('the gateway refused the TLS connection.*',
         QT_TRANSLATE_NOOP("FeedReason",
                           'the gateway refused the TLS connection: it may not accept this client '
                           'certificate')),
        ('the gateway closed the TLS connection.*',
         QT_TRANSLATE_NOOP("FeedReason",
                           'the gateway closed the TLS connection: it may require a client '
                           'certificate')),
        ('cannot reach the gateway.*',
         QT_TRANSLATE_NOOP("FeedReason", 'cannot reach the gateway')),
        ('the gateway is feed (.+): resuming after its stored event (\\d+)',
         QT_TRANSLATE_NOOP("FeedReason",
                           'the gateway is feed %1: resuming after its stored event %2')),
        ("the gateway's certificate does not match the pinned fingerprint",
         QT_TRANSLATE_NOOP("FeedReason",
                           "the gateway's certificate does not match the pinned fingerprint")),
        ('the gateway sent no welcome within (\\d+) s',
         QT_TRANSLATE_NOOP("FeedReason", 'the gateway sent no welcome within %1 s')),
        ("the gateway's welcome was a binary frame",
         QT_TRANSLATE_NOOP("FeedReason", "the gateway's welcome was unreadable")),
        ("the gateway's welcome was unreadable.*",
         QT_TRANSLATE_NOOP("FeedReason", "the gateway's welcome was unreadable")),
        ('the gateway did not start with a welcome',
         QT_TRANSLATE_NOOP("FeedReason", 'the gateway did not start with a welcome')),
        ('credentials rejected \\(token missing, unknown or expired\\)',
         QT_TRANSLATE_NOOP("FeedReason",
                           'credentials rejected (token missing, unknown or expired)')),
        ('address not registered for this token at the gateway',
         QT_TRANSLATE_NOOP("FeedReason", 'address not registered for this token at the gateway')),
        ('another session with station id (.+) is connected; retrying slowly',
         QT_TRANSLATE_NOOP("FeedReason",
                           'another session with station id %1 is connected; retrying slowly')),
        ('the gateway sent a frame that is not valid UTF-8',
         QT_TRANSLATE_NOOP("FeedReason", 'the gateway sent a frame that is not valid UTF-8')),
        ('the gateway sent a message too large to read',
         QT_TRANSLATE_NOOP("FeedReason", 'the gateway sent a message too large to read')),
        (r"nothing received for (\d+) s \(heartbeat every ([\d.]+) s\): connection treated "
         r"as dead",
         QT_TRANSLATE_NOOP("FeedReason",
                           'nothing received for %1 s (heartbeat every %2 s): connection treated '
                           'as dead')),
        ('events? ([\\d–, ]+) (?:is|are) missing for good.*',
         QT_TRANSLATE_NOOP("FeedReason", 'events %1 missing for good')),
        ('refusing to send the token to (\\S+) over ws://.*',
         QT_TRANSLATE_NOOP("FeedReason",
                           'refusing to send the token to %1 over ws:// (unencrypted): use wss://')),
        ('the\\ gateway\\ claims\\ events\\ it\\ cannot\\ deliver.*',
         QT_TRANSLATE_NOOP("FeedReason", 'the gateway claims events it cannot deliver')),
        ('now known as (.+)',
         QT_TRANSLATE_NOOP("FeedReason", 'now known as %1')),
    ]


_PATTERNS = [(re.compile(p, re.DOTALL), words) for p, words in _words()]


_PARTS = (QT_TRANSLATE_NOOP("FeedReason", "%1 containers"),
          QT_TRANSLATE_NOOP("FeedReason", "%1 vehicles"),
          QT_TRANSLATE_NOOP("FeedReason", "%1 clearances"),
          QT_TRANSLATE_NOOP("FeedReason", "%1 devices"),
          QT_TRANSLATE_NOOP("FeedReason", "an empty feed"),
          QT_TRANSLATE_NOOP("FeedReason", ", "))


def sources() -> list[str]:
    """Every sentence this module translates (context `FeedReason`)."""
    return [words for _, words in _words()] + list(_PARTS)


def _snapshot_parts(text: str) -> str:
    """`85000 containers, 12 vehicles` in words."""
    words = {"containers": _tr("%1 containers"), "vehicles": _tr("%1 vehicles"),
             "clearances": _tr("%1 clearances"), "devices": _tr("%1 devices")}
    if text == "an empty feed":
        return _tr("an empty feed")
    out = []
    for part in text.split(", "):
        count, _, what = part.partition(" ")
        out.append(words[what].replace("%1", count) if what in words else part)
    return _tr(", ").join(out) if out else text


def known(detail: str) -> bool:
    """Whether `reason_words` says `detail` in the officer's words (a pattern knows it)."""
    return any(p.fullmatch(detail) for p, _ in _PATTERNS)


def reason_words(detail: str) -> str:
    for pattern, words in _PATTERNS:
        m = pattern.fullmatch(detail)
        if m is None:
            continue
        text = _tr(words)
        if text == words:  # English (or no translation): the client's own sentence, whole
            return detail
        groups = list(m.groups())
        if pattern.pattern.startswith("state of") and groups:
            groups[0] = _snapshot_parts(groups[0])
        for i, g in enumerate(groups, start=1):
            text = text.replace(f"%{i}", g or "")
        return text
    return detail
