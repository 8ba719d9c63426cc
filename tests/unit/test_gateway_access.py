"""Access policy: which handshake gets 4401, which 4403, which gets in."""

from __future__ import annotations

import pytest

from console.protocol.messages import CLOSE_BAD_ADDRESS, CLOSE_BAD_TOKEN
from testbed.gateway.access import AccessPolicy

POLICY = {"station-key": {"10.0.0.7", "127.0.0.1"}, "anywhere-key": None}


@pytest.mark.parametrize(
    ("authorization", "address", "code"),
    [
        ("Bearer station-key", "127.0.0.1", None),
        ("bearer  station-key ", "10.0.0.7", None),
        ("Bearer anywhere-key", "192.0.2.1", None),
        ("Bearer station-key", "192.0.2.1", CLOSE_BAD_ADDRESS),
        ("Bearer station-key", None, CLOSE_BAD_ADDRESS),
        ("Bearer other-key", "127.0.0.1", CLOSE_BAD_TOKEN),
        ("Basic station-key", "127.0.0.1", CLOSE_BAD_TOKEN),
        ("Bearer", "127.0.0.1", CLOSE_BAD_TOKEN),
        ("station-key", "127.0.0.1", CLOSE_BAD_TOKEN),
        ("", "127.0.0.1", CLOSE_BAD_TOKEN),
        (None, "127.0.0.1", CLOSE_BAD_TOKEN),
    ],
)
def test_tokens_and_addresses(authorization: str | None, address: str | None,
                              code: int | None) -> None:
    refusal = AccessPolicy(POLICY).refusal(authorization, address)
    assert (refusal[0] if refusal else None) == code
    if refusal is not None:
        assert refusal[1]  # the console shows why


def test_no_tokens_means_open_unless_rejecting() -> None:
    policy = AccessPolicy(None)
    assert policy.refusal(None, None) is None
    policy.rejecting = True
    assert policy.refusal("Bearer anything", "127.0.0.1") == (CLOSE_BAD_TOKEN, "token rejected")
