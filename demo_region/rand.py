"""Seeded random streams: one independent numpy generator per key (e.g. ("hadir", month)),
so the output of one part does not depend on how much another part drew."""

from __future__ import annotations

import zlib

import numpy as np


def stream_key(k: object) -> int:
    return zlib.crc32(str(k).encode()) if not isinstance(k, int) else k & 0xFFFFFFFF


class Rngs:
    def __init__(self, seed: int):
        self.seed = seed % (2**32)

    def __call__(self, *keys: object) -> np.random.Generator:
        return np.random.default_rng(np.random.SeedSequence([self.seed, *[stream_key(k) for k in keys]]))


def splitmix(x: np.ndarray) -> np.ndarray:
    z = x.astype(np.uint64) + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))
