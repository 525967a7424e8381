"""Screenshots of the storefront for the docs, taken in Debian's Chromium with Playwright.

Writes docs/storefront.png (1280x900) and docs/storefront-mobile.png (390x844), each after
asking the assistant for a gift as customer C001, with the recommendation cards showing.
Reuses the assistant when one already answers http://127.0.0.1:8080/healthz; otherwise
starts it with scripts/stack.py on the default ports and stops it afterwards.

    make screenshot            # or: .venv/bin/python scripts/screenshot.py
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"  # from apt: tests/setup_browser.sh
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
QUESTION = "I'm looking for a birthday gift for my 8 year old nephew who loves science, under $40"
CUSTOMER = "C001"  # a customer with purchases, so some reasons draw on their history
SHOTS = {"storefront.png": (1280, 900), "storefront-mobile.png": (390, 844)}
TURN_MS = 60_000  # one chat turn: Rasa, its custom actions and the recommender


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=3) as resp:
            return resp.status == 200
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def running_stack(url: str, timeout_s: float) -> Iterator[None]:
    """Yield once `url` is healthy, starting scripts/stack.py first if nothing answers there."""
    if healthy(url):
        print(f"using the assistant already running at {url}", flush=True)
        yield
        return
    print("starting the assistant (scripts/stack.py); this takes about a minute", flush=True)
    proc = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "stack.py"), "--timeout", str(timeout_s)],
                            cwd=ROOT, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + timeout_s + 10
        while not healthy(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the assistant did not start; see the logs in {ROOT / 'var' / 'logs'}")
            time.sleep(1)
        yield
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                proc.kill()


def shoot(browser: Browser, url: str, path: Path, width: int, height: int) -> None:
    """Ask the gift question in a fresh session and save the viewport once the cards are in."""
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(url)
        page.locator("#product-grid > .store-product").first.wait_for()
        page.select_option("#customer-select", CUSTOMER)
        if page.locator("#chat-panel").is_hidden():  # narrow screens start with the launcher
            page.click("#chat-launcher")
        page.fill("#chat-input", QUESTION)
        page.click("#chat-send")
        page.wait_for_function("document.getElementById('assistant-widget').shadowRoot"
                               "?.querySelectorAll('.product-card').length >= 3", timeout=TURN_MS)
        page.locator("#typing-indicator").wait_for(state="detached", timeout=TURN_MS)
        page.wait_for_timeout(300)  # let the widget's scroll-to-end and the fonts settle
        page.screenshot(path=path)
        print(f"wrote {path} ({path.stat().st_size // 1024} KiB)", flush=True)
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="folder for the PNGs (default: docs/)")
    parser.add_argument("--timeout", type=float, default=400, help="seconds to wait for the assistant to start")
    args = parser.parse_args(argv)
    url = f"http://127.0.0.1:{os.environ.get('STOREFRONT_PORT', '8080')}"
    if not Path(CHROMIUM).is_file():
        raise SystemExit(f"{CHROMIUM} not found; run `bash tests/setup_browser.sh`")
    args.out.mkdir(parents=True, exist_ok=True)
    with running_stack(url, args.timeout), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name, (width, height) in SHOTS.items():
                shoot(browser, url, args.out / name, width, height)
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
