"""The served history model: trained on a store's orders, saved and reused as an artifact, and
the history part of live lists (a planted pattern no text similarity would find)."""
from __future__ import annotations

import csv
import random
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from recommender.catalog import Catalog
from recommender.claims import Claim, Context, verify_claim
from recommender.config import Config
from recommender.engine import Recommender, RecommendRequest
from recommender.history import history_model
from recommender.parsing import merge_facts
from recommender.sequential.model import HistoryModel
from recommender.service import create_app
from recommender.store import Store

SERVICE = "service-token"
AS_SERVICE = {"Authorization": f"Bearer {SERVICE}"}
# Crystal kit -> cast-iron skillet and LEGO shuttle -> tent: orders no text similarity predicts.
PLANTED = {"P001": "P059", "P020": "P051"}


def _orders(path: Path, extra: list[tuple[str, str, str]] = ()) -> Path:  # type: ignore[assignment]
    rng = random.Random(0)
    others = [f"P{i:03d}" for i in range(2, 90) if f"P{i:03d}" not in {"P020", "P051", "P059"}]
    day = date(2024, 1, 1)
    rows: list[tuple[str, str, str]] = []
    for n in range(60):
        first = "P001" if n < 30 else "P020"
        rows += [(f"c{n}", first, str(day)), (f"c{n}", PLANTED[first], str(day + timedelta(days=3)))]
    for n in range(60, 80):
        a, b = rng.sample(others, 2)
        rows += [(f"c{n}", a, str(day)), (f"c{n}", b, str(day + timedelta(days=2)))]
    rows += [("shopper", "P001", "2024-06-01"), *extra]
    with path.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["customer_id", "product_id", "purchased_at"])
        out.writerows(rows)
    return path


def _config(tmp_path: Path, orders: Path, **overrides: object) -> Config:
    return Config.from_env({}, database_url=f"sqlite:///{tmp_path / 'history.db'}", orders_path=str(orders),
                           history_dir=tmp_path / "history", customers_path=tmp_path / "none.json",
                           token=SERVICE, **overrides)


@pytest.fixture(scope="module")
def served(engine: Recommender, tmp_path_factory: pytest.TempPathFactory) -> Recommender:
    tmp = tmp_path_factory.mktemp("history")
    config = _config(tmp, _orders(tmp / "orders.csv"))
    built, _ = Recommender.on_catalog(config, engine.catalog, engine.encoder, Store.from_url(config.database_url))
    return built


def _bought_next_claims(engine: Recommender, rec_id: str, sender: str) -> list[dict]:
    shown = engine.impression(rec_id, sender)
    return [c["values"] for it in shown.items for c in it.evidence["claims"] if c["kind"] == "bought_next"]


def test_a_request_without_content_is_answered_from_the_learned_history(served: Recommender) -> None:
    model = served.history_model
    assert model is not None and model.customers == 81 and "+history@" in served.model_version
    for text in ("surprise me", "what would you recommend?", "anything for me under $100"):
        out = served.recommend(RecommendRequest(sender_id=f"s-{text}", customer_id="shopper", messages=(text,)))
        ids = [it["product_id"] for it in out["recommendation"]["items"]]
        assert ids[0] == "P059", text  # what 30 customers bought right after the crystal kit
        assert "P001" not in ids  # already bought
    claims = _bought_next_claims(served, out["recommendation"]["recommendation_id"], "s-anything for me under $100")
    assert claims and claims[0] == {"title": served.catalog.get("P001").title, "before": "P001",  # type: ignore[union-attr]
                                    "count": 30, "name": claims[0]["name"]}
    first = out["recommendation"]["items"][0]["reasons"]
    assert any("30" in r and "BrightSpark Crystal Growing Kit" in r for r in first)
    why = served.explain(out["recommendation"]["recommendation_id"], 1, "s-anything for me under $100")
    assert "30 customers who bought “BrightSpark Crystal Growing Kit” bought it next" in why["text"]


def test_a_request_with_content_still_decides_the_list(served: Recommender) -> None:
    out = served.recommend(RecommendRequest(sender_id="s-puzzle", customer_id="shopper",
                                            messages=("a jigsaw puzzle",)))
    titles = [it["title"] for it in out["recommendation"]["items"]]
    assert "Puzzle" in titles[0] and all("Skillet" not in t for t in titles)


def test_the_bought_next_claim_is_checked_against_the_counts(served: Recommender) -> None:
    skillet = served.catalog.get("P059")
    assert skillet is not None and served.history_model is not None
    purchases = tuple(served.store.customer("shopper")["purchases"])  # type: ignore[index]
    ctx = Context("", merge_facts([]), purchases, bought_next=served.history_model.bought_next)
    title = served.catalog.get("P001").title  # type: ignore[union-attr]
    good = Claim("bought_next", {"title": title, "before": "P001", "count": 30, "name": "Meadow & Pine"})
    assert verify_claim(good, skillet, ctx)
    assert not verify_claim(Claim("bought_next", {**good.values, "count": 31}), skillet, ctx)
    assert not verify_claim(Claim("bought_next", {**good.values, "before": "P020"}), skillet, ctx)  # not theirs
    assert not verify_claim(good, skillet, replace(ctx, bought_next=None))  # no model, no claim
    assert served.history_model.bought_next("P001", "P059") == 30 and served.history_model.bought_next("P059", "P001") == 0


