"""Micro-batching: concurrent callers share forward passes; overload is refused, not queued."""
from __future__ import annotations

import asyncio
import threading

import pytest
import torch

from recommender.batching import MicroBatcher
from recommender.errors import Overloaded


def fake_encode(calls: list[int]):  # type: ignore[no-untyped-def]
    def encode(texts: list[str]) -> torch.Tensor:
        calls.append(len(texts))
        return torch.tensor([[float(len(t))] for t in texts])
    return encode


async def test_concurrent_requests_share_batches_and_get_their_own_rows() -> None:
    calls: list[int] = []
    batcher = MicroBatcher(fake_encode(calls), max_batch=64, max_wait_ms=20)
    texts = [["a" * i, "b" * (i + 100)] for i in range(1, 21)]
    results = await asyncio.gather(*(batcher.encode(t) for t in texts))
    for t, r in zip(texts, results):
        assert r.squeeze(1).tolist() == [float(len(x)) for x in t]
    assert sum(calls) == 40 and len(calls) < 20, calls
    await batcher.close()


async def test_overload_is_refused() -> None:
    release = threading.Event()

    def slow(texts: list[str]) -> torch.Tensor:
        release.wait(5)
        return torch.zeros(len(texts), 1)

    batcher = MicroBatcher(slow, max_batch=1, max_wait_ms=0, max_pending=2)
    first = asyncio.ensure_future(batcher.encode(["x"]))
    await asyncio.sleep(0.05)  # the worker is now busy with the first text
    waiting = [asyncio.ensure_future(batcher.encode(["y"])) for _ in range(2)]
    await asyncio.sleep(0.05)
    with pytest.raises(Overloaded):
        await batcher.encode(["z"])
    release.set()
    await asyncio.gather(first, *waiting)
    await batcher.close()


async def test_a_failed_batch_fails_its_callers_only() -> None:
    calls = 0

    def flaky(texts: list[str]) -> torch.Tensor:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("device lost")
        return torch.ones(len(texts), 1)

    batcher = MicroBatcher(flaky, max_wait_ms=0)
    with pytest.raises(RuntimeError):
        await batcher.encode(["a"])
    assert (await batcher.encode(["b"])).shape == (1, 1)
    await batcher.close()


async def test_service_sheds_load_with_503_and_retry_after(aiohttp_client, engine) -> None:  # type: ignore[no-untyped-def]
    from recommender.config import Config
    from recommender.service import create_app

    client = await aiohttp_client(create_app(Config.from_env({}, max_pending=0), engine=engine))
    resp = await client.post("/v1/recommend", json={"sender_id": "s", "messages": ["a kite"]})
    assert resp.status == 503 and resp.headers["Retry-After"] == "1"
    assert "try again" in (await resp.json())["error"]


async def test_turns_encoded_before_come_from_the_cache() -> None:
    calls: list[int] = []
    batcher = MicroBatcher(fake_encode(calls), max_wait_ms=0, cache_size=3)
    first = await batcher.encode(["hello", "a gift for my niece"])
    # The next turn of the same conversation: only the new text goes through the model.
    second = await batcher.encode(["hello", "a gift for my niece", "cheaper"])
    assert calls == [2, 1]
    assert second[:2].tolist() == first.tolist() and second[2].item() == float(len("cheaper"))
    assert batcher.cache_hits == 2
    # Bounded: the oldest entry is evicted, then encoded again when asked for.
    await batcher.encode(["another"])
    await batcher.encode(["hello"])
    assert calls == [2, 1, 1, 1]
    await batcher.close()


async def test_no_cache_when_size_is_zero() -> None:
    calls: list[int] = []
    batcher = MicroBatcher(fake_encode(calls), max_wait_ms=0, cache_size=0)
    await batcher.encode(["same"])
    await batcher.encode(["same"])
    assert calls == [1, 1]
    await batcher.close()
