"""A store's order history in: formats, column mapping, bad lines, idempotence, forget-me."""
from __future__ import annotations

import json
import logging
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from recommender.catalog import load_catalog
from recommender.config import ROOT
from recommender.orders import OrdersError, load_orders, parse_when, read_orders
from recommender.store import Store

CATALOG = load_catalog(ROOT / "data" / "catalog.csv")
LINES = [  # customer, product, date
    ("c1", "P001", "2024-01-02"), ("c1", "P002", "2024-01-09"), ("c2", "P003", "2024-02-01"),
    ("c2", "P001", "2024-02-03"), ("c3", "P004", "2024-03-05"),
]


def _store(tmp_path: Path) -> Store:
    return Store.from_url(f"sqlite:///{tmp_path / 'orders.db'}")


def _csv(path: Path, lines: list[tuple[str, ...]], header: str = "customer_id,product_id,purchased_at",
         sep: str = ",") -> Path:
    path.write_text(header.replace(",", sep) + "\n" + "".join(sep.join(x) + "\n" for x in lines), encoding="utf-8")
    return path


def _bought(store: Store, customer: str) -> list[tuple[str, str]]:
    record = store.customer(customer)
    assert record is not None
    return [(p["product_id"], p["purchased_at"]) for p in record["purchases"]]


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "parquet"])
def test_every_format_loads_the_same_purchases(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"orders.{fmt}"
    if fmt in ("csv", "tsv"):
        _csv(path, LINES, sep="\t" if fmt == "tsv" else ",")
    else:
        records = [{"customer_id": c, "product_id": p, "purchased_at": d} for c, p, d in LINES]
        if fmt == "jsonl":
            path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        else:
            pq.write_table(pa.Table.from_pylist(records), path)
    store = _store(tmp_path)
    report = load_orders(store, CATALOG, path)
    assert (report.added, report.customers_created, report.problems) == (5, 3, [])
    assert _bought(store, "c1") == [("P001", "2024-01-02"), ("P002", "2024-01-09")]
    assert _bought(store, "c2") == [("P003", "2024-02-01"), ("P001", "2024-02-03")]
    assert store.purchase_sequences() == {"c1": ["P001", "P002"], "c2": ["P003", "P001"], "c3": ["P004"]}
    # The purchase carries the catalog's title, so "what do you know about me" can say it.
    assert store.customer("c3")["purchases"][0]["title"] == CATALOG.get("P004").title  # type: ignore[index,union-attr]


def test_a_mapping_names_a_stores_own_columns(tmp_path: Path) -> None:
    path = _csv(tmp_path / "orders.csv", [(c, p, d, "2", "9.50") for c, p, d in LINES],
                header="client,sku,ordered_on,units,paid")
    with pytest.raises(OrdersError, match="no customer_id or purchased_at column.*ORDERS_COLUMNS"):
        read_orders(path)
    with pytest.raises(OrdersError, match="mapped column 'when' for purchased_at is not in orders.csv"):
        read_orders(path, "customer_id=client,product_id=sku,purchased_at=when")
    with pytest.raises(OrdersError, match="bad column mapping"):
        read_orders(path, "shopper=client")
    store = _store(tmp_path)
    report = load_orders(store, CATALOG, path, "customer_id=client,product_id=sku,purchased_at=ordered_on,"
                                                "quantity=units,price=paid")
    assert report.added == 5
    first = store.customer("c1")["purchases"][0]  # type: ignore[index]
    assert first["price"] == 9.5 and _bought(store, "c1")[0] == ("P001", "2024-01-02")


def test_bad_lines_are_skipped_and_named_and_unknown_products_counted(tmp_path: Path,
                                                                      caplog: pytest.LogCaptureFixture) -> None:
    path = _csv(tmp_path / "orders.csv", [
        ("c1", "P001", "2024-01-02", "1"),
        ("", "P002", "2024-01-03", "1"),  # no customer
        ("c1", "P002", "last tuesday", "1"),  # no date
        ("c1", "P003", "2024-01-04", "-2"),  # not a count
        ("c1", "NOT-IN-CATALOG", "2024-01-05", "1"),
        ("c1", "P004", "1704585600", "1"),  # Unix seconds: 2024-01-07
    ], header="customer_id,product_id,purchased_at,quantity")
    store = _store(tmp_path)
    with caplog.at_level(logging.INFO, logger="recommender.orders"):
        report = load_orders(store, CATALOG, path)
    assert report.to_dict() | {"path": ""} == {
        "path": "", "lines": 6, "added": 2, "already_loaded": 0, "unknown_products": 1, "skipped_forgotten": 0,
        "bad_lines": 3, "customers_created": 1, "problems": [
            "row 2: customer_id: missing; skipped", "row 3: purchased_at: not a date: 'last tuesday'; skipped",
            "row 4: quantity: not a positive count: '-2'; skipped"]}
    assert "row 3: purchased_at: not a date" in caplog.text and "1 for products not in the catalog" in caplog.text
    assert _bought(store, "c1") == [("P001", "2024-01-02"), ("P004", "2024-01-07")]
    with pytest.raises(OrdersError, match="not found"):
        load_orders(store, CATALOG, tmp_path / "missing.csv")
    with pytest.raises(OrdersError, match="unsupported orders format"):
        load_orders(store, CATALOG, _csv(tmp_path / "orders.xlsx", LINES))


def test_loading_twice_adds_nothing_and_a_grown_file_adds_its_new_lines(tmp_path: Path) -> None:
    # The same product twice on one day is two purchases, and stays two on every load.
    lines = [*LINES, ("c3", "P004", "2024-03-05")]
    path = _csv(tmp_path / "orders.csv", lines)
    store = _store(tmp_path)
    assert load_orders(store, CATALOG, path).added == 6
    again = load_orders(store, CATALOG, path)
    assert (again.added, again.already, again.customers_created) == (0, 6, 0)
    _csv(path, [*lines, ("c3", "P005", "2024-04-01"), ("c4", "P001", "2024-04-02")])
    grown = load_orders(store, CATALOG, path)
    assert (grown.added, grown.already, grown.customers_created) == (2, 6, 1)
    assert store.purchase_sequences()["c3"] == ["P004", "P004", "P005"]
    # With an order id, a line is that order's line: a corrected date is not a second purchase.
    ordered = _csv(tmp_path / "ids.csv", [("o-1", "c9", "P001", "2024-05-01")],
                   header="order_id,customer_id,product_id,purchased_at")
    assert load_orders(store, CATALOG, ordered).added == 1
    _csv(ordered, [("o-1", "c9", "P001", "2024-05-02")], header="order_id,customer_id,product_id,purchased_at")
    assert load_orders(store, CATALOG, ordered).added == 0


def test_forget_me_removes_imported_orders_and_a_reload_does_not_bring_them_back(tmp_path: Path) -> None:
    path = _csv(tmp_path / "orders.csv", LINES)
    store = _store(tmp_path)
    load_orders(store, CATALOG, path)
    deleted = store.forget("c1")
    assert deleted["purchases"] == 2 and deleted["customers"] == 1
    assert store.customer("c1") is None and "c1" not in store.purchase_sequences()
    report = load_orders(store, CATALOG, path)
    assert (report.added, report.forgotten) == (0, 2) and store.customer("c1") is None
    # An order placed after they were forgotten is theirs to make.
    _csv(path, [*LINES, ("c1", "P009", "2099-01-01")])
    assert load_orders(store, CATALOG, path).added == 1
    assert _bought(store, "c1") == [("P009", "2099-01-01")]
    assert "c1" not in json.dumps(store.customer_data("c2"))  # the tombstone holds a hash, not the id


def test_dates_are_read_in_the_usual_ways() -> None:
    assert str(parse_when("2024-03-01")) == str(parse_when("2024-03-01T23:10:00Z")) == "2024-03-01"
    assert str(parse_when("1709251200")) == "2024-03-01"
    assert parse_when("") is parse_when("03/01/2024") is parse_when("-5") is None
