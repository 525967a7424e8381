"""The feedback store's tables (SQLAlchemy 2.0 declarative models); migrations in migrations/."""
from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class Customer(Base):
    __tablename__ = "customers"
    customer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    purchases: Mapped[list[Purchase]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", order_by="[Purchase.purchased_at, Purchase.id]")


class Purchase(Base):
    __tablename__ = "purchases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.customer_id", ondelete="CASCADE"), index=True)
    product_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    category_path: Mapped[str] = mapped_column(Text, default="")
    price: Mapped[float | None] = mapped_column(Float, nullable=True)
    purchased_at: Mapped[date] = mapped_column(Date)
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    # An imported order line's identity (recommender/orders.py): loading a file again adds nothing.
    import_key: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True, index=True)
    customer: Mapped[Customer] = relationship(back_populates="purchases")


class ForgottenCustomer(Base):
    """A customer id that was forgotten, as a hash: an orders file loaded again skips its lines
    dated up to `forgotten_at`."""

    __tablename__ = "forgotten_customers"
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    forgotten_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Impression(Base):
    """One recommendation list as shown: what, in which order, why, by which model."""

    __tablename__ = "impressions"
    recommendation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sender_id: Mapped[str] = mapped_column(String(128), index=True)
    customer_id: Mapped[str | None] = mapped_column(String(64), index=True, nullable=True)
    request_text: Mapped[str] = mapped_column(Text, default="")
    constraints: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    model_version: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    items: Mapped[list[ImpressionItem]] = relationship(
        back_populates="impression", cascade="all, delete-orphan", order_by="ImpressionItem.position")


class ImpressionItem(Base):
    __tablename__ = "impression_items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    recommendation_id: Mapped[str] = mapped_column(
        ForeignKey("impressions.recommendation_id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # 1-based, as the shopper counts
    product_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    price: Mapped[float | None] = mapped_column(Float, nullable=True)
    brand: Mapped[str] = mapped_column(String(200), default="")
    category_path: Mapped[str] = mapped_column(Text, default="")
    score: Mapped[float] = mapped_column(Float)
    score_parts: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    impression: Mapped[Impression] = relationship(back_populates="items")


class FeedbackEvent(Base):
    __tablename__ = "feedback_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    type: Mapped[str] = mapped_column(String(40), index=True)
    recommendation_id: Mapped[str | None] = mapped_column(
        ForeignKey("impressions.recommendation_id", ondelete="CASCADE"), index=True, nullable=True)
    product_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    position: Mapped[int | None] = mapped_column(Integer, nullable=True)
    sender_id: Mapped[str] = mapped_column(String(128), index=True)
    customer_id: Mapped[str | None] = mapped_column(String(64), index=True, nullable=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
