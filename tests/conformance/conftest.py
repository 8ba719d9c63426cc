"""Every conformance test runs once per gateway in `TARGETS`."""

from __future__ import annotations

import pytest

from tests.conformance.targets import TARGETS, TargetFactory


@pytest.fixture(params=sorted(TARGETS))
def target_factory(request: pytest.FixtureRequest) -> TargetFactory:
    return TARGETS[request.param]
