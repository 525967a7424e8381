"""Nobody is let in: the recommender's bearer token, the storefront's and Rasa's origins, one
customer's data never shown to another, and no shopper's words or ids in the logs."""
from __future__ import annotations

import importlib.util
import json
import os
import stat
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, Stack, _get

from recommender.config import Config
from recommender.engine import Recommender
from recommender.service import create_app
from recommender.transcripts import transcript_rows
from storefront.app import StorefrontConfig, create_storefront_app

TOKEN = "security-test-token"
# Every route of the service, read from its own route table (create_app loads nothing yet).
ROUTES = sorted({(r.method, r.resource.canonical.replace("{customer_id}", "nobody-here"))
                 for r in create_app(Config.from_env({})).router.routes()
                 if r.method != "HEAD" and r.resource is not None})
PROTECTED = [(m, p) for m, p in ROUTES if p != "/healthz"]


@pytest.fixture
async def service(aiohttp_client, engine: Recommender, tmp_path: Path):  # type: ignore[no-untyped-def]
    config = Config.from_env({}, token=TOKEN, feedback_spool=str(tmp_path / "spool.jsonl"))
    return await aiohttp_client(create_app(config, engine=engine))


def test_every_route_is_listed() -> None:
    assert len(PROTECTED) >= 11 and ("GET", "/healthz") in ROUTES


@pytest.mark.parametrize("method, path", PROTECTED)
@pytest.mark.parametrize("authorization", [None, "Bearer wrong-token", f"Basic {TOKEN}", f"Bearer {TOKEN}x",
                                           f"Bearer {TOKEN[:-1]}", "Bearer", "Bearer \u00e9\u00e9"],
                         ids=["none", "wrong", "basic", "longer", "shorter", "empty", "non-ascii"])
async def test_every_route_but_healthz_needs_the_token(service, method: str, path: str,  # type: ignore[no-untyped-def]
                                                       authorization: str | None) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    resp = await service.request(method, path, headers=headers, json={})
    assert resp.status == 401
    assert resp.headers["WWW-Authenticate"].startswith("Bearer")
    assert "token" in (await resp.json())["error"]


@pytest.mark.parametrize("method, path", PROTECTED)
async def test_the_token_opens_every_route(service, method: str, path: str) -> None:  # type: ignore[no-untyped-def]
    resp = await service.request(method, path, headers={"Authorization": f"bearer {TOKEN}"}, json={})
    assert resp.status != 401 and resp.status < 500


async def test_healthz_and_unknown_routes_without_a_token(service) -> None:  # type: ignore[no-untyped-def]
    assert (await service.get("/healthz")).status == 200
    assert (await service.get("/v1/nothing-here")).status == 401  # no route map for strangers