def test_the_artifact_is_reused_until_the_catalog_or_the_orders_change(
        served: Recommender, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    orders = _orders(tmp_path / "orders.csv")
    config = _config(tmp_path, orders)
    store = Store.from_url(config.database_url)
    from recommender.orders import load_orders

    load_orders(store, served.catalog, orders)
    trained = history_model(config, served.catalog, served.encoder, store)
    assert trained is not None and len(list((tmp_path / "history").glob("*.pt"))) == 1
    trainings: list[str] = []
    real_train = HistoryModel.train.__func__  # type: ignore[attr-defined]

    def counting(cls: type[HistoryModel], *args: object, **kwargs: object) -> HistoryModel:
        trainings.append("trained")
        return real_train(cls, *args, **kwargs)

    monkeypatch.setattr(HistoryModel, "train", classmethod(counting))

    def again(catalog: Catalog) -> HistoryModel | None:
        return history_model(config, catalog, served.encoder, store)

    loaded = again(served.catalog)
    assert trainings == [] and loaded is not None and loaded.key == trained.key
    assert loaded.scores(["P001"]).argmax().item() == served.catalog.index_of("P059")  # type: ignore[union-attr]
    # A price is not what the model learned from: same artifact.
    repriced = Catalog([replace(p, price=(p.price or 0) + 1) for p in served.catalog.products], "v2", "x", [])
    assert again(repriced).key == trained.key and trainings == []  # type: ignore[union-attr]
    # A listing's text is: trained again.
    retitled = Catalog([replace(p, title=p.title + " (2024)") if p.product_id == "P003" else p
                        for p in served.catalog.products], "v3", "x", [])
    assert again(retitled).key != trained.key and trainings == ["trained"]  # type: ignore[union-attr]
    # New orders: trained again, and the new artifact is kept beside the old.
    load_orders(store, served.catalog, _orders(orders, [("shopper", "P020", "2024-07-01")]))
    assert again(served.catalog).key != trained.key and trainings == ["trained"] * 2  # type: ignore[union-attr]
    # An unreadable artifact is trained again, never a crash.
    for path in (tmp_path / "history").glob("*.pt"):
        path.write_bytes(b"not a model")
    assert again(served.catalog) is not None and len(trainings) == 3


def test_too_few_customers_keep_the_embedding_history(engine: Recommender, tmp_path: Path) -> None:
    config = _config(tmp_path, _orders(tmp_path / "orders.csv"), history_min_customers=500)
    built, _ = Recommender.on_catalog(config, engine.catalog, engine.encoder, Store.from_url(config.database_url))
    assert built.history_model is None and "+history" not in built.model_version
    out = built.recommend(RecommendRequest(sender_id="s", customer_id="c0", messages=("surprise me",)))
    items = out["recommendation"]["items"]
    assert items and all(it["product_id"] not in ("P001", "P059") for it in items)  # c0 bought both
    assert all(not any("next:" in r for r in it["reasons"]) for it in items)


async def test_the_service_gives_history_lists_up_to_50_and_forgets_imported_orders(
        aiohttp_client, served: Recommender) -> None:  # type: ignore[no-untyped-def]
    client = await aiohttp_client(create_app(served.config, engine=served))
    health = await (await client.get("/healthz")).json()
    assert health["history_model"]["customers"] == 81
    resp = await client.post("/v1/recommend", json={"sender_id": "web-1", "customer_id": "c5", "k": 50},
                             headers=AS_SERVICE)
    assert resp.status == 200
    items = (await resp.json())["recommendation"]["items"]
    assert len(items) == 50 and len({it["product_id"] for it in items}) == 50
    too_many = await client.post("/v1/recommend", json={"sender_id": "web-1", "customer_id": "c5", "k": 51},
                                 headers=AS_SERVICE)
    assert too_many.status == 400
    resp = await client.delete("/v1/customers/c7/data", headers=AS_SERVICE)
    assert resp.status == 200
    assert served.store.customer("c7") is None and "c7" not in served.store.purchase_sequences()


def test_the_train_command_loads_orders_and_writes_the_artifact_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    import json
    import logging

    from recommender.__main__ import main

    orders = _orders(tmp_path / "orders.csv")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("RECOMMENDER_HISTORY_DIR", str(tmp_path / "history"))
    monkeypatch.setenv("CUSTOMERS", str(tmp_path / "none.json"))
    assert main(["train", "--orders", str(orders)]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["orders"]["added"] == 161 and first["orders"]["customers_created"] == 81
    assert first["history_model"]["customers"] == 81 and Path(first["history_model"]["artifact"]).is_file()
    with caplog.at_level(logging.INFO, logger="recommender.history"):
        assert main(["train", "--orders", str(orders)]) == 0
    second = json.loads(capsys.readouterr().out)
    assert second["orders"]["added"] == 0 and second["history_model"]["artifact"] == first["history_model"]["artifact"]
    assert "loaded" in caplog.text and "trained" not in caplog.text
    assert main(["train", "--orders", str(tmp_path / "missing.csv")]) == 1
    assert "orders file not found" in json.loads(capsys.readouterr().out)["error"]
