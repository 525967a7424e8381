"""The widget on a store's own page: a plain page served from another origin (another port)
with nothing but the embed tag and hostile CSS, in Debian's Chromium, against the whole stack.
A conversation with product cards, "Add to cart" and a product click reach the page as DOM
events; a page of an origin that is not allowed gets nothing; keyboard-only use, ARIA roles
and contrast are checked in the browser."""
from __future__ import annotations

import http.server
import re
import threading
from collections.abc import Iterator

import pytest
from conftest import Stack
from playwright.sync_api import Browser, Page, expect
from test_browser import TURN_MS, WIDGET, browser, checked_page, wait_for_cards, widget_focus  # noqa: F401  (browser: fixture)

pytestmark = [pytest.mark.browser, pytest.mark.stack]

# A store page that knows nothing about the widget but its tag, with CSS that would wreck a
# widget living in the page's DOM (and buttons hidden, which a shadow root keeps out).
SHOP_PAGE = """<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Another shop</title>
<style>
  * {{ font-size: 40px !important; color: #f0f !important; letter-spacing: 9px; }}
  button, ol, li {{ display: none !important; }}
  .product-card, .chat-panel, .chat-launcher {{ display: none !important; }}
</style></head>
<body>
<h1>Another shop</h1>
<script>
  window.__events = [];
  for (const name of ["assistant:add-to-cart", "assistant:product-click"]) {{
    document.addEventListener(name, (e) => window.__events.push({{ type: e.type, detail: e.detail }}));
  }}
</script>
<script type="module" src="{storefront}/embed.js" data-locale="de-DE" data-theme="{theme}"{token}></script>
</body></html>"""


def _serve_shop(stack: Stack, host: str) -> Iterator[str]:
    """A plain HTTP server on `host` and a free port: GET /?theme=... is the shop's page."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            theme = "dark" if "theme=dark" in self.path else "light"
            # /?customer=C002: the store's backend vouches for its logged-in shopper in the tag.
            customer = self.path.split("customer=", 1)[1].split("&")[0] if "customer=" in self.path else ""
            token = f' data-customer-token="{stack.login(customer)["customer_token"]}"' if customer else ""
            body = SHOP_PAGE.format(storefront=stack.storefront, theme=theme, token=token).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer((host, 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://{host}:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def shop(stack: Stack) -> Iterator[str]:
    """The shop on another port of this machine: a loopback origin, allowed by default."""
    yield from _serve_shop(stack, "127.0.0.1")


@pytest.fixture(scope="module")
def other_shop(stack: Stack) -> Iterator[str]:
    """A shop whose origin is not allowed: 127.0.0.2 is this machine too (so the browser lets
    the page reach the storefront at all), but not an origin the storefront accepts."""
    yield from _serve_shop(stack, "127.0.0.2")


@pytest.fixture
def shop_page(browser: Browser) -> Iterator[Page]:  # noqa: F811 (the fixture imported above)
    """A page of its own for a store's site (no base URL: the tests name the shop's)."""
    yield from checked_page(browser)


def open_and_say(page: Page, url: str, text: str) -> None:
    """Open a shop's page (a wide screen opens the panel) and send `text`."""
    page.goto(url)
    expect(page.locator("#chat-panel")).to_be_visible()
    page.fill("#chat-input", text)
    page.click("#chat-send")


def events(page: Page) -> list[dict]:
    return page.evaluate("window.__events")


def test_a_store_page_with_only_the_tag_gets_a_conversation_and_cart_events(shop_page: Page, shop: str) -> None:
    page = shop_page
    page.goto(f"{shop}/")
    # A wide screen opens the panel; the page's CSS hides panels and buttons, but not these.
    expect(page.locator("#chat-panel")).to_be_visible()
    page.locator("#chat-close").click()
    expect(page.locator(".chat-launcher")).to_be_visible()
    page.click(".chat-launcher")
    assert page.evaluate(f"getComputedStyle({WIDGET}.querySelector('.chat-title')).color") != "rgb(255, 0, 255)"
    page.fill("#chat-input", "a science kit for my nephew under $40")
    page.click("#chat-send")
    cards = wait_for_cards(page, at_least=1)
    first = cards.first
    expect(first.locator(".cart-btn")).to_be_visible()
    assert first.get_attribute("aria-label", timeout=TURN_MS).startswith("Item 1: ")
    assert "," in first.locator(".card-price").inner_text() and "$" in first.locator(".card-price").inner_text()

    product_id = first.get_attribute("data-product-id")
    first.locator(".cart-btn").click()
    page.wait_for_function("window.__events.length >= 1", timeout=TURN_MS)
    [added] = events(page)
    assert added["type"] == "assistant:add-to-cart"
    assert added["detail"]["product_id"] == product_id and added["detail"]["position"] == 1
    assert isinstance(added["detail"]["price"], (int, float)) and added["detail"]["currency"] == "USD"
    assert added["detail"]["recommendation_id"]

    first.locator(".card-title-button").click()
    page.wait_for_function("window.__events.length >= 2")
    clicked = events(page)[1]
    assert clicked["type"] == "assistant:product-click" and clicked["detail"]["product_id"] == product_id
    # The cart press also reached the assistant, which said so in the conversation.
    expect(page.locator(".msg-user", has_text="Add item 1 to cart")).to_have_count(1)


