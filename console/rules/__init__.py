"""The customs supervision rules (docs/supervision-rules.md) and the supervisor that runs them."""
