"""Pipelines: read the exports as they come, validate, quarantine with reasons, load."""

import os
import sys
from pathlib import Path

# polars' allocator keeps freed memory for a second (fast: a slice reuses the last one's
# pages). A load larger than LARGE_LOAD_BYTES keeps it for 0.3 s only, then returns it:
# a 60,000-employee region stays under 2 GB, in a fifth less time than returning it at
# once (bench/README.md). Either setting works only before polars is imported; a value
# set by the user is kept.
ALLOCATOR = "_RJEM_MALLOC_CONF"
KEEP_FREED = "background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:1000"
RETURN_FREED = "background_thread:true,dirty_decay_ms:300,muzzy_decay_ms:0"
LARGE_LOAD_BYTES = 2 * 2**30
_USER_ALLOCATOR = ALLOCATOR in os.environ
os.environ.setdefault(ALLOCATOR, KEEP_FREED)


def prepare_memory_for(paths) -> None:
    """Call before polars is imported, with the files or folders about to be loaded."""
    if _USER_ALLOCATOR or "polars" in sys.modules:
        return
    os.environ[ALLOCATOR] = RETURN_FREED if load_bytes(paths) > LARGE_LOAD_BYTES else KEEP_FREED


def load_bytes(paths) -> int:
    """The size of the files given, folders walked (a load of more than LARGE_LOAD_BYTES is large)."""
    total = 0
    for path in map(Path, paths):
        for file in path.rglob("*") if path.is_dir() else [path]:
            try:
                total += file.stat().st_size if file.is_file() else 0
            except OSError:  # gone, or unreadable: the load reports it
                pass
    return total
