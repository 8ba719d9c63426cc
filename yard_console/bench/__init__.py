"""Benchmarks of the console's parts, run by `yard-console bench TARGET` (see `commands`)."""
