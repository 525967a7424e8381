"""The feedback store's contract, run against SQLite and a real PostgreSQL server.

PostgreSQL: tests/setup_postgres.sh installs Debian's package when it is missing and starts a
throwaway server on loopback for this session (or set TEST_POSTGRES_URL to use your own:
a role that may CREATE DATABASE). Every test gets a fresh, empty database of its own.
"""
from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from conftest import on_own_database
from sqlalchemy import insert, inspect, text

from recommender.__main__ import main as cli
from recommender.config import Config
from recommender.database import INITIAL_REVISION, alembic_config, make_engine, upgrade
from recommender.engine import Recommender
from recommender.impressions import ShownItem
from recommender.service import create_app
from recommender.store import Store
from recommender.tables import Base, Customer, utcnow
from recommender.trust import beta_cdf, beta_posterior, beta_ppf

ROOT = Path(__file__).resolve().parents[2]
TABLES = {"customers", "purchases", "impressions", "impression_items", "feedback_events"}
HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


# --- backends: postgres_server and db_url are in conftest.py ---------------------------------
@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store.from_url(db_url)
    yield s
    s.engine.dispose()


def _customers_file(tmp_path: Path, *ids: str) -> Path:
    path = tmp_path / f"customers-{uuid.uuid4().hex[:6]}.json"
    path.write_text(json.dumps([{
        "customer_id": cid, "name": f"Name of {cid}", "email": f"{cid}@example.test",
        "purchases": [
            {"product_id": f"P-{cid}-2", "title": "Telescope", "category_path": "Toys > Science",
             "price": 49.5, "purchased_at": "2024-05-02"},
            {"product_id": "P-SHARED", "title": "Microscope", "category_path": "Toys > Science",
             "price": 25.0, "purchased_at": "2024-03-01"},
        ],
    } for cid in ids]), encoding="utf-8")
    return path


def _items(*specs: tuple[str, str, float]) -> list[ShownItem]:
    return [ShownItem(position=n, product_id=pid, title=f"Title {pid}", price=price, brand="Acme",
                      category_path=category, score=0.5, score_parts={"semantic": 0.4, "history": 0.1},
                      reasons=[f"Reason for {pid}"], evidence={"matched": ["kit"]})
            for n, (pid, category, price) in enumerate(specs, start=1)]


def _impression(store: Store, sender: str, customer: str | None, *specs: tuple[str, str, float]) -> str:
    return store.save_impression(sender_id=sender, customer_id=customer, request_text="a science kit",
                                 constraints={"budget": 40}, model_version="test@1", items=_items(*specs))


# --- migrations ----------------------------------------------------------------------------
def test_migrates_an_empty_database_to_head(db_url: str) -> None:
    store = Store.from_url(db_url)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == HEAD
        assert TABLES <= set(inspect(conn).get_table_names())
        # The migrations build exactly what the models describe: autogenerate finds nothing to do.
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
        insp = inspect(conn)
        assert {ix["name"] for ix in insp.get_indexes("feedback_events")} == {
            f"ix_feedback_events_{c}" for c in ("type", "recommendation_id", "sender_id", "customer_id",
                                                "created_at")}
        for table in ("purchases", "impression_items", "feedback_events"):
            assert [fk["options"].get("ondelete") for fk in insp.get_foreign_keys(table)] == ["CASCADE"]
    store.engine.dispose()
    Store.from_url(db_url).engine.dispose()  # a second start finds it at head and changes nothing


def test_a_database_made_by_create_all_is_adopted(db_url: str) -> None:
    old = make_engine(db_url)
    # What create_all made then: the initial schema (revision 0001's), without alembic_version.
    upgrade(old, INITIAL_REVISION)
    with old.begin() as conn:
        conn.execute(text("DROP TABLE alembic_version"))
    assert "alembic_version" not in inspect(old).get_table_names()
    with old.begin() as conn:
        conn.execute(insert(Customer).values(customer_id="OLD1", name="Old", email="", created_at=utcnow()))
    old.dispose()
    store = Store.from_url(db_url)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == HEAD
    assert store.customer("OLD1") is not None
    store.engine.dispose()


def test_services_starting_together_migrate_once(db_url: str) -> None:
    errors: list[BaseException] = []

    def start() -> None:
        try:
            Store.from_url(db_url).engine.dispose()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    engine = make_engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
    engine.dispose()


