"""Pipelines: read the exports as they come, validate, quarantine with reasons, load."""
