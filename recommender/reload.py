"""A changed catalog served without a restart: the next engine is built beside the serving one,
then swapped in whole.

A request takes the current engine once and uses it to the end, so no answer mixes two
catalogs. Lists shown before a reload stay answerable: they are stored with their items
(`impressions`), and a follow-up about a product the new catalog lacks says so.
"""
from __future__ import annotations

import asyncio
import csv
import logging
import time
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

from recommender.catalog import Catalog, load_catalog
from recommender.engine import Recommender
from recommender.errors import CatalogError

log = logging.getLogger(__name__)


def read_catalog(engine: Recommender) -> Catalog:
    """The catalog file as it is now, or CatalogError saying why it cannot be served."""
    config = engine.config
    try:
        return load_catalog(config.catalog_path, config.catalog_columns, config.default_currency)
    except CatalogError:
        raise
    except (OSError, ValueError, UnicodeError, csv.Error) as exc:  # pyarrow's errors are ValueErrors
        raise CatalogError(f"{Path(config.catalog_path).name} cannot be read: {exc}") from exc


def reloaded(engine: Recommender) -> tuple[Recommender, dict[str, Any]]:
    """A new engine on the catalog file as it is now, sharing `engine`'s model, store and rephraser.

    Only products whose text changed or that are new are encoded and tokenized (the caches are
    per product); the serving engine keeps answering meanwhile.
    """
    started = time.perf_counter()
    catalog = read_catalog(engine)
    fresh, built = Recommender.on_catalog(engine.config, catalog, engine.encoder, engine.store, reword=engine.reword)
    before = {p.product_id for p in engine.catalog.products}
    after = {p.product_id for p in catalog.products}
    report = {"status": "reloaded", "catalog_version": catalog.version, "products": len(catalog),
              "added": len(after - before), "removed": len(before - after), **built,
              "rows_skipped_or_repaired": len(catalog.issues),
              "seconds": round(time.perf_counter() - started, 2)}
    return fresh, report


class LiveEngine:
    """The engine requests are answered by, and the one reload at a time that replaces it."""

    def __init__(self, engine: Recommender, executor: Executor) -> None:
        self.current = engine
        self.path = Path(engine.config.catalog_path)
        self.served = _stamp(self.path)  # the file as the current engine read it
        self.reloads = 0
        self.last_error = ""
        self._executor = executor
        self._lock = asyncio.Lock()

    async def reload(self) -> dict[str, Any]:
        """Build the next engine off the event loop and swap it in; CatalogError keeps the current one."""
        async with self._lock:
            stamp = _stamp(self.path)
            try:
                fresh, report = await asyncio.get_running_loop().run_in_executor(
                    self._executor, reloaded, self.current)
            except CatalogError as exc:
                self.served = stamp  # the watcher waits for the next change rather than retrying this one
                self.last_error = str(exc)
                log.warning("catalog not reloaded, the current one stays: %s", exc)
                raise
            self.current = fresh  # one assignment: each request already holds the engine it started with
            self.served = stamp
            self.reloads += 1
            self.last_error = ""
            log.info("catalog reloaded: %s", report)
            return report

    async def watch(self, every_s: float) -> None:
        """Reload when the catalog file changes (size or modification time) from what was last
        served or refused, once it has stopped changing; a reload asked for over HTTP counts."""
        while True:
            await asyncio.sleep(every_s)
            now = _stamp(self.path)
            if now == self.served:
                continue
            await asyncio.sleep(every_s)  # a writer still at work changes it again: wait for it
            if _stamp(self.path) != now or now == self.served:
                continue
            try:
                await self.reload()
            except CatalogError:
                pass  # logged; the next change is tried again


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size
