"""Pipelines: read the exports as they come, validate, quarantine with reasons, load."""

import os

# Let polars' allocator hand freed memory back at once: a large file is validated in
# slices, and without this the process keeps every slice's peak. It only takes effect
# when set before polars is first imported (the CLI and the benchmark import us first).
os.environ.setdefault("_RJEM_MALLOC_CONF", "background_thread:true,dirty_decay_ms:0,muzzy_decay_ms:0")