# --- customers, impressions, feedback ---------------------------------------------------------
def test_load_customers_is_idempotent(store: Store, tmp_path: Path) -> None:
    path = _customers_file(tmp_path, "K1", "K2")
    assert store.load_customers(path) == 2
    assert store.load_customers(path) == 0
    assert store.load_customers(tmp_path / "missing.json") == 0
    found = store.customers()
    assert [c["customer_id"] for c in found] == ["K1", "K2"]
    assert [p["purchased_at"] for p in found[0]["purchases"]] == ["2024-03-01", "2024-05-02"]
    assert store.customer("K1")["email"] == "K1@example.test"  # type: ignore[index]
    assert store.customer("NOPE") is None


def test_feedback_by_customer_id_and_by_sender_id(store: Store) -> None:
    rec = _impression(store, "s-1", "C1", ("A", "Toys > Science", 30.0), ("B", "Toys > Art", 20.0))
    assert [i.product_id for i in store.impression(rec).items] == ["A", "B"]  # type: ignore[union-attr]
    first = store.record_feedback(type="accepted", sender_id="s-1", customer_id="C1", recommendation_id=rec,
                                  product_id="A", position=1)
    store.record_feedback(type="asked_why", sender_id="s-1", recommendation_id=rec, product_id="B", position=2)
    store.record_feedback(type="rejected", sender_id="s-2", customer_id="C1", product_id="B")
    store.record_feedback(type="accepted", sender_id="s-3", customer_id="C2", product_id="B")
    by_customer = store.feedback("C1")
    assert [(e["type"], e["sender_id"]) for e in by_customer] == [("accepted", "s-1"), ("rejected", "s-2")]
    assert by_customer[0]["id"] == first and by_customer[0]["position"] == 1
    assert [e["type"] for e in store.feedback("s-1")] == ["accepted", "asked_why"]
    assert len(store.feedback()) == 4 and store.feedback("nobody") == []
    with pytest.raises(ValueError, match="unknown feedback type"):
        store.record_feedback(type="loved_it", sender_id="s-1")


def test_session_signals(store: Store) -> None:
    rec1 = _impression(store, "s-1", None, ("A", "Toys", 30.0), ("B", "Toys", 20.0))
    _impression(store, "s-1", None, ("C", "Toys", 10.0))
    _impression(store, "s-other", None, ("D", "Toys", 5.0))
    for kind, pid, ceiling in (("too_expensive", None, 25.0), ("too_expensive", None, 18.5),
                               ("too_expensive", None, 40.0), ("rejected", "A", None),
                               ("wrong_kind", "B", None), ("not_my_style", "C", None), ("accepted", "D", None)):
        store.record_feedback(type=kind, sender_id="s-1", recommendation_id=rec1, product_id=pid,
                              detail={"ceiling": ceiling} if ceiling else {})
    store.record_feedback(type="too_expensive", sender_id="s-other", detail={"ceiling": 1.0})
    signals = store.session_signals("s-1")
    assert signals.price_ceiling == 18.5  # the lowest ceiling asked for in this conversation
    assert signals.rejected == {"A", "B", "C"}
    assert signals.shown == {"A", "B", "C"}
    assert store.session_signals("new").price_ceiling is None


def test_category_feedback_signs(store: Store) -> None:
    rec = _impression(store, "s-1", "C1", ("A", "Toys > Science", 30.0), ("B", "Toys > Art", 20.0),
                      ("C", "Books", 9.0))
    for kind, pid in (("rejected", "A"), ("wrong_kind", "A"), ("not_my_style", "A"), ("accepted", "A"),
                      ("added_to_cart", "B"), ("purchased", "B"), ("asked_why", "C")):
        store.record_feedback(type=kind, sender_id="s-1", customer_id="C1", recommendation_id=rec, product_id=pid)
    store.record_feedback(type="rejected", sender_id="s-9", customer_id="C9", recommendation_id=rec,
                          product_id="B")
    assert store.category_feedback("C1") == {"Toys > Science": -2, "Toys > Art": 2}
    assert store.category_feedback("C9") == {"Toys > Art": -1}


def test_popularity(store: Store, tmp_path: Path) -> None:
    store.load_customers(_customers_file(tmp_path, "K1", "K2"))
    for kind, pid in (("accepted", "P-SHARED"), ("purchased", "X"), ("added_to_cart", "X"),
                      ("rejected", "X"), ("accepted", None)):
        store.record_feedback(type=kind, sender_id="s", product_id=pid)
    assert store.popularity() == {"P-SHARED": 3, "P-K1-2": 1, "P-K2-2": 1, "X": 2}


