"""Fine-tune the sentence encoder on (context -> product) pairs with in-batch negatives.

Pairs come from purchase sequences (recent purchases -> next purchase) and from logged
feedback (conversation -> accepted product). A plain PyTorch loop (multiple-negatives
ranking loss) keeps the dependencies to torch and sentence-transformers; it runs on the
GPU when there is one, on CPU otherwise.
"""
from __future__ import annotations

import json
import logging
import random
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import torch
import torch.nn.functional as F

from recommender.encoder import pick_device
from recommender.sequences import Item, Row, full_sequences

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FinetuneConfig:
    epochs: int = 1  # one pass is enough for a few thousand pairs on CPU
    batch_size: int = 32  # in-batch negatives: larger is better where memory allows
    lr: float = 3e-5  # standard for MiniLM-size encoders
    scale: float = 20.0  # inverse temperature of the in-batch softmax
    max_seq_length: int = 64  # item texts are short; longer costs time for nothing
    seed: int = 13
    max_minutes: float = 10.0  # stop early rather than overrun a CPU budget


def sequence_pairs(items: list[Item], rows: list[Row], context: int = 3) -> list[tuple[str, str]]:
    """(recent purchases, next purchase) text pairs from each customer's sequence."""
    pairs = []
    for seq in full_sequences(rows).values():
        for j in range(1, len(seq)):
            recent = seq[max(0, j - context):j]
            anchor = " | ".join(items[i].text for i in reversed(recent))
            pairs.append((anchor, items[seq[j]].text))
    return pairs


def finetune(model_path: Path, pairs: list[tuple[str, str]], out_dir: Path,
             cfg: FinetuneConfig = FinetuneConfig(), device: str = "auto") -> Path:
    """Train a copy of the model at `model_path` on `pairs` and save it to `out_dir`."""
    from sentence_transformers import SentenceTransformer

    if len(pairs) < cfg.batch_size:
        raise ValueError(f"need at least {cfg.batch_size} pairs to fine-tune, got {len(pairs)}")
    device = pick_device(device)
    torch.manual_seed(cfg.seed)
    rng = random.Random(cfg.seed)
    model = SentenceTransformer(str(model_path), device=device)
    model.max_seq_length = cfg.max_seq_length
    model.train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.lr)
    steps_total = cfg.epochs * (len(pairs) // cfg.batch_size)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min(1.0, (step + 1) / max(1, steps_total // 10)))
    use_amp = device.startswith("cuda")
    started = time.monotonic()
    step = 0
    for epoch in range(cfg.epochs):
        order = pairs[:]
        rng.shuffle(order)
        for start in range(0, len(order) - cfg.batch_size + 1, cfg.batch_size):
            batch = order[start:start + cfg.batch_size]
            anchors = _embed(model, [a for a, _ in batch], device, use_amp)
            positives = _embed(model, [p for _, p in batch], device, use_amp)
            logits = cfg.scale * anchors @ positives.T
            labels = torch.arange(len(batch), device=logits.device)
            loss = F.cross_entropy(logits.float(), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()
            step += 1
            if step % 50 == 0:
                log.info("epoch %d step %d/%d loss %.3f", epoch + 1, step, steps_total, float(loss))
            if time.monotonic() - started > cfg.max_minutes * 60:
                log.warning("fine-tuning stopped at step %d: time budget of %.0f min", step, cfg.max_minutes)
                break
    model.eval()
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save(str(out_dir))
    (out_dir / "finetune.json").write_text(json.dumps({
        "base": str(model_path), "pairs": len(pairs), "steps": step, "device": device,
        "seconds": round(time.monotonic() - started, 1), "config": cfg.__dict__,
        "created_at": datetime.now(timezone.utc).isoformat(),
    }, indent=2))
    return out_dir


def _embed(model: torch.nn.Module, texts: list[str], device: str, use_amp: bool) -> torch.Tensor:
    features = model.tokenize(texts)  # type: ignore[operator]
    features = {k: v.to(device) if isinstance(v, torch.Tensor) else v for k, v in features.items()}
    with torch.autocast("cuda", enabled=use_amp):
        out = model(features)["sentence_embedding"]
    return F.normalize(out, dim=-1)
