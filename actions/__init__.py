"""Rasa custom actions: thin adapters from the dialogue to the recommender service."""
from __future__ import annotations

__all__ = ["actions"]