def test_concurrent_writers_lose_nothing(store: Store) -> None:
    rec = _impression(store, "s-0", None, ("A", "Toys", 1.0))
    ids: list[int] = []
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            for n in range(50):
                ids.append(store.record_feedback(type="asked_why", sender_id=f"w{worker}", recommendation_id=rec,
                                                 product_id="A", detail={"n": n}))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(set(ids)) == 400 and len(store.feedback(limit=10_000)) == 400
    for w in range(8):
        assert sorted(e["detail"]["n"] for e in store.feedback(f"w{w}")) == list(range(50))


def test_json_columns_round_trip(store: Store) -> None:
    constraints = {"budget": {"max": 40.0, "min": None}, "exclude": ["Lego", "ünïcode ✓"], "age": 8}
    item = ShownItem(position=1, product_id="A", title="Kit — “quoted”", price=None, brand="", category_path="",
                     score=-0.125, score_parts={"semantic": 0.75, "feedback": -0.25},
                     reasons=["Within your $40 budget", "For ages 8+ 🧪"],
                     evidence={"matched": ["science", "kit"], "purchase": {"title": "Microscope", "on": "2024-03"},
                               "nested": [[1, 2], {"x": True}]})
    rec = store.save_impression(sender_id="s", customer_id=None, request_text="x", constraints=constraints,
                                model_version="m", items=[item])
    detail = {"ceiling": 19.99, "positions": [1, 3], "note": "日本語", "flag": False}
    store.record_feedback(type="compared", sender_id="s", recommendation_id=rec, detail=detail)
    saved = store.impression(rec)
    assert saved is not None and saved.constraints == constraints
    assert saved.items == (item,)
    assert store.feedback("s")[0]["detail"] == detail


# --- privacy ---------------------------------------------------------------------------------
def _every_row(store: Store) -> list[str]:
    """Every row of every table, as text, to search for an id anywhere (JSON columns included)."""
    rows: list[str] = []
    with store.engine.connect() as conn:
        for table in inspect(conn).get_table_names():
            if table != "alembic_version":
                rows += [f"{table}: {tuple(r)!r}" for r in conn.execute(text(f'SELECT * FROM "{table}"'))]
    return rows


def _two_customers(store: Store, tmp_path: Path) -> tuple[str, str]:
    """Customer `gone` (to be forgotten) and `kept`, with purchases, lists and feedback of each."""
    gone, kept = f"GONE-{uuid.uuid4().hex[:8]}", f"KEPT-{uuid.uuid4().hex[:8]}"
    store.load_customers(_customers_file(tmp_path, gone, kept))
    for who in (gone, kept):
        rec = _impression(store, f"chat-{who}", who, (f"P-{who}", "Toys", 10.0), ("P-SHARED", "Toys", 25.0))
        store.record_feedback(type="accepted", sender_id=f"chat-{who}", customer_id=who, recommendation_id=rec,
                              product_id=f"P-{who}", position=1, detail={"note": f"about {who}"})
        # Before the shopper said who they are, the same conversation had no customer id.
        store.record_feedback(type="asked_why", sender_id=f"chat-{who}", recommendation_id=rec,
                              product_id="P-SHARED", position=2)
        store.record_feedback(type="rejected", sender_id=f"other-chat-{who}", customer_id=who, product_id="P-SHARED")
        # An agent's shell session serving both customers one after the other.
        agent_rec = _impression(store, "agent-shell", who, (f"P-{who}-agent", "Toys", 5.0))
        store.record_feedback(type="too_expensive", sender_id="agent-shell", customer_id=who,
                              recommendation_id=agent_rec, detail={"ceiling": 5.0})
    return gone, kept


