"""A store's order history in: CSV, TSV, JSONL or Parquet order lines into the purchases table.

`ORDERS=path` (and `ORDERS_COLUMNS="customer_id=client,product_id=sku,..."` when the file's
names differ) is loaded at start by `python -m recommender serve` and by `make run`.

Loading is idempotent and incremental: every line gets a key (its `order_id` and product when
the file has order ids, else its customer, product, date and how many times that triple came
before in the file), and a line whose key is stored already is not added again, so loading
the same file twice adds nothing and a file that grew adds its new lines. A bad line is
skipped and named in the log; a line for a product the catalog does not hold is counted and
reported, never stored (the purchase could not be shown or scored); the lines of a customer who
was forgotten, dated up to that day, are skipped. Customers without a record are created from their orders.
"""
from __future__ import annotations

import hashlib
import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recommender.catalog import Catalog, parse_mapping, read_rows
from recommender.errors import CatalogError

if TYPE_CHECKING:
    from recommender.store import Store

log = logging.getLogger(__name__)

FIELDS = ("customer_id", "product_id", "purchased_at", "quantity", "price", "order_id")
REQUIRED = ("customer_id", "product_id", "purchased_at")
ALIASES: dict[str, tuple[str, ...]] = {
    "customer_id": ("customer_id", "customer", "user_id", "user", "client_id", "buyer_id", "reviewerid"),
    "product_id": ("product_id", "sku", "asin", "item_id", "product", "item"),
    "purchased_at": ("purchased_at", "order_date", "date", "ordered_at", "created_at", "timestamp", "time"),
    "quantity": ("quantity", "qty", "units"),
    "price": ("price", "unit_price", "amount", "paid"),
    "order_id": ("order_id", "order", "order_number", "invoice"),
}


class OrdersError(ValueError):
    """The orders file cannot be read at all (missing, unknown format, required columns absent)."""


@dataclass(frozen=True)
class OrderLine:
    customer_id: str
    product_id: str
    purchased_at: date
    quantity: int
    price: float | None
    key: str  # identity across loads (see the module docstring)


@dataclass
class OrdersReport:
    """What one load did; `problems` names each skipped line (row number, field, why)."""

    path: str
    lines: int = 0
    added: int = 0
    already: int = 0  # stored by an earlier load
    unknown_products: int = 0
    forgotten: int = 0  # lines of customers who asked to be forgotten
    customers_created: int = 0
    problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "lines": self.lines, "added": self.added, "already_loaded": self.already,
                "unknown_products": self.unknown_products, "skipped_forgotten": self.forgotten,
                "bad_lines": len(self.problems), "customers_created": self.customers_created,
                "problems": self.problems[:20]}


def read_orders(path: str | Path, columns: str = "") -> tuple[list[OrderLine], list[str]]:
    """The file's valid order lines, in file order, and a sentence per line skipped."""
    path = Path(path)
    if not path.is_file():
        raise OrdersError(f"orders file not found: {path}")
    try:
        mapping = parse_mapping(columns, FIELDS)
        rows = read_rows(path)
        lines: list[OrderLine] = []
        problems: list[str] = []
        resolved: dict[str, str | None] | None = None
        seen: Counter[tuple[str, str, date]] = Counter()
        for number, row in enumerate(rows, start=1):
            if resolved is None:
                resolved = _resolve(list(row.keys()), mapping, path)
            line = _line(row, resolved, number, problems, seen)
            if line is not None:
                lines.append(line)
    except CatalogError as exc:  # an unknown format or a bad mapping: the same words for orders
        raise OrdersError(str(exc).replace("catalog", "orders")) from None
    return lines, problems


