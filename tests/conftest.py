"""Shared fixtures: the real embedding model is loaded once per test session."""
from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from recommender.config import Config
from recommender.engine import Recommender, RecommendRequest
from recommender.store import Store

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
TOYS = SHARED / "amazon-toys-2020" / "catalog.csv"
ARTIFACTS = ROOT / "test-artifacts"
# The labelled sets kept unread (measured, never developed on): no script that reads the development
# sets may read them (`scripts/refusal_data.py`, `scripts/readings.py`).
KEPT_UNREAD = re.compile(r"limits/toys-(?:blind\d*|new1[68])$|relevance/toys-final(?:[5-8]|10)$")

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def ask(engine: Recommender, text: str, k: int = 5, **config: object) -> dict:
    """One request of one message, as a new conversation (`config`: settings changed for it)."""
    if config:
        from dataclasses import replace

        engine = Recommender(replace(engine.config, **config), engine.catalog, engine.encoder,
                             engine.vectors, engine.store, engine.lexical)
    return engine.recommend(RecommendRequest(sender_id=f"t-{uuid.uuid4()}", messages=(text,), k=k))


def titles(result: dict) -> list[str]:
    return [it["title"] for it in result["recommendation"]["items"]]


def on_own_database(engine: Recommender, config: Config) -> Recommender:
    """The session's model, catalog and vectors over the database `config` names (its customers
    loaded), for tests that must not share the session's database."""
    store = Store.from_url(config.database_url)
    store.load_customers(config.customers_path)
    return Recommender(config, engine.catalog, engine.encoder, engine.vectors, store, engine.lexical, refusals=engine.refusals)


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Recommender:
    """The demo catalog with the real model and a fresh SQLite database."""
    db = tmp_path_factory.mktemp("db") / "engine.db"
    return Recommender.load(Config.from_env({}, database_url=f"sqlite:///{db}"))


@pytest.fixture(scope="session")
def toys_engine(engine: Recommender, tmp_path_factory: pytest.TempPathFactory) -> Recommender:
    """The shared Amazon toys catalog, as it is (skipped where ../shared/data is absent)."""
    if not TOYS.is_file():
        pytest.skip(f"{TOYS} not present")
    from recommender.catalog import load_catalog
    from recommender.index import product_vectors
    from recommender.store import Store

    db = tmp_path_factory.mktemp("db") / "toys.db"
    config = Config.from_env({}, catalog_path=TOYS, database_url=f"sqlite:///{db}")
    catalog = load_catalog(TOYS)
    vectors = product_vectors(catalog, engine.encoder, config.cache_dir)
    store = Store.from_url(config.database_url)
    store.load_customers(config.customers_path)
    return Recommender(config, catalog, engine.encoder, vectors, store, refusals=engine.refusals)


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=3) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")
    except OSError:
        return 0, {}


class Stack:
    """The whole assistant started by scripts/stack.py on test ports."""

    def __init__(self, env: dict[str, str], proc: subprocess.Popen[bytes], logs: Path) -> None:
        self.env, self.proc, self.logs = env, proc, logs
        self.rasa = f"http://127.0.0.1:{env['RASA_PORT']}"
        self.storefront = f"http://127.0.0.1:{env['STOREFRONT_PORT']}"
        self.recommender = f"http://127.0.0.1:{env['RECOMMENDER_PORT']}"
        self.actions = f"http://127.0.0.1:{env['ACTION_PORT']}"
        self.token = env["RECOMMENDER_TOKEN"]
        self.rasa_token = env["RASA_AUTH_TOKEN"]  # Rasa's HTTP API (--enable-api), as `?token=`
        self.identity_secret = env["ASSISTANT_IDENTITY_SECRET"]  # signs customer tokens, as a store's backend would
        self.admin_token = env["RECOMMENDER_ADMIN_TOKEN"]  # the store operator's: /v1/admin/ (catalog reload)
        self.tracker_store_url = env["TRACKER_STORE_URL"]  # Rasa's conversations (SQL tracker store)

    def pids(self) -> dict[str, int]:
        """Pids of the stack's processes by name (recommender, actions, rasa, storefront)."""
        return json.loads((self.logs / "pids.json").read_text())

    def wait_ready(self, timeout: float = 120) -> None:
        """Wait until the storefront's /healthz finds every service ready again."""
        deadline = time.monotonic() + timeout
        while _get(f"{self.storefront}/healthz")[0] != 200:
            if time.monotonic() > deadline:
                pytest.fail(f"the stack did not become ready again\n{self.log_tail()}")
            time.sleep(0.5)

    def cli(self, *args: str) -> list[dict]:
        """Run `python -m recommender ...` against the stack's database; parse JSON lines."""
        out = subprocess.run([sys.executable, "-m", "recommender", *args], env=self.env, cwd=ROOT,
                             capture_output=True, text=True, timeout=120, check=True).stdout
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    def login(self, customer_id: str) -> dict[str, str]:
        """Message metadata for a shopper the store vouches for: a signed customer token."""
        from recommender.identity import issue_token

        return {"customer_token": issue_token(customer_id, self.identity_secret)}

    def log_tail(self) -> str:
        return "\n".join(f"== {p.name}\n{p.read_text(errors='replace')[-3000:]}" for p in self.logs.glob("*.log"))


STACK_OFFSETS = (5005, 5055, 8000, 8080)  # Rasa, actions, recommender, storefront: base port + offset
REPLICA_SPAN = 103  # scripts/replicas.py: replica i of a service listens on its port + 100 + i


