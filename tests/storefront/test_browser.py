"""The storefront and its chat widget in a real browser: Debian's Chromium, driven by
Playwright's sync API, against the whole stack (Rasa, actions, recommender, storefront).

Chromium comes from apt (`bash tests/setup_browser.sh`, run by tests/run.sh), not from
`playwright install`. Each test gets a fresh browser context, so a fresh localStorage:
a new sender id, an empty transcript and Guest in the customer picker.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ARTIFACTS, Stack
from playwright.sync_api import Browser, Locator, Page, Request, Route, expect, sync_playwright

pytestmark = [pytest.mark.browser, pytest.mark.stack]

CHROMIUM = Path("/usr/bin/chromium")
# No sandbox (CI runs as root in a container) and nothing that phones home.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
GIFT = "I'm looking for a birthday gift for my 8 year old nephew who loves science, under $40"
TURN_MS = 60_000  # one chat turn: Rasa, its custom actions and the recommender
UNAVAILABLE = "unavailable"  # in chat_session.js's RETRY_STATUS


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Module scope: the sync API's own event loop is gone before any aiohttp test runs.
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} not installed; run `bash tests/setup_browser.sh`")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def checked_page(browser: Browser, **context_args: Any) -> Iterator[Page]:
    """A desktop-sized page in a fresh context; fails the test on any uncaught script error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **context_args)
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"uncaught errors in the page: {errors}"


@pytest.fixture
def page(browser: Browser, stack: Stack) -> Iterator[Page]:
    """A page on the storefront."""
    yield from checked_page(browser, base_url=stack.storefront)


# ---- helpers --------------------------------------------------------------------------

def open_store(page: Page) -> None:
    page.goto("/")
    expect(page.locator("#product-grid > .store-product").first).to_be_visible()


def ask(page: Page, text: str) -> None:
    page.fill("#chat-input", text)
    page.click("#chat-send")


# The widget lives in the shadow root of #assistant-widget (embed.js); Playwright's locators
# pierce it, page scripts must go through it.
WIDGET = "document.getElementById('assistant-widget').shadowRoot"


def widget_focus(page: Page) -> str | None:
    """The id of the focused element inside the widget, if the focus is there."""
    return page.evaluate(f"(() => {{ const a = {WIDGET}?.activeElement; return a ? a.id || a.className : null; }})()")


def wait_for_cards(page: Page, at_least: int = 3) -> Locator:
    page.wait_for_function(f"{WIDGET}?.querySelectorAll('.product-card').length >= {at_least}",
                           timeout=TURN_MS)
    return page.locator(".product-card")


def wait_until_answered(page: Page) -> None:
    """Every queued message delivered and answered."""
    page.wait_for_function("JSON.parse(localStorage.getItem('assistant.queue') || '[]').length === 0",
                           timeout=TURN_MS)
    expect(page.locator("#typing-indicator")).to_have_count(0, timeout=TURN_MS)


def stored(page: Page, key: str) -> Any:
    raw = page.evaluate("key => localStorage.getItem(key)", key)
    return json.loads(raw) if raw and raw[0] in "[{" else raw


def latest_recommendation_id(page: Page) -> str:
    lists = [e["custom"] for e in stored(page, "assistant.transcript")
             if (e.get("custom") or {}).get("type") == "recommendations"]
    assert lists, "no recommendations in the stored transcript"
    return lists[-1]["recommendation_id"]


def price(card: Locator) -> float:
    text = card.locator(".card-price").inner_text()
    match = re.fullmatch(r"\$([\d,]+\.\d\d)", text.strip())
    assert match, f"unexpected price text {text!r}"
    return float(match.group(1).replace(",", ""))


def chat_posts(page: Page) -> list[Request]:
    """The chat POSTs this page makes from now on (the list fills as Playwright runs)."""
    posts: list[Request] = []

    def on_request(request: Request) -> None:
        if request.method == "POST" and request.url.endswith("/api/chat"):
            posts.append(request)

    page.on("request", on_request)
    return posts


def has_horizontal_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth"
                         " || document.body.scrollWidth > document.documentElement.clientWidth")


# ---- tests ----------------------------------------------------------------------------

def test_gift_conversation_with_card_feedback(page: Page, stack: Stack) -> None:
    open_store(page)
    page.select_option("#customer-select", "C001")
    ask(page, GIFT)
    cards = wait_for_cards(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "storefront.png", full_page=True)

    for i in range(cards.count()):
        card = cards.nth(i)
        assert price(card) <= 40
        expect(card.locator(".card-reasons li").first).not_to_be_empty()
    rec_id = latest_recommendation_id(page)
    first, second = cards.nth(0), cards.nth(1)
    first_id, second_id = first.get_attribute("data-product-id"), second.get_attribute("data-product-id")
    second_title = (second.locator(".card-title").text_content() or "").strip()
    assert first_id and second_id and second_title

    bubbles = page.locator(".msg-bot")
    earlier = bubbles.count()
    second.locator(".why-btn").click()
    expect(page.locator(".msg-user").last).to_have_text("Why item 2?")
    wait_until_answered(page)
    answers = [bubbles.nth(i).inner_text() for i in range(earlier, bubbles.count())]
    assert any(second_title in a for a in answers), f"{second_title!r} not in the answer {answers}"
    first.locator(".down-btn").click()
    expect(first.locator(".down-btn")).to_have_attribute("aria-pressed", "true")
    wait_until_answered(page)

    sender = stored(page, "assistant.sender")
    events = stack.cli("feedback", "--customer", sender, "--json")
    mine = {(e["type"], e["product_id"]): e for e in events if e["recommendation_id"] == rec_id}
    assert ("asked_why", second_id) in mine, events
    assert ("rejected", first_id) in mine, events
    assert all(e["customer_id"] == "C001" and e["sender_id"] == sender for e in mine.values())


