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
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import torch
import torch.nn.functional as F

from recommender.catalog import Catalog
from recommender.encoder import pick_device
from recommender.feedback_types import ACCEPTED, REJECTIONS
from recommender.sequential.data import Item, Row, full_sequences
from recommender.store import Store

if TYPE_CHECKING:
    from recommender.config import Config

log = logging.getLogger(__name__)
POSITIVE, NEGATIVE = ACCEPTED, REJECTIONS  # what a fine-tuning pair learns from


@dataclass(frozen=True)
class FinetuneConfig:
    epochs: int = 1  # one pass is enough for a few thousand pairs on CPU
    batch_size: int = 32  # in-batch negatives: larger is better where memory allows
    lr: float = 3e-5  # standard for MiniLM-size encoders
    scale: float = 20.0  # inverse temperature of the in-batch softmax
    max_seq_length: int = 64  # item texts are short; longer costs time for nothing
    seed: int = 13
    max_minutes: float = 10.0  # stop early rather than overrun a CPU budget


def sequence_pairs(items: list[Item], rows: list[Row], context: int = 3) -> list[Pair]:
    """(recent purchases, next purchase) text pairs from each customer's sequence."""
    pairs: list[Pair] = []
    for seq in full_sequences(rows).values():
        for j in range(1, len(seq)):
            recent = seq[max(0, j - context):j]
            anchor = " | ".join(items[i].text for i in reversed(recent))
            pairs.append((anchor, items[seq[j]].text))
    return pairs


Pair = tuple[str, str] | tuple[str, str, str]  # (anchor, positive[, hard negative])


def finetune(model_path: Path, pairs: list[Pair], out_dir: Path,
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
            anchors = _embed(model, [b[0] for b in batch], device, use_amp)
            # Candidates: every positive in the batch, plus the hard negatives (rejected products).
            negatives = [b[2] for b in batch if len(b) > 2]
            candidates = _embed(model, [b[1] for b in batch] + negatives, device, use_amp)
            logits = cfg.scale * anchors @ candidates.T
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
        "created_at": datetime.now(UTC).isoformat(),
    }, indent=2))
    return out_dir


def _embed(model: torch.nn.Module, texts: list[str], device: str, use_amp: bool) -> torch.Tensor:
    features = model.tokenize(texts)  # type: ignore[operator]
    features = {k: v.to(device) if isinstance(v, torch.Tensor) else v for k, v in features.items()}
    with torch.autocast("cuda", enabled=use_amp):
        out = model(features)["sentence_embedding"]
    return F.normalize(out, dim=-1)


def feedback_pairs(store: Store, catalog: Catalog) -> list[Pair]:
    """(conversation, accepted product[, rejected product]) from logged impressions."""
    from sqlalchemy import select

    from recommender.tables import FeedbackEvent, Impression

    outcome: dict[str, dict[str, list[str]]] = {}
    texts: dict[str, str] = {}
    with store.sessions() as s:
        rows = s.execute(select(Impression.recommendation_id, Impression.request_text, FeedbackEvent.type,
                                FeedbackEvent.product_id)
                         .join(FeedbackEvent, FeedbackEvent.recommendation_id == Impression.recommendation_id)
                         .where(FeedbackEvent.product_id.is_not(None)))
        for rec_id, text, kind, pid in rows:
            side = "accepted" if kind in POSITIVE else "rejected" if kind in NEGATIVE else None
            if side and text.strip():
                texts[rec_id] = text
                if pid is not None:  # the query selects rows with a product, but the column is nullable
                    outcome.setdefault(rec_id, {"accepted": [], "rejected": []})[side].append(pid)
    pairs: list[Pair] = []
    for rec_id, imp in outcome.items():
        imp_text = texts[rec_id]
        accepted = [catalog.get(pid) for pid in imp["accepted"]]
        rejected = [catalog.get(pid) for pid in imp["rejected"]]
        negatives = [p.text for p in rejected if p is not None]
        for i, product in enumerate(p for p in accepted if p is not None):
            if negatives:
                pairs.append((imp_text, product.text, negatives[i % len(negatives)]))
            else:
                pairs.append((imp_text, product.text))
    return pairs


def zero_shot_ndcg(model_path: Path, items: list[Item], train: list[Row], rows: list[Row], k: int = 10,
                   device: str = "auto") -> float:
    """NDCG@k of ranking items by similarity to the history under the model at `model_path`."""
    from recommender.encoder import SentenceTransformerEncoder
    from recommender.sequential.features import FEATURES, SequenceScorer, SequenceStats, batched_scores
    from recommender.sequential.metrics import evaluate

    encoder = SentenceTransformerEncoder(model_path, device)
    vectors = encoder.encode([i.text for i in items]).float().cpu()
    stats = SequenceStats.fit(full_sequences(train), len(items))
    scorer = SequenceScorer(stats, vectors, {**dict.fromkeys(FEATURES, 0.0), "sim_mean": 1.0, "sim_max": 1.0})
    return evaluate(batched_scores(scorer, rows), [r.target for r in rows], k)[f"ndcg@{k}"]


def promote(models_dir: Path, candidate: Path) -> Path:
    """Point `models_dir/current` at `candidate` (atomically), the model the service loads."""
    link = models_dir / "current"
    tmp = models_dir / ".current.tmp"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(candidate.resolve())
    tmp.replace(link)
    return link


def run_finetune(config: Config, args: Any) -> dict[str, Any]:
    """The `finetune` command: train on sequences + feedback, evaluate, promote if better."""
    from recommender.catalog import load_catalog
    from recommender.sequential.data import load_items, load_rows

    pairs: list[Pair] = []
    items: list[Item] = []
    train: list[Row] = []
    if args.items and args.train:
        items, train = load_items(args.items), load_rows(args.train)
        pairs += sequence_pairs(items, train)
    catalog = load_catalog(config.catalog_path, config.catalog_columns, config.default_currency)
    store = Store.from_url(config.database_url)
    feedback = feedback_pairs(store, catalog)
    pairs += feedback
    rng = random.Random(0)
    rng.shuffle(pairs)
    if args.max_pairs:
        pairs = pairs[:args.max_pairs]
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    out = Path(config.models_dir) / f"finetuned-{stamp}"
    base = Path(config.model_path).resolve()
    cfg = FinetuneConfig(epochs=args.epochs, batch_size=min(args.batch_size, max(2, len(pairs))),
                         max_minutes=args.max_minutes)
    finetune(base, pairs, out, cfg, config.device)
    result: dict[str, Any] = {"model": str(out), "base": str(base), "pairs": len(pairs),
                              "feedback_pairs": len(feedback), "promoted": False}
    if items and args.sequences:
        held_out = load_rows(args.sequences)
        result["ndcg@10_base"] = zero_shot_ndcg(base, items, train, held_out, device=config.device)
        result["ndcg@10_new"] = zero_shot_ndcg(out, items, train, held_out, device=config.device)
        if result["ndcg@10_new"] > result["ndcg@10_base"]:
            promote(Path(config.models_dir), out)
            result["promoted"] = True
    else:
        result["note"] = "no --sequences to evaluate on; kept the current model"
    return result
