"""Protocol conformance of gateways (the test gateway, the simulator)."""
