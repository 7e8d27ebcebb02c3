"""Pipelines: read the exports as they come, validate, quarantine with reasons, load."""

import os

# Let polars' allocator hand freed memory back within a second: a large file is checked
# in slices, and without this the process keeps every slice's peak (handing it back at
# once costs 30 % of the load time). Takes effect only if set before polars is imported.
os.environ.setdefault("_RJEM_MALLOC_CONF", "background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:1000")
