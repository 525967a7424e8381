"""A small GRU next-purchase model whose item embeddings start from the text embeddings.

Each item's embedding is a learned projection of its (frozen) sentence embedding plus a
learned per-item offset, so items with few purchases still sit near similar texts. It is
trained with a full softmax over the catalogue on every prefix of the training sequences,
which takes seconds to minutes on a CPU for catalogues of a few thousand items.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn


@dataclass(frozen=True)
class NextItemConfig:
    dim: int = 64  # width of item embeddings and GRU state; 128 overfit on the tuning split
    epochs: int = 8  # passes over the prefixes; more overfit on the tuning split
    lr: float = 3e-3  # Adam learning rate
    dropout: float = 0.2  # on the input embeddings
    batch_size: int = 256  # prefixes per step
    max_len: int = 20  # most recent purchases the GRU reads
    seeds: int = 3  # models averaged; single models vary by ~0.005 NDCG


class _GRU(nn.Module):
    def __init__(self, vectors: torch.Tensor, config: NextItemConfig) -> None:
        super().__init__()
        n = vectors.shape[0]
        self.register_buffer("text", vectors.clone())
        self.project = nn.Linear(vectors.shape[1], config.dim)
        self.offset = nn.Embedding(n, config.dim)
        nn.init.normal_(self.offset.weight, std=0.01)
        self.gru = nn.GRU(config.dim, config.dim, batch_first=True)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, history: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """(batch, I) logits of the next item; `history` is right-padded with index I."""
        table = self.project(self.text) + self.offset.weight
        padded = torch.cat([table, table.new_zeros(1, table.shape[1])])
        out, _ = self.gru(self.dropout(padded[history]))
        state = out[torch.arange(len(history)), lengths - 1]
        return state @ table.T


def _pad(histories: list[tuple[int, ...]], n_items: int, max_len: int) -> tuple[torch.Tensor, torch.Tensor]:
    cut = [h[-max_len:] for h in histories]
    x = torch.full((len(cut), max(len(h) for h in cut)), n_items, dtype=torch.long)
    for row, h in enumerate(cut):
        x[row, :len(h)] = torch.tensor(h)
    return x, torch.tensor([len(h) for h in cut])


@dataclass
class NextItemModel:
    """An average of GRUs trained from different seeds."""

    models: list[_GRU]
    config: NextItemConfig

    @classmethod
    def fit(cls, sequences: dict[int, tuple[int, ...]], vectors: torch.Tensor,
            config: NextItemConfig | None = None) -> NextItemModel:
        """Train on every (prefix -> next item) of `sequences` (training data only)."""
        config = config or NextItemConfig()
        pairs = [(seq[:j], seq[j]) for seq in sequences.values() for j in range(1, len(seq))]
        if not pairs:
            raise ValueError("no sequence has two or more purchases to learn from")
        models = []
        for seed in range(config.seeds):
            generator = torch.Generator().manual_seed(seed)
            torch.manual_seed(seed)
            model = _GRU(vectors.float(), config)
            opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=config.lr)
            model.train()
            for _ in range(config.epochs):
                order = torch.randperm(len(pairs), generator=generator).tolist()
                for start in range(0, len(order), config.batch_size):
                    batch = [pairs[i] for i in order[start:start + config.batch_size]]
                    x, lengths = _pad([h for h, _ in batch], len(vectors), config.max_len)
                    loss = nn.functional.cross_entropy(model(x, lengths), torch.tensor([t for _, t in batch]))
                    opt.zero_grad()
                    loss.backward()
                    opt.step()
            model.eval()
            models.append(model)
        return cls(models, config)

    def scores(self, histories: list[tuple[int, ...]]) -> torch.Tensor:
        """(batch, I) mean logits over the seeds."""
        x, lengths = _pad(histories, self.models[0].offset.num_embeddings, self.config.max_len)
        with torch.no_grad():
            return torch.stack([m(x, lengths) for m in self.models]).mean(dim=0)
