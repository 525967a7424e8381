"""Micro-batching: concurrent requests share one forward pass of the encoder.

Requests wait at most `max_wait_ms` for company; a full batch goes at once. When more than
`max_pending` requests are waiting, new ones are refused (`Overloaded`) so that the service
sheds load with a 503 instead of queueing without bound.

Every recommend call sends all the shopper's turns so far, so most of its texts were encoded
on an earlier turn: a bounded LRU of vectors (keyed by a hash of the text, never the text
itself) means only the new turn goes through the model.
"""
from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass

import torch

from recommender.errors import Overloaded


@dataclass
class _Job:
    texts: list[str]
    future: asyncio.Future[torch.Tensor]


class MicroBatcher:
    """Collects texts from concurrent callers and encodes them together."""

    def __init__(self, encode: Callable[[list[str]], torch.Tensor], executor: Executor | None = None,
                 max_batch: int = 64, max_wait_ms: float = 4.0, max_pending: int = 256,
                 cache_size: int = 4096) -> None:
        self._encode = encode
        self._executor = executor
        self.max_batch = max_batch
        self.max_wait = max_wait_ms / 1000
        self.max_pending = max_pending
        self._queue: asyncio.Queue[_Job] = asyncio.Queue()
        self._worker: asyncio.Task[None] | None = None
        self.cache_size = cache_size
        self._cache: OrderedDict[bytes, torch.Tensor] = OrderedDict()
        self.batches = 0  # counters for /healthz and tests
        self.encoded = 0
        self.cache_hits = 0

    @property
    def pending(self) -> int:
        return self._queue.qsize()

    async def encode(self, texts: list[str]) -> torch.Tensor:
        """Vectors for `texts`, encoded in a batch with whatever else is waiting."""
        if not texts:
            raise ValueError("nothing to encode")
        keys = [hashlib.blake2b(t.encode("utf-8", "surrogatepass"), digest_size=16).digest() for t in texts]
        rows: list[torch.Tensor | None] = [self._cached(k) for k in keys]
        missing = [i for i, row in enumerate(rows) if row is None]
        self.cache_hits += len(texts) - len(missing)
        if missing:
            if self.pending >= self.max_pending:
                raise Overloaded(f"{self.pending} requests are waiting; try again shortly")
            if self._worker is None or self._worker.done():
                self._worker = asyncio.create_task(self._run())
            job = _Job([texts[i] for i in missing], asyncio.get_running_loop().create_future())
            await self._queue.put(job)
            fresh = await job.future
            for j, i in enumerate(missing):
                rows[i] = fresh[j]
                self._remember(keys[i], fresh[j])
        return torch.stack([r for r in rows if r is not None])

    def _cached(self, key: bytes) -> torch.Tensor | None:
        row = self._cache.get(key)
        if row is not None:
            self._cache.move_to_end(key)
        return row

    def _remember(self, key: bytes, row: torch.Tensor) -> None:
        if self.cache_size <= 0:
            return
        self._cache[key] = row.clone()  # not a view that keeps the whole batch alive
        self._cache.move_to_end(key)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    async def close(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            try:
                await self._worker
            except asyncio.CancelledError:
                pass

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            jobs = [await self._queue.get()]
            size = len(jobs[0].texts)
            deadline = loop.time() + self.max_wait
            while size < self.max_batch:
                timeout = deadline - loop.time()
                if timeout <= 0:
                    break
                try:
                    job = await asyncio.wait_for(self._queue.get(), timeout)
                except TimeoutError:
                    break
                jobs.append(job)
                size += len(job.texts)
            texts = [t for job in jobs for t in job.texts]
            try:
                vectors = await loop.run_in_executor(self._executor, self._encode, texts)
            except Exception as exc:  # noqa: BLE001 - every waiter learns of the failure; the worker goes on
                for job in jobs:
                    if not job.future.done():
                        job.future.set_exception(exc)
                continue
            self.batches += 1
            self.encoded += len(texts)
            start = 0
            for job in jobs:
                if not job.future.done():
                    job.future.set_result(vectors[start:start + len(job.texts)])
                start += len(job.texts)