def _ephemeral_floor() -> int:
    """The lowest port the kernel hands out to outgoing connections: a fixed port at or above it can be
    taken by any client socket of the test run (the CI failure of 48080 "address already in use")."""
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def _bindable(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def stack_base_port(first: int) -> int:
    """A base port from `first` on (in steps of 200) whose service and replica ports are all free and
    all below the ephemeral range."""
    for base in range(first, _ephemeral_floor(), 200):
        ports = [base + o + r for o in STACK_OFFSETS for r in (0, *range(101, REPLICA_SPAN))]
        if max(ports) < _ephemeral_floor() and all(_bindable(p) for p in ports):
            return base
    raise RuntimeError(f"no free block of stack ports from {first} below {_ephemeral_floor()}")


def _secret() -> str:
    """A random secret that starts with "-", as one in 64 of `secrets.token_urlsafe` does: every
    stack run checks that no part reads a secret as a command-line option (CI once met one)."""
    return "-" + secrets.token_urlsafe(32)


def _start_stack(tmp: Path, catalog: Path, base_port: int, extra: dict[str, str] | None = None) -> Iterator[Stack]:
    """scripts/stack.py on `catalog`, on ports base+5005/+5055/+8000/+8080, where base is the first free
    block from `base_port` (each caller its own thousand); `extra` environment on top (RASA_REPLICAS=2)."""
    base_port = stack_base_port(base_port)
    env = dict(os.environ)
    env.update({
        "RASA_PORT": str(base_port + 5005), "ACTION_PORT": str(base_port + 5055),
        "RECOMMENDER_PORT": str(base_port + 8000), "STOREFRONT_PORT": str(base_port + 8080),
        "DATABASE_URL": f"sqlite:///{tmp / 'stack.db'}", "CATALOG": str(catalog),
        "RECOMMENDER_TOKEN": _secret(), "RASA_AUTH_TOKEN": _secret(),
        "ASSISTANT_IDENTITY_SECRET": _secret(), "RECOMMENDER_ADMIN_TOKEN": _secret(),
        "TRACKER_STORE_URL": f"sqlite:///{tmp / 'tracker.db'}",
    })
    env.update(extra or {})
    env["ACTION_ENDPOINT_URL"] = f"http://127.0.0.1:{env['ACTION_PORT']}/webhook"
    for var in ("RECOMMENDER_URL", "RASA_URL", "CUSTOMERS", "CATALOG_COLUMNS", "CATALOG_CURRENCY"):
        env.pop(var, None)
    logs = tmp / "logs"
    proc = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "stack.py"), "--logs", str(logs),
                             "--timeout", "400"], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    ready = threading.Event()

    def relay() -> None:  # the stack's own word that start-up is over: a test may kill a part after it
        for line in proc.stdout or ():
            if '"status": "ready"' in line:
                ready.set()
            sys.stdout.write(line)

    threading.Thread(target=relay, daemon=True).start()
    s = Stack(env, proc, logs)
    deadline = time.monotonic() + 420
    # Healthy, and said so by the stack: before it has, a part that a test kills ends its start-up.
    while _get(f"{s.storefront}/healthz")[0] != 200 or not ready.is_set():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.terminate()
            pytest.fail(f"stack did not start\n{s.log_tail()}")
        time.sleep(2)
    yield s
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(60)
    except subprocess.TimeoutExpired:
        proc.kill()


# --- databases: SQLite and a real PostgreSQL server (tests/setup_postgres.sh) --------------------
SETUP_POSTGRES = ROOT / "tests" / "setup_postgres.sh"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """URL of a PostgreSQL database whose role may create databases; the server lives this session."""
    if url := os.environ.get("TEST_POSTGRES_URL"):
        yield url
        return
    started = subprocess.run(["bash", str(SETUP_POSTGRES), "start"], capture_output=True, text=True, timeout=900,
                             check=False)
    if started.returncode == 3 and not os.environ.get("CI"):
        pytest.skip(f"PostgreSQL is not installed and could not be installed: {started.stderr.strip()[-500:]}")
    if started.returncode != 0:
        pytest.fail(f"tests/setup_postgres.sh start failed ({started.returncode}):\n{started.stderr[-3000:]}")
    values = dict(line.split("=", 1) for line in started.stdout.splitlines() if "=" in line)
    try:
        yield values["DATABASE_URL"]
    finally:
        subprocess.run(["bash", str(SETUP_POSTGRES), "stop", values["PGDIR"]], capture_output=True, timeout=120, check=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: a new SQLite file, or a new database on the session's PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    server = make_url(request.getfixturevalue("postgres_server"))
    name = f"store_{uuid.uuid4().hex[:16]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.dispose()



@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The whole assistant on the demo toy shop."""
    yield from _start_stack(tmp_path_factory.mktemp("stack"), ROOT / "data" / "catalog.csv", 10000)


@pytest.fixture(scope="module")
def fashion_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The whole assistant on the second demo store (clothing in euros), for one test module."""
    yield from _start_stack(tmp_path_factory.mktemp("fashion-stack"), ROOT / "data" / "fashion.csv", 20000)


@pytest.fixture
async def rasa_stub(aiohttp_server):  # type: ignore[no-untyped-def]
    """A stand-in for Rasa's REST webhook (what reaches Rasa is only visible to Rasa): its URL,
    and the bodies it received, for tests of what the storefront forwards."""
    from aiohttp import web

    seen: list[dict] = []

    async def webhook(request: web.Request) -> web.Response:
        seen.append(await request.json())
        return web.json_response([{"recipient_id": "s", "text": "ok"}])

    app = web.Application()
    app.add_routes([web.post("/webhooks/rest/webhook", webhook)])
    server = await aiohttp_server(app)
    return str(server.make_url("")).rstrip("/"), seen