def test_a_page_of_an_origin_that_is_not_allowed_gets_no_widget(browser: Browser, stack: Stack,  # noqa: F811
                                                                  other_shop: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "CORS" in m.text else None)
    page.goto(f"{other_shop}/")
    page.wait_for_timeout(1500)  # time for the module script to be fetched and refused
    # The browser says why (the storefront answered 403 without a grant, tests/recommender/test_security.py):
    assert any(f"{stack.storefront}/embed.js" in line and "No 'Access-Control-Allow-Origin' header" in line
               for line in refused), refused
    assert page.evaluate("document.getElementById('assistant-widget')") is None
    expect(page.locator(".chat-launcher")).to_have_count(0)
    context.close()


def test_the_tags_signed_token_is_the_shopper_and_nobody_else(shop_page: Page, shop: str, stack: Stack) -> None:
    page = shop_page
    open_and_say(page, f"{shop}/?customer=C002", "what do you know about me?")
    expect(page.locator(".msg-bot", has_text="Daniel Okafor")).to_have_count(1, timeout=TURN_MS)
    # The page logs another shopper in: a new conversation, the last one's chat gone from view.
    page.evaluate("token => document.querySelector('script[data-customer-token]').dataset.customerToken = token",
                  stack.login("C003")["customer_token"])
    expect(page.locator(".msg-bot", has_text="Daniel Okafor")).to_have_count(0)
    guest = shop_page.context.new_page()  # same browser, the tag without a token: a guest, a fresh chat
    guest.goto(f"{shop}/")
    expect(guest.locator(".msg-user")).to_have_count(0)
    guest.fill("#chat-input", "what do you know about me?")
    guest.click("#chat-send")
    # Either wording of the guest's answer (utter_what_i_know_guest, utter_nothing_stored_guest).
    expect(guest.locator(".msg-bot", has_text=re.compile(r"guest|nothing stored|stored about you", re.IGNORECASE))
           ).not_to_have_count(0, timeout=TURN_MS)
    expect(guest.locator(".msg-bot", has_text="Daniel")).to_have_count(0)


def test_keyboard_only_with_roles_and_focus_order(shop_page: Page, shop: str) -> None:
    page = shop_page
    page.goto(f"{shop}/")
    expect(page.locator("#chat-panel")).to_be_visible()  # wide screens open it; closed to start from the launcher
    page.locator("#chat-close").click()
    for _ in range(10):
        page.keyboard.press("Tab")
        if widget_focus(page) == "chat-launcher":
            break
    else:
        pytest.fail("Tab never reached the launcher")
    page.keyboard.press("Enter")
    assert widget_focus(page) == "chat-input", "opening the panel puts the focus in the message box"
    expect(page.locator("#chat-messages")).to_have_attribute("role", "log")
    page.keyboard.type("a science kit under $40")
    page.keyboard.press("Enter")
    wait_for_cards(page, at_least=1)
    # Tab order: from the message box backwards through the cards' buttons, in reading order.
    seen: list[str] = []
    for _ in range(40):
        page.keyboard.press("Shift+Tab")
        focused = widget_focus(page) or ""
        seen.append(focused)
        if "cart-btn" in focused:
            break
    assert any("cart-btn" in f for f in seen), seen
    page.keyboard.press("Enter")
    page.wait_for_function("window.__events.some(e => e.type === 'assistant:add-to-cart')", timeout=TURN_MS)
    page.keyboard.press("Escape")
    assert widget_focus(page) == "chat-launcher", "Escape closes the panel and gives the focus back"


CONTRAST = """
(selectors) => {
  const root = document.getElementById('assistant-widget').shadowRoot;
  const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
      .reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = (node) => {
    for (let n = node; n; n = n.parentElement || (n.getRootNode() && n.getRootNode().host)) {
      const c = rgb(getComputedStyle(n).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out = {};
  for (const sel of selectors) {
    const node = root.querySelector(sel);
    if (!node) { out[sel] = null; continue; }
    const [a, b] = [lum(rgb(getComputedStyle(node).color).slice(0, 3)), lum(background(node))];
    out[sel] = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }
  return out;
}
"""
READABLE = (".chat-title", ".msg-user", ".msg-bot .msg-text", ".card-title-button", ".card-price",
            ".card-reasons li", ".card-category", ".chat-send", ".cart-btn", ".why-btn", ".chat-new")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_text_contrast_is_readable_in_both_themes(shop_page: Page, shop: str, theme: str) -> None:
    page = shop_page
    open_and_say(page, f"{shop}/?theme={theme}", "a science kit under $40")
    wait_for_cards(page, at_least=1)
    ratios = page.evaluate(CONTRAST, list(READABLE))
    assert all(ratios[s] is not None for s in READABLE), ratios
    low = {s: round(r, 2) for s, r in ratios.items() if r < 4.5}
    assert not low, f"text below WCAG AA 4.5:1 in the {theme} theme: {low}"
