"""The test bed: the terminal simulator and the tools that record synthetic history.

Apart from the product: nothing in `console` or `ui` imports it (an import-linter
contract); the demo and the benchmarks start it from the composition root.
"""
