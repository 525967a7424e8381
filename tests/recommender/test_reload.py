"""A changed catalog is served without a restart (POST /v1/admin/reload, or the file watched)."""
from __future__ import annotations

import asyncio
import csv
import shutil
import uuid
from pathlib import Path

import pytest

from recommender.catalog import load_catalog
from recommender.config import ROOT, Config
from recommender.engine import Recommender
from recommender.service import create_app
from recommender.store import Store

SERVICE, ADMIN = "service-token", "admin-token"
AS_SERVICE = {"Authorization": f"Bearer {SERVICE}"}
AS_ADMIN = {"Authorization": f"Bearer {ADMIN}"}
ZEPPELIN = {"product_id": "P999", "title": "Skyward Zeppelin Airship Model Kit",
            "description": "Build a 40 cm zeppelin airship from balsa wood | For ages 10+", "brand": "Skyward",
            "category_path": "Toys & Games > Hobbies > Models", "price": "27.50", "currency": "USD"}


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write(path: Path, records: list[dict[str, str]]) -> None:
    fields = list(dict.fromkeys(k for r in records for k in r))
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", newline="", encoding="utf-8") as f:
        out = csv.DictWriter(f, fieldnames=fields)
        out.writeheader()
        out.writerows(records)
    tmp.replace(path)  # as a store's feed should: the service never reads half a file


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    path = tmp_path / "catalog.csv"
    shutil.copy(ROOT / "data" / "catalog.csv", path)
    return path


