"""The composition root: the `yard-console` command wires the core and the window."""