def _resolve(columns: list[str], mapping: dict[str, str], path: Path) -> dict[str, str | None]:
    by_lower = {c.lower().strip(): c for c in columns}
    resolved: dict[str, str | None] = {}
    for name in FIELDS:
        if name in mapping:
            if mapping[name] not in columns:
                raise OrdersError(f"mapped column {mapping[name]!r} for {name} is not in {path.name}")
            resolved[name] = mapping[name]
        else:
            resolved[name] = next((by_lower[a] for a in ALIASES[name] if a in by_lower), None)
    missing = [n for n in REQUIRED if resolved[n] is None]
    if missing:
        raise OrdersError(f"{path.name}: no {' or '.join(missing)} column among {columns}; give a mapping like "
                          "ORDERS_COLUMNS='customer_id=client,product_id=sku,purchased_at=date'")
    return resolved


def _line(row: dict[str, Any], cols: dict[str, str | None], number: int, problems: list[str],
          seen: Counter[tuple[str, str, date]]) -> OrderLine | None:
    def get(name: str) -> str:
        column = cols[name]
        value = None if column is None else row.get(column)
        return "" if value is None else str(value).strip()

    customer, product = get("customer_id"), get("product_id")
    for name, value in (("customer_id", customer), ("product_id", product)):
        if not value:
            problems.append(f"row {number}: {name}: missing; skipped")
            return None
        if len(value) > 64:
            problems.append(f"row {number}: {name}: longer than 64 characters; skipped")
            return None
    when = parse_when(get("purchased_at"))
    if when is None:
        problems.append(f"row {number}: purchased_at: not a date: {get('purchased_at')[:40]!r}; skipped")
        return None
    quantity = 1
    if raw := get("quantity"):
        try:
            quantity = int(float(raw))
        except ValueError:
            quantity = 0
        if not 1 <= quantity <= 100_000:
            problems.append(f"row {number}: quantity: not a positive count: {raw[:20]!r}; skipped")
            return None
    price = None
    if raw := get("price"):
        try:
            price = float(raw.replace(",", "").lstrip("$€£₹"))
        except ValueError:
            problems.append(f"row {number}: price: not a number: {raw[:20]!r}; kept without a price")
    order_id = get("order_id")
    if order_id:
        identity = f"order\0{order_id}\0{product}"
    else:
        triple = (customer, product, when)
        identity = f"line\0{customer}\0{product}\0{when.isoformat()}\0{seen[triple]}"
        seen[triple] += 1
    key = hashlib.sha256(identity.encode()).hexdigest()
    return OrderLine(customer, product, when, quantity, price, key)


def parse_when(raw: str) -> date | None:
    """An ISO date or date-time ("2024-03-01", "2024-03-01T10:20:00Z") or Unix seconds."""
    if not raw:
        return None
    try:
        return datetime.fromisoformat(raw).date()  # 3.11 reads a trailing Z
    except ValueError:
        pass
    try:
        seconds = float(raw)
    except ValueError:
        return None
    if not 0 < seconds < 4e9:
        return None
    return datetime.fromtimestamp(seconds, UTC).date()


def load_orders(store: Store, catalog: Catalog, path: str | Path, columns: str = "") -> OrdersReport:
    """Read `path` and add its new lines for products in `catalog` to `store`; logged."""
    lines, problems = read_orders(path, columns)
    report = OrdersReport(str(path), lines=len(lines) + len(problems), problems=problems)
    known = [line for line in lines if catalog.get(line.product_id) is not None]
    report.unknown_products = len(lines) - len(known)
    added, already, forgotten, created = store.add_orders(known, catalog)
    report.added, report.already, report.forgotten, report.customers_created = added, already, forgotten, created
    for problem in problems[:20]:
        log.warning("orders %s: %s", Path(path).name, problem)
    if len(problems) > 20:
        log.warning("orders %s: %d more bad lines not listed", Path(path).name, len(problems) - 20)
    log.info("orders %s: %d lines, %d added, %d already loaded, %d for products not in the catalog, "
             "%d of forgotten customers, %d bad; %d customers created", Path(path).name, report.lines,
             report.added, report.already, report.unknown_products, report.forgotten, len(problems),
             report.customers_created)
    return report
