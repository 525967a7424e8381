"""Signed shopper identity: a customer only from a valid token, a guest otherwise."""
from __future__ import annotations

import logging
import time
from typing import Any

import jwt
import pytest

from recommender.identity import issue_token, verified_metadata, verify_token
from storefront.app import StorefrontConfig, create_storefront_app

SECRET = "a-test-secret-that-is-long-enough-for-hs256"


def test_a_token_round_trips() -> None:
    assert verify_token(issue_token("C001", SECRET), SECRET) == ("C001", "ok")


@pytest.mark.parametrize("token, why", [
    (issue_token("C001", SECRET, ttl_s=60, now=time.time() - 120), "expired"),
    (issue_token("C001", "another-secret-that-is-long-enough-for-hs256"), "bad signature"),
    (issue_token("C001", SECRET)[:-4] + "AAAA", "bad signature"),
    (jwt.encode({"sub": "C001", "exp": int(time.time()) + 86400}, SECRET, algorithm="HS512"), "malformed"),
    (jwt.encode({"sub": "C001"}, SECRET, algorithm="HS256"), "malformed"),  # no expiry
    (jwt.encode({"exp": int(time.time()) + 86400}, SECRET, algorithm="HS256"), "malformed"),  # nobody
    (jwt.encode({"sub": "C0\n01", "exp": int(time.time()) + 86400}, SECRET, algorithm="HS256"), "malformed"),
    ("not a token", "malformed"), ("", "missing"), (None, "missing"), (12, "missing"), ("x" * 5000, "malformed"),
])
def test_bad_tokens_name_no_customer(token: Any, why: str) -> None:
    assert verify_token(token, SECRET) == (None, why)


def test_no_secret_trusts_no_token() -> None:
    assert verify_token(issue_token("C001", SECRET), "") == (None, "no secret")
    with pytest.raises(ValueError):
        issue_token("C001", "")


def test_the_channel_keeps_a_customer_only_from_a_valid_token(caplog: pytest.LogCaptureFixture) -> None:
    token = issue_token("C001", SECRET)
    assert verified_metadata({"customer_token": token, "recommendation_id": "r1"}, SECRET) == \
        {"customer_id": "C001", "recommendation_id": "r1"}
    # A client that claims a customer itself, alongside a valid token for another or alone, gets no say.
    assert verified_metadata({"customer_id": "C002", "customer_token": token}, SECRET) == {"customer_id": "C001"}
    with caplog.at_level(logging.WARNING):
        assert verified_metadata({"customer_id": "C002"}, SECRET) == {}
        forged = issue_token("C002", "a-guessed-secret-that-is-long-enough-for-hs256")
        assert verified_metadata({"customer_token": forged}, SECRET) == {}
    assert "bad signature" in caplog.text and "without a token" in caplog.text
    assert forged not in caplog.text and "C002" not in caplog.text
    assert verified_metadata("C001", SECRET) == {} and verified_metadata(None, SECRET) == {}


async def _forwarded(aiohttp_client, rasa_stub, config: dict[str, Any], metadata: dict[str, Any]) -> tuple[list, Any]:  # type: ignore[no-untyped-def]
    rasa_url, seen = rasa_stub
    client = await aiohttp_client(create_storefront_app(StorefrontConfig(rasa_url=rasa_url, **config)))
    resp = await client.post("/api/chat", json={"sender": "s", "message": "hi", "metadata": metadata})
    assert resp.status == 200
    return seen, client


async def test_the_demo_login_signs_the_pickers_customer(aiohttp_client, rasa_stub) -> None:  # type: ignore[no-untyped-def]
    seen, _ = await _forwarded(aiohttp_client, rasa_stub, {"identity_secret": SECRET}, {"customer_id": "C001"})
    forwarded = seen[0]["metadata"]
    assert "customer_id" not in forwarded and verify_token(forwarded["customer_token"], SECRET) == ("C001", "ok")


async def test_a_real_store_passes_only_its_own_tokens(aiohttp_client, rasa_stub) -> None:  # type: ignore[no-untyped-def]
    config = {"identity_secret": SECRET, "demo_login": False}
    seen, client = await _forwarded(aiohttp_client, rasa_stub, config, {"customer_id": "C001"})
    assert seen[0]["metadata"] == {}, "a customer id from the page is nobody's login"
    token = issue_token("C002", SECRET)
    seen, _ = await _forwarded(aiohttp_client, rasa_stub, config, {"customer_token": token})
    assert seen[1]["metadata"] == {"customer_token": token}
    assert (await client.get("/api/customers")).status == 404, "no customer names without the demo login"
