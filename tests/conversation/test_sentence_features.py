"""The NLU's MiniLM featurizer (bot/sentence_features.py) in Rasa's own Python: after Rasa's
whitespace tokenizer, one dense row per token and one sentence row, none empty where a token
holds a word, whatever the message holds (currency, contractions, hyphens, emoji)."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FEATURIZE = r"""
import json, sys
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from bot.sentence_features import MiniLMFeaturizer

texts = json.loads(sys.argv[1])
tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
featurizer = MiniLMFeaturizer({**MiniLMFeaturizer.get_default_config(), "batch_size": 2}, "minilm")
messages = [Message(data={"text": t}) for t in texts]
tokenizer.process(messages)
featurizer.process_training_data(TrainingData(training_examples=messages[:2]))  # training path
featurizer.process(messages[2:])  # serving path
out = []
for m in messages:
    seq, sent = m.get_dense_features("text")
    tokens = m.get("text_tokens")
    out.append({"tokens": [t.text for t in tokens], "rows": len(seq.features), "dim": seq.features.shape[1],
                "empty_rows": int((abs(seq.features).sum(axis=1) == 0).sum()),
                "sentence": list(sent.features.shape), "norm": float((sent.features ** 2).sum() ** 0.5)})
print(json.dumps(out))
"""
TEXTS = ["a lego set under $50", "i don't want anything e-mailed 🎁 thx", "Schöne Grüße, café!",
         "hi", "a \ud800 lone surrogate"]


def test_every_token_gets_a_vector_in_rasas_python() -> None:
    python = ROOT / ".venv-rasa" / "bin" / "python"
    if not python.exists():
        pytest.skip("no .venv-rasa (make venvs)")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "3"}
    out = subprocess.run([str(python), "-c", FEATURIZE, json.dumps(TEXTS)], cwd=ROOT, capture_output=True,
                         text=True, timeout=300, check=False, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    rows = json.loads(out.stdout.strip().splitlines()[-1])
    assert len(rows) == len(TEXTS)
    for row in rows:
        assert row["rows"] == len(row["tokens"]) and row["dim"] == 384
        assert row["empty_rows"] == 0, row
        assert row["sentence"] == [1, 384] and abs(row["norm"] - 1.0) < 1e-4
