"""Whether a valid configuration is also complete: what `config check` and the doctor demand.

A file can be valid and still leave a workstation half-done: with only the
terminal feed, every gate-out is judged against no customs decision at all.
`readiness_problems` lists what keeps a checked configuration from being
ready for an officer:

- no feed with `role = "clearance"` (or none with `role = "terminal"`);
- a role that contradicts the feed's address (`role = "terminal"` on an
  address ending in `/clearance`, or the reverse);
- a token written into the file itself while the file is readable by other
  users of the machine (a warning, as for a token file).

`load_config` does not apply these (a developer's headless run against one
feed still starts); `yard-console config check` and `yard-console doctor`
fail on the errors.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from urllib.parse import urlsplit

from console.config.model import ConsoleConfig, FeedSettings
from console.config.validate import Problem

ROLES = ("terminal", "clearance")


def role_in_url(url: str) -> str | None:
    """The role an address names by its last path segment (`…/clearance`), if any."""
    try:
        last = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1].lower()
    except ValueError:
        return None
    return last if last in ROLES else None


def missing_roles(config: ConsoleConfig) -> list[Problem]:
    """An error for each role no feed carries."""
    have = {f.role for f in config.feeds}
    out = []
    for role in ROLES:
        if role in have:
            continue
        why = ("gate-outs and holds would be judged against no customs decision"
               if role == "clearance" else "there would be no container moves to supervise")
        out.append(Problem(None, "feed", f"no {role} feed: add a [[feed]] table with "
                           f'role = "{role}" (the gateway\'s /{role} address); {why}'))
    return out


def contradicting_roles(feeds: tuple[FeedSettings, ...]) -> list[Problem]:
    """An error for each feed whose role is not the one its address names."""
    out = []
    for i, feed in enumerate(feeds):
        named = role_in_url(feed.url)
        if named is not None and named != feed.role:
            out.append(Problem(feed.line, f"feed[{i + 1}].role",
                               f'is "{feed.role}" but the address ends in /{named}: '
                               f'write role = "{named}" (or correct the address)'))
    return out


def exposed_inline_tokens(config: ConsoleConfig) -> list[Problem]:
    """A warning for each token written into a file other users can read."""
    source = config.source
    if os.name != "posix" or source is None:
        return []
    inline = [(i, f) for i, f in enumerate(config.feeds)
              if f.token is not None and f.token_file is None]
    if not inline:
        return []
    try:
        mode = Path(source).stat().st_mode
    except OSError:
        return []
    if not mode & (stat.S_IRWXG | stat.S_IRWXO):
        return []
    return [Problem(f.line, f"feed[{i + 1}].token",
                    f"is written in {source}, which other users can read; move it to a "
                    f"token_file, or run: chmod 600 {source}", "warning")
            for i, f in inline]


def readiness_problems(config: ConsoleConfig) -> list[Problem]:
    """Everything that keeps a valid configuration from being ready (errors first)."""
    problems = (missing_roles(config) + contradicting_roles(config.feeds)
                + exposed_inline_tokens(config))
    return sorted(problems, key=lambda p: p.severity != "error")
