"""The sub-commands of `yard-console`, one module per area (`register(subparsers)`)."""
