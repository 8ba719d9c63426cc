"""Who may open a feed session: Bearer tokens and the source addresses registered for them.

The protocol (section 1) checks both on the opening handshake and answers a
refusal by closing right after it: 4401 when the token is missing, unknown or
(here) withdrawn by the `rejecting` switch, 4403 when the token is good but
the client's address is not registered for it.  A console treats both as
final, so the reason given must say which one it was.
"""

from __future__ import annotations

from console.protocol.messages import CLOSE_BAD_ADDRESS, CLOSE_BAD_TOKEN


class AccessPolicy:
    """`tokens`: token → allowed source addresses (None: any); `tokens=None`: no auth at all."""

    def __init__(self, tokens: dict[str, set[str] | None] | None) -> None:
        self.tokens = tokens
        self.rejecting = False

    def refusal(self, authorization: str | None, address: str | None) -> tuple[int, str] | None:
        """The close code and reason for a refused client, or None to let it in."""
        if self.rejecting:
            return CLOSE_BAD_TOKEN, "token rejected"
        if self.tokens is None:
            return None
        scheme, _, token = (authorization or "").strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token or token not in self.tokens:
            return CLOSE_BAD_TOKEN, "token missing, unknown or expired"
        allowed = self.tokens[token]
        if allowed is not None and address not in allowed:
            return CLOSE_BAD_ADDRESS, f"address {address} not registered for this token"
        return None
