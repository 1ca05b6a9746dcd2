"""Connected components of a graph given as an edge array (the vectorised union-find)."""

from __future__ import annotations

import numpy as np


def connected_labels(n: int, edges: np.ndarray) -> np.ndarray:
    """Component label of each of ``n`` nodes: the smallest node index in its component.

    Vectorised union-find: hook every edge's larger root under its smaller one, then jump
    pointers until each node points at its root; repeat until no edge spans two roots.  The
    result does not depend on edge order.
    """
    labels = np.arange(n, dtype=np.int64)
    if edges.size == 0:
        return labels
    a, b = edges[:, 0], edges[:, 1]
    while True:
        la, lb = labels[a], labels[b]
        open_ = la != lb
        if not open_.any():
            return labels
        la, lb = la[open_], lb[open_]
        np.minimum.at(labels, np.maximum(la, lb), np.minimum(la, lb))
        while True:
            jumped = labels[labels]
            if np.array_equal(jumped, labels):
                break
            labels = jumped
        a, b = a[open_], b[open_]
