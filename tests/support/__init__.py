"""Shared test machinery: the test gateway, its process, fixtures and hostile frames."""
