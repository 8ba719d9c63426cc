"""The window on a real X server (Xvfb) with Qt's xcb platform, not only offscreen.

Offscreen runs hide missing system libraries: the xcb plugin aborts without
libxcb-cursor0 and friends.  This runs the real `yard-console demo` under
`xvfb-run` and checks the same things as the offscreen end-to-end test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import require_tool
from tests.e2e.test_ui_e2e import (
    check_fence_alert_reached_queue_and_map,
    check_screenshot,
    run_demo,
)


@pytest.mark.e2e
@pytest.mark.slow
def test_demo_runs_on_xvfb_with_the_xcb_platform(tmp_path: Path) -> None:
    xvfb_run = require_tool("xvfb-run")
    state, shot, stderr = run_demo(tmp_path, "xcb", xvfb_run, "-a", "-s",
                                   "-screen 0 1920x1080x24")
    assert "Could not load the Qt platform plugin" not in stderr
    check_fence_alert_reached_queue_and_map(state)
    check_screenshot(shot)