def test_forget_leaves_nothing_about_a_customer(store: Store, tmp_path: Path) -> None:
    gone, kept = _two_customers(store, tmp_path)
    before = _every_row(store)
    kept_before = [r for r in before if kept in r]
    exported = store.customer_data(gone)
    deleted = store.forget(gone)
    assert deleted == {"feedback_events": 4, "impression_items": 3, "impressions": 2, "purchases": 2,
                       "customers": 1}
    assert deleted["impressions"] == len(exported["impressions"])
    assert deleted["feedback_events"] == len(exported["feedback_events"])
    after = _every_row(store)
    assert [r for r in after if gone in r] == []  # neither the customer id nor its conversations' sender ids
    assert sorted(r for r in after if kept in r) == sorted(kept_before)
    # One row is added: a hash of the id (not the id), so an orders file loaded again skips them.
    assert len(before) - len(after) == sum(deleted.values()) - 1
    assert store.forget(gone) == dict.fromkeys(deleted, 0)
    assert store.customer(kept) is not None and len(store.feedback(kept)) == 3


def test_forget_a_sender_id_keeps_the_customer(store: Store, tmp_path: Path) -> None:
    gone, _ = _two_customers(store, tmp_path)
    deleted = store.forget(f"chat-{gone}")
    assert deleted == {"feedback_events": 2, "impression_items": 2, "impressions": 1, "purchases": 0,
                       "customers": 0}
    assert [r for r in _every_row(store) if f"chat-{gone}" in r and "other-chat" not in r] == []
    assert store.customer(gone) is not None
    assert [e["sender_id"] for e in store.feedback(gone)] == [f"other-chat-{gone}", "agent-shell"]


def test_customer_data_has_everything_about_the_id(store: Store, tmp_path: Path) -> None:
    gone, _ = _two_customers(store, tmp_path)
    data = store.customer_data(gone)
    assert data["customer"]["customer_id"] == gone and len(data["customer"]["purchases"]) == 2
    assert {i["sender_id"] for i in data["impressions"]} == {f"chat-{gone}", "agent-shell"}
    assert all(i["items"] for i in data["impressions"])
    assert sorted(e["type"] for e in data["feedback_events"]) == ["accepted", "asked_why", "rejected",
                                                                   "too_expensive"]
    by_sender = store.customer_data(f"chat-{gone}")
    assert by_sender["customer"] is None and len(by_sender["impressions"]) == 1
    assert store.customer_data("nobody") == {"id": "nobody", "customer": None, "impressions": [],
                                             "feedback_events": []}


# --- trust figures ---------------------------------------------------------------------------
def test_beta_posterior_known_values() -> None:
    uniform = beta_posterior(0, 0)
    assert (uniform["alpha"], uniform["beta"], uniform["mean"]) == (1.0, 1.0, 0.5)
    assert uniform["ci90"] == pytest.approx([0.05, 0.95], abs=1e-12)
    # Beta(2, 1) has CDF x**2, so its quantiles are square roots.
    assert beta_posterior(1, 0)["ci90"] == pytest.approx([0.05 ** 0.5, 0.95 ** 0.5], abs=1e-12)
    assert beta_cdf(0.5, 7.5, 7.5) == pytest.approx(0.5, abs=1e-14)
    # Beta(9, 3): 0.52991 and 0.92118 (published tables; SciPy's beta.ppf agrees to 1e-15).
    assert beta_posterior(8, 2)["ci90"] == pytest.approx([0.5299132, 0.9211800], abs=1e-7)
    with pytest.raises(ValueError):
        beta_posterior(-1, 0)


def test_beta_quantiles_match_scipy() -> None:
    stats = pytest.importorskip("scipy.stats")
    for a, b in ((0.5, 0.5), (3, 40), (500, 300), (3001, 8), (1, 5000), (12.5, 40)):
        for q in (0.05, 0.5, 0.95):
            assert beta_ppf(q, a, b) == pytest.approx(stats.beta.ppf(q, a, b), abs=1e-10)


def _feedback_for_trust(store: Store) -> None:
    for kind in ("accepted", "added_to_cart", "purchased", "rejected", "explanation_helpful",
                 "explanation_helpful", "explanation_unhelpful", "asked_why"):
        store.record_feedback(type=kind, sender_id="t-chat", customer_id="T1")
    for kind in ("too_expensive", "wrong_kind", "not_my_style"):
        store.record_feedback(type=kind, sender_id="t-anon")


