"""A learned mix of the history features: small MLPs trained with a softmax over the catalogue.

The linear mix (coordinate ascent on NDCG) weighs each feature the same for every item; an
MLP over the standardised feature vector of each (history, item) pair can learn that, say,
co-occurrence counts matter more for popular items. Several seeds are averaged because
single models disagree by more than the gain. It is trained on the tuning rows only.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from recommender.reproducible import deterministic


@dataclass(frozen=True)
class MixerConfig:
    hidden: int = 8  # units; 16 and 8 tied out-of-fold on the tuning split, 8 is cheaper
    epochs: int = 40  # 20 scored lower out-of-fold on the tuning split
    lr: float = 0.02  # Adam learning rate
    weight_decay: float = 1e-4  # Adam L2
    batch_size: int = 512  # histories per step
    seeds: int = 5  # models averaged
    first_seed: int = 0  # seeds first_seed .. first_seed + seeds - 1


@dataclass
class LearnedMix:
    """score(history, item) = mean over seeds of MLP(standardised features of the pair)."""

    names: tuple[str, ...]
    mean: torch.Tensor  # (F,) feature means over the tuning rows
    std: torch.Tensor  # (F,)
    models: list[nn.Module]

    @classmethod
    def fit(cls, features: dict[str, torch.Tensor], targets: list[int], exclude: torch.Tensor,
            names: tuple[str, ...], config: MixerConfig | None = None) -> LearnedMix:
        """Train on (rows, I) feature matrices of tuning rows whose next item is `targets`.

        `exclude` (rows, I) marks items that may not be the answer (already bought).
        """
        config = config or MixerConfig()
        x = torch.stack([features[n] for n in names], dim=-1)
        mean, std = x.mean(dim=(0, 1)), x.std(dim=(0, 1)).clamp_min(1e-6)
        x = (x - mean) / std
        target = torch.tensor(targets)
        models: list[nn.Module] = []
        with deterministic():
            for seed in range(config.first_seed, config.first_seed + config.seeds):
                torch.manual_seed(seed)
                model = nn.Sequential(nn.Linear(len(names), config.hidden), nn.Tanh(), nn.Linear(config.hidden, 1))
                opt = torch.optim.Adam(model.parameters(), lr=config.lr, weight_decay=config.weight_decay)
                for _ in range(config.epochs):
                    order = torch.randperm(len(target))
                    for start in range(0, len(order), config.batch_size):
                        b = order[start:start + config.batch_size]
                        logits = model(x[b]).squeeze(-1).masked_fill(exclude[b], -1e9)
                        loss = nn.functional.cross_entropy(logits, target[b])
                        opt.zero_grad()
                        loss.backward()
                        opt.step()
                models.append(model.eval())
        return cls(names, mean, std, models)

    def __call__(self, features: dict[str, torch.Tensor]) -> torch.Tensor:
        """(batch, I) scores from the features `fit` was given, by name."""
        x = (torch.stack([features[n] for n in self.names], dim=-1) - self.mean) / self.std
        with torch.no_grad():
            return torch.stack([m(x).squeeze(-1) for m in self.models]).mean(dim=0)
