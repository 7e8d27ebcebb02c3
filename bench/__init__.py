"""Benchmarks: load, build, page queries and memory at 1x and 10x (see README.md)."""