@pytest.fixture
async def client(aiohttp_client, engine: Recommender, store_file: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    config = Config.from_env({}, catalog_path=store_file, cache_dir=tmp_path / "cache", token=SERVICE,
                             admin_token=ADMIN, database_url=f"sqlite:///{tmp_path / 'reload.db'}")
    catalog = load_catalog(store_file)
    store = Store.from_url(config.database_url)
    store.load_customers(config.customers_path)
    first, _ = Recommender.on_catalog(config, catalog, engine.encoder, store)
    return await aiohttp_client(create_app(config, engine=first))


async def recommend(client, sender: str, text: str) -> dict:  # type: ignore[no-untyped-def]
    resp = await client.post("/v1/recommend", json={"sender_id": sender, "messages": [text]}, headers=AS_SERVICE)
    assert resp.status == 200, await resp.text()
    return (await resp.json())["recommendation"]


async def version(client) -> str:  # type: ignore[no-untyped-def]
    return (await (await client.get("/healthz")).json())["catalog"]["version"]


async def test_a_reload_serves_the_new_catalog_and_earlier_lists_still_resolve(client, store_file: Path) -> None:  # type: ignore[no-untyped-def]
    sender = str(uuid.uuid4())
    shown = await recommend(client, sender, "science kit under $40")
    gone = shown["items"][1]
    write(store_file, [r for r in rows(store_file) if r["product_id"] != gone["product_id"]] + [ZEPPELIN])
    before = await version(client)
    resp = await client.post("/v1/admin/reload", headers=AS_ADMIN)
    report = await resp.json()
    assert resp.status == 200, report
    assert (report["added"], report["removed"], report["encoded"]) == (1, 1, 1)  # the rest came from the cache
    assert await version(client) not in (before, "") and report["catalog_version"] == await version(client)

    ref = {"sender_id": sender, "recommendation_id": shown["recommendation_id"], "position": 2}
    why = await (await client.post("/v1/explain", json=ref, headers=AS_SERVICE)).json()
    assert why["product_id"] == gone["product_id"] and "no longer in the store's catalog" in why["text"]
    answer = await (await client.post("/v1/ask", json={**ref, "question": "does it need batteries?"},
                                      headers=AS_SERVICE)).json()
    assert answer["answered"] is False and "no longer in the store's catalog" in answer["answer"]
    kept = await (await client.post("/v1/explain", json={**ref, "position": 1}, headers=AS_SERVICE)).json()
    assert "no longer" not in kept["text"]
    compared = await (await client.post("/v1/compare", json={**ref, "positions": [1, 2]}, headers=AS_SERVICE)).json()
    assert "no longer in the store's catalog" in compared["text"]
    new = await recommend(client, sender, "a zeppelin airship model")
    assert new["items"][0]["product_id"] == "P999"
    assert gone["product_id"] not in {i["product_id"] for i in (await recommend(client, sender, "science kit"))["items"]}


async def test_only_the_admin_token_reloads(client) -> None:  # type: ignore[no-untyped-def]
    assert (await client.post("/v1/admin/reload")).status == 401
    resp = await client.post("/v1/admin/reload", headers=AS_SERVICE)
    assert resp.status == 401 and "admin token" in (await resp.json())["error"]
    assert (await client.post("/v1/admin/reload", headers=AS_ADMIN)).status == 200


@pytest.mark.parametrize("damage", ["empty", "garbage", "no rows", "missing"])
async def test_a_catalog_that_cannot_be_served_is_refused_and_the_current_one_stays(  # type: ignore[no-untyped-def]
        client, store_file: Path, damage: str) -> None:
    before = await version(client)
    if damage == "missing":
        store_file.unlink()
    else:
        store_file.write_bytes({"empty": b"", "garbage": b"\x00\xff\xfe binary \x00\x01",
                                "no rows": b"product_id,title,price\n,,\n"}[damage])
    resp = await client.post("/v1/admin/reload", headers=AS_ADMIN)
    body = await resp.json()
    assert resp.status == 422 and body["error"].startswith("catalog not reloaded, the current one stays")
    assert await version(client) == before
    health = await (await client.get("/healthz")).json()
    assert health["catalog"]["last_reload_error"] and health["products"] >= 80
    assert len((await recommend(client, str(uuid.uuid4()), "science kit"))["items"]) >= 3


async def test_requests_during_a_reload_each_see_one_whole_catalog(client, store_file: Path) -> None:  # type: ignore[no-untyped-def]
    renamed = [{**r, "product_id": f"{r['product_id']}-N", "description": f"{r['description']} | Restocked"}
               for r in rows(store_file)]
    write(store_file, renamed)  # every id and every text new: the reload encodes the whole catalog

    async def ask_soon(i: int) -> dict:
        await asyncio.sleep(0.05 * i)
        return await recommend(client, str(uuid.uuid4()), ["science kit", "a puzzle", "lego", "a doll"][i % 4])

    reload, *lists = await asyncio.gather(client.post("/v1/admin/reload", headers=AS_ADMIN),
                                          *(ask_soon(i) for i in range(24)))
    assert reload.status == 200
    for shown in lists:
        renamed_ids = {i["product_id"].endswith("-N") for i in shown["items"]}
        assert len(renamed_ids) == 1, shown["items"]  # all old or all new, never a mix
    after = await recommend(client, str(uuid.uuid4()), "science kit")
    assert all(i["product_id"].endswith("-N") for i in after["items"])


async def test_the_watched_catalog_file_is_reloaded_by_itself(aiohttp_client, engine: Recommender,  # type: ignore[no-untyped-def]
                                                              store_file: Path, tmp_path: Path) -> None:
    config = Config.from_env({}, catalog_path=store_file, cache_dir=tmp_path / "cache", catalog_watch_s=0.2,
                             database_url=f"sqlite:///{tmp_path / 'watch.db'}")
    catalog = load_catalog(store_file)
    first, _ = Recommender.on_catalog(config, catalog, engine.encoder, Store.from_url(config.database_url))
    client = await aiohttp_client(create_app(config, engine=first))
    write(store_file, rows(store_file) + [ZEPPELIN])
    for _ in range(100):
        health = await (await client.get("/healthz")).json()
        if health["catalog"]["reloads"]:
            break
        await asyncio.sleep(0.1)
    assert health["catalog"]["reloads"] == 1 and health["products"] == len(catalog) + 1
