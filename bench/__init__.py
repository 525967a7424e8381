"""Benchmarks: each prints one JSON object of figures and asserts nothing."""
from __future__ import annotations

__all__ = ["sequential"]