def test_trust_figures(store: Store) -> None:
    _feedback_for_trust(store)
    t1 = store.trust("T1")
    assert (t1["acceptance"]["successes"], t1["acceptance"]["failures"]) == (3, 1)
    assert (t1["acceptance"]["alpha"], t1["acceptance"]["beta"]) == (4.0, 2.0)
    assert t1["acceptance"]["mean"] == pytest.approx(4 / 6)
    lo, hi = t1["acceptance"]["ci90"]
    assert lo < 4 / 6 < hi and beta_cdf(lo, 4, 2) == pytest.approx(0.05) and beta_cdf(hi, 4, 2) == pytest.approx(0.95)
    assert (t1["explanation_helpfulness"]["alpha"], t1["explanation_helpfulness"]["beta"]) == (3.0, 2.0)
    assert t1["events"]["explanation_helpful"] == 2 and t1["total"] == 8
    assert store.trust("t-chat") == t1
    overall = store.trust()
    assert (overall["acceptance"]["successes"], overall["acceptance"]["failures"]) == (3, 4)
    assert overall["total"] == 11
    assert store.trust("nobody")["acceptance"]["ci90"] == pytest.approx([0.05, 0.95])
    report = store.trust_report()
    assert report["overall"] == overall
    assert set(report["customers"]) == {"T1", "t-chat", "t-anon"}
    assert report["customers"]["T1"] == t1 and report["customers"]["t-anon"]["acceptance"]["failures"] == 3


def test_trust_command_prints_one_json_object(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    store = Store.from_url(db_url)
    _feedback_for_trust(store)
    store.engine.dispose()
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("CUSTOMERS", str(tmp_path / "none.json"))
    assert cli(["trust", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"overall", "customers"} and report["overall"]["total"] == 11
    assert report["customers"]["T1"]["acceptance"]["alpha"] == 4.0
    assert cli(["trust", "--customer", "T1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["explanation_helpfulness"]["beta"] == 2.0


# --- the service's privacy and trust routes ----------------------------------------------------
@pytest.fixture
async def client(aiohttp_client, engine: Recommender, db_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The service with the shared model and catalog, on this test's own database."""
    config = Config.from_env({}, database_url=db_url, customers_path=_customers_file(tmp_path, "W1", "W2"))
    own = on_own_database(engine, config)
    yield await aiohttp_client(create_app(config, engine=own))
    own.store.engine.dispose()


async def test_customer_data_and_forget_routes(client) -> None:  # type: ignore[no-untyped-def]
    resp = await client.post("/v1/recommend", json={"sender_id": "web-w1", "customer_id": "W1",
                                                    "messages": ["science kit under $40"]})
    rec = (await resp.json())["recommendation"]
    for body in ({"type": "accepted", "position": 1}, {"type": "explanation_helpful", "position": 2}):
        resp = await client.post("/v1/feedback", json={"sender_id": "web-w1", "customer_id": "W1",
                                                       "recommendation_id": rec["recommendation_id"], **body})
        assert resp.status == 201
    await client.post("/v1/feedback", json={"sender_id": "web-w2", "customer_id": "W2", "type": "rejected"})

    for who in ("W1", "web-w1"):
        resp = await client.get(f"/v1/customers/{who}/data")
        data = await resp.json()
        assert resp.status == 200 and data["id"] == who
        assert [i["product_id"] for i in data["impressions"][0]["items"]] == [
            i["product_id"] for i in rec["items"]]
        assert [e["type"] for e in data["feedback_events"]] == ["accepted", "explanation_helpful"]
    assert (await (await client.get("/v1/customers/W1/data")).json())["customer"]["name"] == "Name of W1"

    resp = await client.get("/v1/trust", params={"customer": "W1"})
    figures = await resp.json()
    assert resp.status == 200 and figures["customer"] == "W1"
    assert figures["acceptance"]["alpha"] == 2.0 and figures["explanation_helpfulness"]["alpha"] == 2.0
    report = await (await client.get("/v1/trust")).json()
    assert {"W1", "W2", "web-w1", "web-w2"} <= set(report["customers"])
    assert report["overall"]["acceptance"]["failures"] == 1

    resp = await client.delete("/v1/customers/W1/data")
    body = await resp.json()
    assert resp.status == 200 and body["deleted"]["customers"] == 1 and body["deleted"]["feedback_events"] == 2
    assert body["deleted"]["impressions"] == 1 and body["deleted"]["impression_items"] == len(rec["items"])
    assert (await client.get("/v1/customers/W1/data")).status == 404
    assert (await client.get("/v1/customers/web-w1/data")).status == 404
    assert (await client.get("/v1/customers/W2/data")).status == 200
    resp = await client.delete("/v1/customers/W1/data")
    assert resp.status == 200 and set((await resp.json())["deleted"].values()) == {0}
