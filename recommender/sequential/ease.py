"""EASE: a closed-form item-item linear autoencoder over who bought what (Steck, 2019).

B = argmin ||X - X B||^2 + l2 ||B||^2 with diag(B) = 0, where X is the customers x items
purchase matrix. Its solution is B = -P / diag(P) off the diagonal, P = (X^T X + l2 I)^-1,
so for a catalogue of a few thousand items it costs one matrix inverse.
"""
from __future__ import annotations

import torch


def ease_weights(sequences: dict[int, tuple[int, ...]], n_items: int, l2: float = 200.0) -> torch.Tensor:
    """(I, I) item-to-item weights; score a customer as `history_vector @ weights`.

    Args:
        sequences: each customer's purchases (order is ignored).
        n_items: catalogue size.
        l2: ridge penalty; larger shrinks towards popularity-free co-occurrence.
            200 was best for next-purchase NDCG on a tuning split of the Scientific data.

    >>> w = ease_weights({0: (0, 1), 1: (0, 1), 2: (2,)}, 3, l2=1.0)
    >>> bool(w[0, 1] > w[0, 2])
    True
    """
    if l2 <= 0:
        raise ValueError(f"l2 must be positive, got {l2}")
    x = torch.zeros(len(sequences), n_items, dtype=torch.float64)
    for row, seq in enumerate(sequences.values()):
        x[row, list(seq)] = 1.0
    gram = x.T @ x + l2 * torch.eye(n_items, dtype=torch.float64)
    p = torch.linalg.inv(gram)
    weights = -p / torch.diag(p)
    weights.fill_diagonal_(0.0)
    return weights.float()
