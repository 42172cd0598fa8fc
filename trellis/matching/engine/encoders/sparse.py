"""Sparse-matrix helpers of the encoders: row norms, top entries per row, packing."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from trellis.matching.engine.encoders.profiles import Sketch


def empty_sketch(n: int, width: int, pad: int = -1) -> Sketch:
    return Sketch(np.full((n, width), pad, np.int32), np.zeros((n, width), np.float32))


def packed(top: sp.csr_matrix, width: int, pad: int = -1) -> tuple[np.ndarray, np.ndarray]:
    """A CSR matrix with at most `width` entries per row as fixed-width id and weight arrays."""
    n = top.shape[0]
    counts = np.diff(top.indptr)
    rows = np.repeat(np.arange(n), counts)
    slots = np.arange(len(top.indices)) - np.repeat(top.indptr[:-1], counts)
    ids = np.full((n, width), pad, np.int32)
    weights = np.zeros((n, width), np.float32)
    ids[rows, slots] = top.indices
    weights[rows, slots] = top.data
    return ids, weights


def row_sums(data: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    sums = np.zeros(len(data) + 1, np.float64)
    np.cumsum(np.asarray(data, np.float64), out=sums[1:])
    return sums[indptr[1:]] - sums[indptr[:-1]]


def row_norms(data: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    squares = np.zeros(len(data) + 1, np.float64)
    np.cumsum(np.asarray(data, np.float64) ** 2, out=squares[1:])
    return np.sqrt(np.maximum(squares[indptr[1:]] - squares[indptr[:-1]], 0.0))


def normalise_rows(matrix: np.ndarray) -> None:
    norms = np.linalg.norm(matrix, axis=1)
    np.divide(matrix, norms[:, None], out=matrix, where=norms[:, None] > 0)


def top_per_row(matrix: sp.csr_matrix, k: int) -> sp.csr_matrix:
    """Keep each row's k entries of largest magnitude (ties: lower column first)."""
    matrix = sp.csr_matrix(matrix)
    matrix.sort_indices()
    counts = np.diff(matrix.indptr)
    if counts.max(initial=0) <= k:
        return matrix
    # Only rows longer than k lose entries: rank just theirs, with one stable
    # sort on (row, -magnitude) packed into a float, so ties keep column order.
    long_rows = np.flatnonzero(counts > k)
    lengths = counts[long_rows]
    offsets = np.r_[0, np.cumsum(lengths)[:-1]]
    entries = np.repeat(matrix.indptr[long_rows] - offsets, lengths) + np.arange(lengths.sum())
    magnitude = np.abs(matrix.data[entries]).astype(np.float64)
    scale = 2 * magnitude.max(initial=0.0) + 1
    row = np.repeat(np.arange(len(long_rows), dtype=np.float64), lengths)
    order = np.argsort(row - magnitude / scale, kind="stable")
    rank = np.arange(len(order)) - np.repeat(offsets, lengths)
    keep = np.ones(len(matrix.data), bool)
    keep[entries[order[rank >= k]]] = False
    kept = np.flatnonzero(keep)
    indptr = np.r_[0, np.cumsum(keep)][matrix.indptr]
    return sp.csr_matrix(
        (matrix.data[kept], matrix.indices[kept], indptr.astype(np.int64)), shape=matrix.shape
    )


def top_right_singular_vectors(matrix: sp.csr_matrix, rank: int, seed: int) -> np.ndarray:
    """columns x rank: the leading right singular vectors (randomized SVD, Halko et al.)."""
    rng = np.random.default_rng(seed)
    sketch = matrix.T @ rng.standard_normal((matrix.shape[0], rank + 10)).astype(np.float32)
    basis, _ = np.linalg.qr(np.asarray(sketch))
    for _ in range(3):  # power iterations sharpen the spectrum
        basis, _ = np.linalg.qr(np.asarray(matrix @ basis))
        basis, _ = np.linalg.qr(np.asarray(matrix.T @ basis))
    _, _, vt = np.linalg.svd(np.asarray(matrix @ basis), full_matrices=False)
    return (basis @ vt.T[:, :rank]).astype(np.float32)
