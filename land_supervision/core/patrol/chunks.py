"""Array work on pairs in chunks on a few threads (shapely and numpy release the GIL)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import shapely


def in_chunks(func: Callable[..., np.ndarray], threads: int, *arrays: np.ndarray,
              chunk: int | None = None) -> np.ndarray:
    """``func`` over aligned arrays, cut into chunks (of ``chunk`` items, else about four per thread) run on
    ``threads`` threads, results concatenated in order."""
    n = len(arrays[0])
    chunk = chunk or max(5000, n // max(threads * 4, 1) + 1)
    slices = [slice(i, min(i + chunk, n)) for i in range(0, n, chunk)]
    if len(slices) <= 1:
        return func(*arrays)

    def run(sl: slice) -> np.ndarray:
        return func(*(a[sl] for a in arrays))

    if threads <= 1:
        return np.concatenate([run(sl) for sl in slices])
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return np.concatenate(list(pool.map(run, slices)))


def prepared_predicate(predicate: Callable, pieces: np.ndarray, others: np.ndarray, piece_idx: np.ndarray,
                       other_idx: np.ndarray, threads: int) -> np.ndarray:
    """predicate(pieces[piece_idx[k]], others[other_idx[k]]) per pair, with the pieces prepared, in threads.

    Each chunk prepares copies of its own pieces: GEOS builds a prepared geometry's indexes on first use, so
    one prepared geometry used by two threads at once can crash the process.
    """
    if len(piece_idx) == 0:
        return np.zeros(0, dtype=bool)

    def run(at_piece: np.ndarray, b: np.ndarray) -> np.ndarray:
        distinct, at = np.unique(at_piece, return_inverse=True)
        copies = shapely.from_wkb(shapely.to_wkb(pieces[distinct]))
        shapely.prepare(copies)
        return predicate(copies[at], b)

    return in_chunks(run, threads, piece_idx, others[other_idx])