def test_reload_keeps_the_transcript(page: Page) -> None:
    open_store(page)
    ask(page, GIFT)
    cards = wait_for_cards(page)
    ids = [cards.nth(i).get_attribute("data-product-id") for i in range(cards.count())]
    sender = stored(page, "assistant.sender")

    page.reload()
    cards = wait_for_cards(page)
    assert [cards.nth(i).get_attribute("data-product-id") for i in range(cards.count())] == ids
    expect(page.locator(".msg-user", has_text=GIFT)).to_have_count(1)
    assert stored(page, "assistant.sender") == sender


def test_phone_width_has_no_horizontal_scroll(page: Page) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    open_store(page)
    assert not has_horizontal_scroll(page)
    expect(page.locator("#chat-panel")).to_be_hidden()  # narrow screens start with the launcher
    page.click("#chat-launcher")
    ask(page, GIFT)
    wait_for_cards(page)
    assert not has_horizontal_scroll(page)
    panel = page.locator("#chat-panel").bounding_box()
    assert panel and panel["x"] >= 0 and panel["x"] + panel["width"] <= 375


def test_keyboard_reaches_the_chat_and_enter_sends(page: Page) -> None:
    open_store(page)
    for _ in range(20):
        page.keyboard.press("Tab")
        if widget_focus(page) == "chat-input":
            break
    else:
        pytest.fail("Tab never reached #chat-input")
    page.keyboard.type(GIFT)
    page.keyboard.press("Enter")
    expect(page.locator(".msg-user", has_text=GIFT)).to_have_count(1)
    expect(page.locator("#chat-input")).to_have_value("")
    wait_for_cards(page)


def test_product_titles_are_shown_as_text(page: Page) -> None:
    evil = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>'
    # A route stub for this one /api/products response only (times=1): the demo catalog has
    # no hostile titles, and this is about how the page inserts whatever the server sends.
    page.route(re.compile(r"/api/products(\?|$)"), lambda route: route.fulfill(json={
        "products": [{"product_id": "XSS1", "title": evil, "price": 9.99, "currency": "USD",
                      "category": "Toys & Games > Science Kits & Toys", "image_url": None}],
        "total": 1,
    }), times=1)
    open_store(page)
    expect(page.locator(".store-product-title")).to_have_text(evil)
    assert page.locator("#product-grid img, #product-grid script").count() == 0
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof window.__xss") == "undefined"


def test_unreachable_assistant_shows_status_then_recovers(page: Page) -> None:
    attempts: list[str] = []

    def first_two_fail(route: Route) -> None:
        attempts.append(route.request.url)
        if len(attempts) <= 2:
            route.abort("connectionrefused")  # as if the storefront could not be reached
        else:
            route.continue_()

    page.route("**/api/chat", first_two_fail)
    open_store(page)
    ask(page, GIFT)
    status = page.locator("#chat-status")
    expect(status).to_be_visible()
    expect(status).to_contain_text(UNAVAILABLE)
    expect(page.locator(".msg-user.is-pending")).to_have_count(1)

    # Retries back off (1 s, then 2 s); the third attempt goes through to the real stack.
    wait_for_cards(page)
    expect(status).to_be_hidden()
    assert len(attempts) == 3
    expect(page.locator(".msg-user", has_text=GIFT)).to_have_count(1)
    expect(page.locator(".msg-user.is-pending")).to_have_count(0)


def test_refused_message_is_not_retried(page: Page) -> None:
    open_store(page)
    # A sender id longer than the storefront allows makes it answer 400 (a real one, no stub).
    page.evaluate("localStorage.setItem('assistant.sender', 'x'.repeat(200))")
    page.reload()
    posts = chat_posts(page)
    ask(page, "hello")
    notice = page.locator(".msg-notice")
    expect(notice).to_contain_text("sender must be a string of 1-128 characters")
    expect(page.locator(".msg-user.is-refused")).to_have_count(1)
    assert stored(page, "assistant.queue") == []
    page.wait_for_timeout(2_500)  # the first retry would have come after 1 s
    assert len(posts) == 1
    expect(page.locator("#chat-status")).to_be_hidden()
    page.reload()
    expect(page.locator(".msg-notice")).to_have_count(1)
    expect(page.locator(".msg-user.is-refused")).to_have_count(1)


def test_an_answer_shows_the_listings_words_as_quotes(page: Page) -> None:
    open_store(page)
    ask(page, "an electronics lab kit for my 9 year old")
    wait_for_cards(page, at_least=1)
    wait_until_answered(page)
    ask(page, "are batteries included with the first one?")
    wait_until_answered(page)
    evidence = page.locator(".msg-evidence")
    expect(evidence).to_have_count(1, timeout=TURN_MS)
    assert "From the listing" in evidence.inner_text()
    quotes = evidence.locator("blockquote.evidence-quote q")
    assert quotes.count() >= 1
    said = " ".join(quotes.nth(i).inner_text() for i in range(quotes.count())).lower()
    assert "not included" in said and "batter" in evidence.inner_text().lower()  # the quote, or its field's name
    expect(evidence.locator("cite.evidence-field").first).not_to_be_empty()
