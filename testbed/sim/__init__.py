"""The terminal simulator: a gateway that serves the feed protocol from a simulated terminal.

`testbed.sim.runner.Simulator` is the entry point (used by `yard-console
simulate`, `yard-console demo` and the tests).  The simulation itself
(`testbed.sim.traffic.TrafficModel`) is pure and deterministic for a seed:
it turns simulated time into numbered feed content, and the runner maps wall
time onto simulated time at the chosen speed.
"""