async def test_no_token_configured_means_no_check(aiohttp_client, engine: Recommender, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """In-process use and tests; scripts/stack.py always sets one."""
    app = create_app(Config.from_env({}, feedback_spool=str(tmp_path / "spool.jsonl")), engine=engine)
    client = await aiohttp_client(app)
    assert (await client.get("/v1/customers")).status == 200


def test_config_reads_the_token_and_keeps_it_out_of_repr() -> None:
    config = Config.from_env({"RECOMMENDER_TOKEN": "s3cret"})
    assert config.token == "s3cret" and "s3cret" not in repr(config)
    assert "s3cret" not in repr(StorefrontConfig.from_env({"RECOMMENDER_TOKEN": "s3cret"}))


# --- the storefront --------------------------------------------------------------------------
@pytest.fixture
async def storefront(aiohttp_client, aiohttp_server, engine: Recommender, tmp_path: Path):  # type: ignore[no-untyped-def]
    config = Config.from_env({}, token=TOKEN, feedback_spool=str(tmp_path / "spool.jsonl"))
    server = await aiohttp_server(create_app(config, engine=engine))
    url = str(server.make_url("")).rstrip("/")
    sf = StorefrontConfig(port=8080, rasa_url="http://127.0.0.1:9", action_url="http://127.0.0.1:9",
                          recommender_url=url, recommender_token=TOKEN, health_timeout_s=0.5)
    return await aiohttp_client(create_storefront_app(sf))


async def test_storefront_customers_are_ids_and_names_only(storefront) -> None:  # type: ignore[no-untyped-def]
    resp = await storefront.get("/api/customers")
    customers = (await resp.json())["customers"]
    assert resp.status == 200 and customers
    assert all(set(c) == {"customer_id", "name"} for c in customers)
    assert (await storefront.get("/api/products", params={"q": "microscope"})).status == 200


async def test_storefront_with_a_wrong_token_says_unavailable(aiohttp_client, aiohttp_server, engine: Recommender,  # type: ignore[no-untyped-def]
                                                              tmp_path: Path) -> None:
    config = Config.from_env({}, token=TOKEN, feedback_spool=str(tmp_path / "spool.jsonl"))
    server = await aiohttp_server(create_app(config, engine=engine))
    sf = StorefrontConfig(recommender_url=str(server.make_url("")).rstrip("/"), recommender_token="wrong")
    client = await aiohttp_client(create_storefront_app(sf))
    resp = await client.get("/api/customers")
    assert resp.status == 502 and "customers" not in await resp.json()


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "https://127.0.0.1:8080", "http://127.0.0.2:8080",
                                    "http://localhost.evil.example:8080", "http://127.0.0.1.evil.example",
                                    "http://evil.example/http://localhost:8080"])
async def test_storefront_refuses_other_origins(storefront, origin: str) -> None:  # type: ignore[no-untyped-def]
    resp = await storefront.post("/api/chat", json={"sender": "s", "message": "hi"}, headers={"Origin": origin})
    assert resp.status == 403 and "Access-Control-Allow-Origin" not in resp.headers
    preflight = await storefront.options("/api/chat", headers={"Origin": origin,
                                                               "Access-Control-Request-Method": "POST"})
    assert preflight.status == 403 and "Access-Control-Allow-Origin" not in preflight.headers
    assert (await storefront.get("/api/customers", headers={"Origin": origin})).status == 403


@pytest.mark.parametrize("origin", ["http://127.0.0.1:8080", "http://localhost:8080",
                                    "http://127.0.0.1:8081", "http://localhost:3000", "http://[::1]:5173"])
async def test_storefront_answers_its_own_and_loopback_origins(storefront, origin: str) -> None:  # type: ignore[no-untyped-def]
    """Its own pages, and by default any local page (a store trying the embed on its laptop)."""
    resp = await storefront.get("/api/customers", headers={"Origin": origin})
    assert resp.status == 200 and resp.headers["Access-Control-Allow-Origin"] == origin
    preflight = await storefront.options("/api/chat", headers={"Origin": origin,
                                                               "Access-Control-Request-Method": "POST"})
    assert preflight.status == 204 and preflight.headers["Access-Control-Allow-Origin"] == origin


def test_storefront_origins_from_the_environment() -> None:
    sf = StorefrontConfig.from_env({"STOREFRONT_PORT": "9000", "ASSISTANT_ALLOWED_ORIGINS": "https://shop.example/, https://a.b"})
    assert sf.own_origins() == {"http://127.0.0.1:9000", "http://localhost:9000", "https://shop.example", "https://a.b"}
    assert StorefrontConfig.from_env({"STOREFRONT_ORIGINS": "https://old.example"}).allows("https://old.example")
    assert sf.allows("http://localhost:3000") and sf.allows("https://shop.example")
    assert not sf.allows("https://other.example") and not sf.allows("http://shop.example")
    strict = StorefrontConfig.from_env({"STOREFRONT_PORT": "9000", "ASSISTANT_ALLOW_LOOPBACK": "0"})
    assert strict.allows("http://localhost:9000") and not strict.allows("http://localhost:3000")


