"""Customers and their purchases: demo records, imported order lines, purchase sequences."""
from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from recommender.catalog import Catalog
from recommender.orders import OrderLine
from recommender.store.base import StoreBase
from recommender.store.privacy import id_hash
from recommender.store.rows import customer_dict
from recommender.tables import Customer, ForgottenCustomer, Purchase, utcnow


class CustomerRecords(StoreBase):
    def load_customers(self, path: Path) -> int:
        """Insert the demo customers from a JSON file (idempotent: existing ones are kept)."""
        if not Path(path).is_file():
            return 0
        records = json.loads(Path(path).read_text(encoding="utf-8"))
        try:
            return self._add_customers(records)
        except IntegrityError:  # another process added some at the same moment: skip those now
            return self._add_customers(records)

    def _add_customers(self, records: list[dict[str, Any]]) -> int:
        added = 0
        with self.sessions() as s, s.begin():
            for rec in records:
                if s.get(Customer, rec["customer_id"]) is not None:
                    continue
                customer = Customer(customer_id=rec["customer_id"], name=rec.get("name", ""),
                                    email=rec.get("email", ""))
                for p in rec.get("purchases", []):
                    customer.purchases.append(Purchase(
                        product_id=p["product_id"], title=p["title"],
                        category_path=p.get("category_path", ""), price=p.get("price"),
                        purchased_at=date.fromisoformat(p["purchased_at"])))
                s.add(customer)
                added += 1
        return added

    def add_orders(self, lines: list[OrderLine], catalog: Catalog) -> tuple[int, int, int, int]:
        """Store imported order lines whose keys are new (`orders.load_orders`); returns (added,
        already stored, skipped as forgotten, customers created)."""
        try:
            return self._add_orders(lines, catalog)
        except IntegrityError:  # another replica loaded the same file at the same moment
            return self._add_orders(lines, catalog)

    def _add_orders(self, lines: list[OrderLine], catalog: Catalog) -> tuple[int, int, int, int]:
        with self.sessions() as s, s.begin():
            # A forgotten customer's lines up to the day they were forgotten stay out; later orders
            # are theirs to make again.
            forgotten: dict[str, datetime] = {h: at for h, at in s.execute(
                select(ForgottenCustomer.id_hash, ForgottenCustomer.forgotten_at)).tuples()}
            kept = [x for x in lines
                    if (when := forgotten.get(id_hash(x.customer_id))) is None or x.purchased_at > when.date()]
            stored: set[str] = set()
            customers: set[str] = set()
            keys = [x.key for x in kept]
            ids = sorted({x.customer_id for x in kept})
            for i in range(0, len(keys), 500):
                stored.update(s.scalars(select(Purchase.import_key).where(Purchase.import_key.in_(keys[i:i + 500]))))
            for i in range(0, len(ids), 500):
                customers.update(s.scalars(select(Customer.customer_id).where(Customer.customer_id.in_(ids[i:i + 500]))))
            new = [x for x in kept if x.key not in stored]
            created = sorted({x.customer_id for x in new} - customers)
            if created:
                s.execute(insert(Customer), [{"customer_id": c, "name": "", "email": "", "created_at": utcnow()}
                                             for c in created])
            rows = []
            for x in sorted(new, key=lambda x: (x.customer_id, x.purchased_at)):  # stable: file order on a day
                p = catalog.get(x.product_id)
                assert p is not None  # load_orders passes only products of the catalog
                rows.append({"customer_id": x.customer_id, "product_id": x.product_id, "title": p.title,
                             "category_path": p.category_path, "price": x.price if x.price is not None else p.price,
                             "purchased_at": x.purchased_at, "quantity": x.quantity, "import_key": x.key})
            if rows:
                s.execute(insert(Purchase), rows)
        return len(new), len(kept) - len(new), len(lines) - len(kept), len(created)

    def purchase_sequences(self) -> dict[str, list[str]]:
        """Every customer's purchased product ids, oldest first (the history model's training data)."""
        out: dict[str, list[str]] = {}
        with self.sessions() as s:
            rows = s.execute(select(Purchase.customer_id, Purchase.product_id)
                             .order_by(Purchase.customer_id, Purchase.purchased_at, Purchase.id))
            for customer_id, product_id in rows:
                out.setdefault(customer_id, []).append(product_id)
        return out

    def customer(self, customer_id: str) -> dict[str, Any] | None:
        with self.sessions() as s:
            c = s.get(Customer, customer_id)
            return None if c is None else customer_dict(c)

    def customers(self) -> list[dict[str, Any]]:
        with self.sessions() as s:
            return [customer_dict(c) for c in s.scalars(select(Customer).order_by(Customer.customer_id))]