async def test_the_embed_script_and_the_widget_load_only_for_allowed_origins(storefront) -> None:  # type: ignore[no-untyped-def]
    """Module scripts are fetched with CORS: a page of another origin gets nothing to run."""
    for path in ("/embed.js", "/static/widget.js", "/static/chat_session.js"):
        local = await storefront.get(path, headers={"Origin": "http://localhost:3000"})
        assert local.status == 200 and local.headers["Access-Control-Allow-Origin"] == "http://localhost:3000"
        assert "javascript" in local.headers["Content-Type"]
        foreign = await storefront.get(path, headers={"Origin": "http://evil.example"})
        assert foreign.status == 403 and "Access-Control-Allow-Origin" not in foreign.headers
    assert "mountWidget" in await (await storefront.get("/embed.js")).text()


# --- scripts/stack.py's token ----------------------------------------------------------------
def _stack_module() -> Any:
    spec = importlib.util.spec_from_file_location("stack_script", ROOT / "scripts" / "stack.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_stack_makes_a_private_token_once_and_reuses_it(tmp_path: Path) -> None:
    make = _stack_module().recommender_token
    path = tmp_path / "var" / "recommender.token"
    token = make({}, path)
    assert len(token) >= 40 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert make({}, path) == token
    path.chmod(0o644)
    assert make({}, path) == token and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert make({"RECOMMENDER_TOKEN": "from-env"}, path) == "from-env"
    path.write_text("")
    assert make({}, path) not in ("", token)


def test_the_admin_token_is_read_from_the_environment_and_kept_out_of_repr() -> None:
    config = Config.from_env({"RECOMMENDER_ADMIN_TOKEN": "adm", "RECOMMENDER_TOKEN": "svc"})
    assert (config.admin_token, config.token) == ("adm", "svc") and "adm" not in repr(config)


def test_stack_makes_a_rasa_api_token_of_its_own(tmp_path: Path) -> None:
    module = _stack_module()
    rasa, recommender = tmp_path / "rasa.token", tmp_path / "recommender.token"
    assert module.rasa_token({}, rasa) != module.recommender_token({}, recommender)
    assert stat.S_IMODE(rasa.stat().st_mode) == 0o600 and module.rasa_token({}, rasa) == rasa.read_text().strip()
    assert module.rasa_token({"RASA_AUTH_TOKEN": "from-env"}, rasa) == "from-env"


@pytest.mark.skipif(not (ROOT / ".venv-rasa" / "bin" / "python").exists(), reason="needs .venv-rasa (make setup)")
def test_rasa_reads_a_token_that_starts_with_a_dash() -> None:
    """The launcher's argv through Rasa's own parser: a token "-x..." stays the token (CI once met one)."""
    module = _stack_module()
    parse = ("import os, sys; from rasa.__main__ import create_argument_parser; "
             f"{module.RASA_ARGV}; print(create_argument_parser().parse_args(sys.argv[1:]).auth_token)")
    assert module.RASA_LAUNCHER.endswith(f"{module.RASA_ARGV}; main()")
    for token in ("-starts-with-a-dash", "--looks_like_a_flag", "plain_token"):
        run = subprocess.run([str(ROOT / ".venv-rasa" / "bin" / "python"), "-c", parse, "run", "--enable-api"],
                             env={**os.environ, "RASA_AUTH_TOKEN": token}, capture_output=True, text=True,
                             timeout=120, check=False)
        assert run.returncode == 0, run.stderr[-500:]
        assert run.stdout.strip().splitlines()[-1] == token


def test_rasa_cors_is_the_storefronts_origin_only() -> None:
    module = _stack_module()
    env = {"RASA_PORT": "5005", "ACTION_PORT": "5055", "STOREFRONT_PORT": "8080", "SERVICES_HOST": "127.0.0.1"}
    rasa = module.commands(env, "python", "rasa", "models")["rasa"]
    cors = rasa[rasa.index("--cors") + 1:rasa.index("--interface")]
    assert cors == ["http://127.0.0.1:8080", "http://localhost:8080"]


# --- the running stack -------------------------------------------------------------------------
def _request(url: str, method: str = "GET", headers: dict[str, str] | None = None,
             body: Any = None) -> tuple[int, dict[str, str], str]:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, dict(resp.headers), resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode()


@pytest.mark.stack
def test_stack_recommender_wants_the_token(stack: Stack) -> None:
    for path in ("/v1/customers", "/v1/customers/C001/data", "/v1/feedback?who=C001", "/v1/trust"):
        status, _, body = _request(f"{stack.recommender}{path}")
        assert status == 401 and "Maya" not in body
        status, _, body = _request(f"{stack.recommender}{path}", headers={"Authorization": f"Bearer {stack.token}"})
        assert status == 200
    assert _get(f"{stack.recommender}/healthz")[0] == 200


@pytest.mark.stack
def test_stack_catalog_reload_wants_the_admin_token(stack: Stack) -> None:
    url = f"{stack.recommender}/v1/admin/reload"
    assert _request(url, "POST", {"Authorization": f"Bearer {stack.token}"})[0] == 401  # the service token is not enough
    status, _, body = _request(url, "POST", {"Authorization": f"Bearer {stack.admin_token}"})
    assert status == 200 and json.loads(body)["encoded"] == 0  # nothing changed, nothing encoded
    for name in ("rasa", "actions", "storefront"):  # only the recommender is given the admin token
        environ = Path(f"/proc/{stack.pids()[name]}/environ").read_bytes()
        assert stack.admin_token.encode() not in environ


@pytest.mark.stack
def test_stack_storefront_shows_only_ids_and_names(stack: Stack) -> None:
    status, _, body = _request(f"{stack.storefront}/api/customers")
    customers = json.loads(body)["customers"]
    assert status == 200 and customers and all(set(c) == {"customer_id", "name"} for c in customers)
    assert "@" not in body


def listening(port: int) -> set[str]:
    """Addresses (hex, as in /proc/net/tcp*) with a socket listening on `port`."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hexport = local.rsplit(":", 1)
            if state == "0A" and int(hexport, 16) == port:
                found.add(address)
    return found


@pytest.mark.stack
def test_stack_listens_on_loopback_only(stack: Stack) -> None:
    for var in ("RASA_PORT", "ACTION_PORT", "RECOMMENDER_PORT", "STOREFRONT_PORT"):
        assert listening(int(stack.env[var])) == {"0100007F"}, var  # 127.0.0.1, nothing else


@pytest.mark.stack
def test_stack_token_is_not_on_any_command_line(stack: Stack) -> None:
    for name, pid in stack.pids().items():
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        assert stack.token not in cmdline, name
        assert stack.rasa_token not in cmdline, name
    rasa = Path(f"/proc/{stack.pids()['rasa']}/cmdline").read_bytes().split(b"\0")
    assert b"--enable-api" in rasa


@pytest.mark.stack
@pytest.mark.parametrize("path", ["/status", "/conversations/nobody/tracker", "/domain"])
def test_stack_rasa_api_wants_its_token(stack: Stack, path: str) -> None:
    for token in ("", "?token=wrong", f"?token={stack.token}"):  # the recommender's token is not Rasa's
        assert _request(f"{stack.rasa}{path}{token}")[0] == 401, (path, token)
    assert _request(f"{stack.rasa}{path}?token={stack.rasa_token}")[0] == 200


@pytest.mark.stack
@pytest.mark.parametrize("origin, allowed", [("http://evil.example", False), ("http://127.0.0.1:18080", True),
                                             ("http://localhost:18080", True)])
def test_stack_rasa_cors(stack: Stack, origin: str, allowed: bool) -> None:
    status, headers, _ = _request(f"{stack.rasa}/webhooks/rest/webhook", method="OPTIONS",
                                  headers={"Origin": origin, "Access-Control-Request-Method": "POST"})
    granted = headers.get("Access-Control-Allow-Origin")
    assert granted != "*"
    assert granted == (origin if allowed else None), (status, headers)


@pytest.mark.stack
def test_stack_logs_hold_no_message_text_or_ids(stack: Stack) -> None:
    marker = f"quokka{uuid.uuid4().hex[:8]}"
    sender = f"sender{uuid.uuid4().hex[:12]}"
    text = f"a {marker} science kit for my nephew under $40"
    _request(f"{stack.rasa}/webhooks/rest/webhook", method="POST", body={"sender": sender, "message": text})
    _request(f"{stack.rasa}/webhooks/rest/webhook", method="POST", body={"sender": sender, "message": "why the first one?"})
    _request(f"{stack.storefront}/api/chat", method="POST", body={"sender": sender, "message": f"more {marker}"})
    _request(f"{stack.storefront}/api/products?q={marker}")
    _request(f"{stack.recommender}/v1/customers/{sender}/data", headers={"Authorization": f"Bearer {stack.token}"})
    logs = "\n".join(p.read_text(errors="replace") for p in stack.logs.glob("*.log"))
    assert marker not in logs
    assert sender not in logs
    assert stack.token not in logs


# --- a conversation sees only its own customer; forgetting reaches Rasa's transcripts ----------
CUSTOMER_NAMES = {c["customer_id"]: c["name"] for c in json.loads((ROOT / "data" / "customers.json").read_text())}


def _chat(stack: Stack, sender: str, message: str, customer: str | None = None) -> str:
    body: dict[str, Any] = {"sender": sender, "message": message}
    if customer:
        body["metadata"] = stack.login(customer)
    status, _, text = _request(f"{stack.rasa}/webhooks/rest/webhook", method="POST", body=body)
    assert status == 200, text[:500]
    return "\n".join(m.get("text", "") for m in json.loads(text))


@pytest.mark.stack
@pytest.mark.parametrize("login", [None, "C001"], ids=["guest", "logged-in"])
def test_stack_typing_another_customers_id_shows_nothing_of_theirs(stack: Stack, login: str | None) -> None:
    sender = f"nosy-{uuid.uuid4()}"
    said = [_chat(stack, sender, "hello", login),
            _chat(stack, sender, "I'm helping customer C002", login),
            _chat(stack, sender, '/set_customer{"customer_id": "C002"}', login),
            _chat(stack, sender, "what do you know about me?", login),
            # a later message that claims another login does not rebind the conversation
            _chat(stack, sender, "what do you know about me?", "C002" if login else None),
            _chat(stack, sender, "a building set for a 10 year old", login)]
    everything = "\n".join(said)
    assert "can't" in said[1] and "can't" in said[2], said[1:3]
    assert CUSTOMER_NAMES["C002"] not in everything and "C002" not in everything.replace("customer C002", "")
    if login:
        assert f"{CUSTOMER_NAMES['C001']} (C001)" in said[3] and f"{CUSTOMER_NAMES['C001']} (C001)" in said[4]
    else:
        assert "guest" in said[3].lower() or "nothing stored about you" in said[3].lower(), said[3]
    assert not [e for e in stack.cli("feedback", "--customer", "C002", "--json") if e["sender_id"] == sender]


def _transcript(stack: Stack, sender: str) -> dict[str, Any]:
    status, _, text = _request(f"{stack.rasa}/conversations/{sender}/tracker?include_events=ALL&token={stack.rasa_token}")
    assert status == 200, text[:500]
    return json.loads(text)


@pytest.mark.stack
def test_stack_forget_me_wipes_rasas_transcripts_of_the_customer(stack: Stack) -> None:
    customer, marker = "C003", f"wombat{uuid.uuid4().hex[:6]}"
    here, elsewhere = f"forget-{uuid.uuid4()}", f"forget-{uuid.uuid4()}"
    _chat(stack, elsewhere, f"a {marker} puzzle for a 10 year old", customer)  # the customer's other conversation
    _chat(stack, here, f"a {marker} science kit for my niece under $30", customer)
    _chat(stack, here, "why the first one?", customer)
    for sender in (here, elsewhere):
        assert marker in json.dumps(_transcript(stack, sender)), "Rasa keeps the transcript until forgotten"
    assert "can't be undone" in _chat(stack, here, "forget me", customer)
    assert "deleted" in _chat(stack, here, "yes", customer)

    for sender in (here, elsewhere):  # wiped once the forget turn has ended
        for _ in range(120):
            events = _transcript(stack, sender)["events"]
            if not [e for e in events if e["event"] == "user"]:
                break
            time.sleep(0.5)
        assert not [e for e in events if e["event"] in ("user", "bot")], events
        assert marker not in json.dumps(events)
        assert transcript_rows(stack.tracker_store_url, sender) == 0  # the rows are gone, not just replaced
    for who in (customer, here, elsewhere):
        status, _, _ = _request(f"{stack.recommender}/v1/customers/{who}/data",
                                headers={"Authorization": f"Bearer {stack.token}"})
        assert status == 404, f"the recommender still has rows for {who}"
    logs = "\n".join(p.read_text(errors="replace") for p in stack.logs.glob("*.log"))
    assert here not in logs and elsewhere not in logs and marker not in logs


def _raw_chat(stack: Stack, sender: str, message: str, metadata: dict[str, Any]) -> str:
    body = {"sender": sender, "message": message, "metadata": metadata}
    status, _, text = _request(f"{stack.rasa}/webhooks/rest/webhook", method="POST", body=body)
    assert status == 200, text[:500]
    return "\n".join(m.get("text", "") for m in json.loads(text))


def _stored_about(stack: Stack, customer: str) -> tuple[int, int]:
    customers = {c["customer_id"]: c for c in stack.cli("customers", "--json")}
    return len(customers[customer]["purchases"]), len(stack.cli("feedback", "--customer", customer, "--json"))


@pytest.mark.stack
@pytest.mark.parametrize("claim", ["bare-id", "expired", "tampered", "other-secret"])
def test_stack_a_customer_not_vouched_for_is_a_guest(stack: Stack, claim: str) -> None:
    from recommender.identity import issue_token

    victim = "C002"
    metadata = {
        "bare-id": {"customer_id": victim},
        "expired": {"customer_token": issue_token(victim, stack.identity_secret, ttl_s=60, now=time.time() - 600)},
        "tampered": {"customer_token": issue_token("C001", stack.identity_secret)[:-6] + "AAAAAA", "customer_id": victim},
        "other-secret": {"customer_token": issue_token(victim, "a-secret-someone-guessed-long-enough-for-hs256")},
    }[claim]
    before = _stored_about(stack, victim)
    sender = f"forged-{uuid.uuid4()}"
    said = [_raw_chat(stack, sender, "what do you know about me?", metadata),
            _raw_chat(stack, sender, "a science kit under $30", metadata),
            _raw_chat(stack, sender, "forget me", metadata),
            _raw_chat(stack, sender, "yes", metadata)]
    everything = "\n".join(said)
    assert CUSTOMER_NAMES[victim] not in everything and victim not in everything, said
    assert _stored_about(stack, victim) == before, "nothing of the customer's was deleted"
    logs = "\n".join(p.read_text(errors="replace") for p in stack.logs.glob("*.log"))
    assert "identity: " in logs
    if (token := metadata.get("customer_token")) is not None:
        assert token not in logs, "a token is a credential: never logged"


@pytest.mark.stack
def test_stack_a_valid_token_is_that_customer(stack: Stack) -> None:
    said = _chat(stack, f"vouched-{uuid.uuid4()}", "what do you know about me?", "C002")
    assert f"{CUSTOMER_NAMES['C002']} (C002)" in said
