"""Start the whole assistant (recommender, action server, Rasa, storefront); stop it on Ctrl-C.

Standard library only, so it runs before or without either virtual environment's extras.
Used by `make run` and by the end-to-end tests.

Every child gets RECOMMENDER_TOKEN, the bearer token of the recommender's API: the
environment's own, else one made at first run and kept in var/recommender.token (mode 0600).
Likewise RASA_AUTH_TOKEN (var/rasa.token): Rasa serves its HTTP API (`--enable-api`), on
loopback like everything else, only to requests that carry it as `?token=`; agents resume a
paused conversation with it, and the action server wipes a forgotten shopper's trackers.
Likewise ASSISTANT_IDENTITY_SECRET (var/identity.secret), which signs shoppers' customer tokens.
RECOMMENDER_ADMIN_TOKEN (var/admin.token) goes to the recommender alone: the store's operator
reloads the catalog with it (`POST /v1/admin/reload`); the recommender also reloads by itself
when the catalog file changes (CATALOG_WATCH_S, every 5 s).
Each child runs in a process group of its own (Sanic's worker processes included); its pid,
which is also the group's id, is kept in <logs>/pids.json. Once everything is ready, a child
that dies is started again (after 1, 2, 4 ... 30 s), its group's leftovers killed first; one
that dies 5 times within a minute stops the lot.
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
import replicas

MAX_RESTARTS = 5  # deaths within RESTART_WINDOW_S after which a child is not started again
RESTART_WINDOW_S = 60.0


# Rasa takes its API token only as `--auth-token`, and a command line is readable by every
# local user (/proc/<pid>/cmdline). So Rasa is started through this launcher, which appends the
# flag from the environment inside the process. It is one word, `--auth-token=TOKEN`: given as two,
# a token that starts with "-" (one in 64 of `secrets.token_urlsafe`) is read as another option and
# Rasa exits with "expected one argument".
RASA_ARGV = "sys.argv = ['rasa', *sys.argv[1:], '--auth-token=' + os.environ['RASA_AUTH_TOKEN']]"
RASA_LAUNCHER = f"import os, sys; from rasa.__main__ import main; {RASA_ARGV}; main()"


def recommender_token(env: dict[str, str], path: Path) -> str:
    """RECOMMENDER_TOKEN from the environment, else the demo's own: made once, kept in `path` (0600)."""
    return private_token(env, "RECOMMENDER_TOKEN", path)


def rasa_token(env: dict[str, str], path: Path) -> str:
    """RASA_AUTH_TOKEN (Rasa's HTTP API) from the environment, else the demo's own, kept in `path`."""
    return private_token(env, "RASA_AUTH_TOKEN", path)


def private_token(env: dict[str, str], var: str, path: Path) -> str:
    """`env[var]` when set, else a secret made once and kept in `path` (mode 0600)."""
    if env.get(var):
        return env[var]
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        os.chmod(path, 0o600)  # whoever widened it, the token is a secret
        token = path.read_text(encoding="utf-8").strip()
        if token:
            return token
        fd = os.open(path, os.O_WRONLY | os.O_TRUNC)
    token = secrets.token_urlsafe(32)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(token + "\n")
    return token


def tracker_store_url(env: dict[str, str]) -> str:
    """Where Rasa keeps conversations (bot/endpoints.yml): TRACKER_STORE_URL, else the PostgreSQL
    database of DATABASE_URL in the driver Rasa has (psycopg2), else SQLite: tracker.db beside
    a SQLite DATABASE_URL's file, or var/tracker.db."""
    if env.get("TRACKER_STORE_URL"):
        return env["TRACKER_STORE_URL"]
    database = env.get("DATABASE_URL", "")
    scheme, _, rest = database.partition("://")
    if scheme.startswith("postgres"):
        return f"postgresql://{rest}"  # Rasa's tables (events) sit beside the store's
    if scheme == "sqlite" and rest.startswith("/") and len(rest) > 1:
        return f"sqlite:///{Path(rest[1:]).with_name('tracker.db')}"
    return f"sqlite:///{ROOT / 'var' / 'tracker.db'}"


def storefront_origins(env: dict[str, str]) -> list[str]:
    """The browser origins of the storefront page: the only ones Rasa answers CORS for."""
    port = env["STOREFRONT_PORT"]
    extra = [o.strip() for o in env.get("STOREFRONT_ORIGINS", "").split(",") if o.strip()]
    return [f"http://127.0.0.1:{port}", f"http://localhost:{port}", *extra]


def env_with_defaults() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("RASA_PORT", "5005")
    env.setdefault("ACTION_PORT", "5055")
    env.setdefault("RECOMMENDER_PORT", "8000")
    env.setdefault("STOREFRONT_PORT", "8080")
    env.setdefault("SERVICES_HOST", "127.0.0.1")
    host = env["SERVICES_HOST"]
    env.setdefault("SANIC_HOST", host)  # rasa_sdk's listen address; it would take 0.0.0.0
    env.setdefault("RECOMMENDER_URL", f"http://{host}:{env['RECOMMENDER_PORT']}")
    env.setdefault("ACTION_ENDPOINT_URL", f"http://{host}:{env['ACTION_PORT']}/webhook")
    env.setdefault("RASA_URL", f"http://{host}:{env['RASA_PORT']}")
    env["TRACKER_STORE_URL"] = tracker_store_url(env)
    env.setdefault("CATALOG_WATCH_S", "5")  # the recommender reloads a changed catalog file by itself
    env.setdefault("HF_HUB_OFFLINE", "1")
    env.setdefault("TRANSFORMERS_OFFLINE", "1")
    env.setdefault("PYTHONUNBUFFERED", "1")
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def commands(env: dict[str, str], py: str, rasa: str, model: str) -> dict[str, list[str]]:
    return {
        "recommender": [py, "-m", "recommender", "serve"],
        "actions": [py, "-m", "rasa_sdk", "--actions", "actions", "--port", env["ACTION_PORT"]],
        # `rasa run ... --enable-api --auth-token $RASA_AUTH_TOKEN`, the token kept off the command line.
        "rasa": [str(Path(rasa).with_name("python")), "-c", RASA_LAUNCHER, "run", "--model", model,
                 "--port", env["RASA_PORT"], "--endpoints", str(ROOT / "bot" / "endpoints.yml"),
                 "--credentials", str(ROOT / "bot" / "credentials.yml"), "--cors", *storefront_origins(env),
                 "--interface", env["SERVICES_HOST"], "--enable-api"],
        "storefront": [py, "-m", "storefront"],
    }


def with_replicas(env: dict[str, str], cmds: dict[str, list[str]], logs: Path) -> dict[str, list[str]]:
    """`cmds` with Rasa and the action server replicated behind HAProxy when RASA_REPLICAS or
    ACTION_REPLICAS > 1 (and Redis as Rasa's lock store for several Rasa servers); `env` gains
    the replicas' URLs, which the storefront's /healthz reports one by one."""
    n_rasa, n_actions = replicas.replica_count(env, "RASA_REPLICAS"), replicas.replica_count(env, "ACTION_REPLICAS")
    if n_rasa == 1 and n_actions == 1:
        return cmds
    host = env["SERVICES_HOST"]
    out: dict[str, list[str]] = {}
    balanced: dict[str, tuple[int, list[int], str]] = {}
    if n_rasa > 1:
        redis_port = int(env.get("REDIS_PORT") or replicas.free_port(host, 6390))
        out["redis"] = [replicas.need("redis-server"), "--bind", host, "--port", str(redis_port),
                        "--save", "", "--appendonly", "no"]
        env["REDIS_ADDRESS"] = f"{host}:{redis_port}"
        endpoints = replicas.endpoints_with_redis(ROOT / "bot" / "endpoints.yml", logs / "endpoints.yml", host, redis_port)
        env["RASA_REPLICA_URLS"] = replicas.replicate(out, balanced, "rasa", cmds["rasa"], host, int(env["RASA_PORT"]),
                                                      n_rasa, "/", {"--endpoints": str(endpoints)})
    else:
        out["rasa"] = cmds["rasa"]
    if n_actions > 1:
        env["ACTION_REPLICA_URLS"] = replicas.replicate(out, balanced, "actions", cmds["actions"], host,
                                                        int(env["ACTION_PORT"]), n_actions, "/health")
    else:
        out["actions"] = cmds["actions"]
    config = replicas.haproxy_config(logs / "haproxy.cfg", host, balanced)
    out["balancer"] = [replicas.need("haproxy"), "-db", "-f", str(config)]
    out["recommender"], out["storefront"] = cmds["recommender"], cmds["storefront"]
    return out


def kill_group(pgid: int) -> None:
    """SIGKILL what is left of a child's process group (nothing, after a clean exit)."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return resp.status == 200
    except (urllib.error.URLError, OSError):
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--python", default=str(ROOT / ".venv" / "bin" / "python"))
    parser.add_argument("--rasa", default=str(ROOT / ".venv-rasa" / "bin" / "rasa"))
    parser.add_argument("--model", default=str(ROOT / "bot" / "models"))
    parser.add_argument("--logs", default=str(ROOT / "var" / "logs"))
    parser.add_argument("--timeout", type=float, default=300, help="seconds to wait for readiness")
    parser.add_argument("--token-file", default=str(ROOT / "var" / "recommender.token"),
                        help="where the demo's recommender token is kept when RECOMMENDER_TOKEN is not set")
    parser.add_argument("--rasa-token-file", default=str(ROOT / "var" / "rasa.token"),
                        help="where the demo's Rasa API token is kept when RASA_AUTH_TOKEN is not set")
    parser.add_argument("--admin-token-file", default=str(ROOT / "var" / "admin.token"),
                        help="where the recommender's admin token is kept when RECOMMENDER_ADMIN_TOKEN is not set")
    parser.add_argument("--identity-secret-file", default=str(ROOT / "var" / "identity.secret"),
                        help="where the demo's identity secret is kept when ASSISTANT_IDENTITY_SECRET is not set")
    parser.add_argument("--tracker-url", action="store_true",
                        help="print the tracker store's URL the stack would use, and exit (make shell)")
    args = parser.parse_args()
    env = env_with_defaults()
    if args.tracker_url:
        print(env["TRACKER_STORE_URL"])
        return 0
    env["RECOMMENDER_TOKEN"] = recommender_token(env, Path(args.token_file))
    env["RASA_AUTH_TOKEN"] = rasa_token(env, Path(args.rasa_token_file))
    admin_token = private_token(env, "RECOMMENDER_ADMIN_TOKEN", Path(args.admin_token_file))
    env.pop("RECOMMENDER_ADMIN_TOKEN", None)
    # The secret a store's backend signs its shoppers' tokens with (recommender/identity.py);
    # the demo storefront's login signs with it too. The environment's, else one kept in var/.
    env["ASSISTANT_IDENTITY_SECRET"] = private_token(env, "ASSISTANT_IDENTITY_SECRET", Path(args.identity_secret_file))
    logs = Path(args.logs)
    logs.mkdir(parents=True, exist_ok=True)
    procs: dict[str, subprocess.Popen[bytes]] = {}
    deaths: dict[str, list[float]] = {}
    cmds = with_replicas(env, commands(env, args.python, args.rasa, args.model), logs)
    pids_file = logs / "pids.json"
    stopping = False

    def start(name: str) -> None:
        with open(logs / f"{name}.log", "ab") as log:  # the child keeps its own copy
            child_env = {**env, "RECOMMENDER_ADMIN_TOKEN": admin_token} if name == "recommender" else env
            procs[name] = subprocess.Popen(cmds[name], cwd=ROOT, env=child_env, stdout=log, stderr=subprocess.STDOUT,
                                           start_new_session=True)
        tmp = pids_file.with_suffix(".tmp")
        tmp.write_text(json.dumps({n: p.pid for n, p in procs.items()}))
        os.replace(tmp, pids_file)
        print(f"started {name} (pid {procs[name].pid}), log: {logs / (name + '.log')}", flush=True)

    def restart_due(name: str, code: int | None) -> float | None:
        """When to start a dead child again (monotonic time), or None to give up."""
        now = time.monotonic()
        recent = [t for t in deaths.get(name, []) if now - t < RESTART_WINDOW_S] + [now]
        deaths[name] = recent
        if len(recent) >= MAX_RESTARTS:
            return None
        delay = min(30.0, 2.0 ** (len(recent) - 1))
        print(f"{name} exited (code {code}); starting it again in {delay:.0f}s", file=sys.stderr, flush=True)
        return now + delay

    def stop(*_: object) -> None:
        nonlocal stopping
        if stopping:
            return
        stopping = True
        print("\nstopping...", flush=True)
        for proc in procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 15
        for proc in procs.values():
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            kill_group(proc.pid)  # workers that outlived their parent
        pids_file.unlink(missing_ok=True)

    signal.signal(signal.SIGINT, lambda *a: stop())
    signal.signal(signal.SIGTERM, lambda *a: stop())
    try:
        for name in cmds:
            start(name)
        health = f"http://{env['SERVICES_HOST']}:{env['STOREFRONT_PORT']}/healthz"
        deadline = time.monotonic() + args.timeout
        while not stopping and not healthy(health):
            dead = [n for n, p in procs.items() if p.poll() is not None]
            if dead or time.monotonic() > deadline:
                why = f"{', '.join(dead)} exited" if dead else f"not ready after {args.timeout:.0f}s"
                print(f"start-up failed: {why}; see the logs in {logs}", file=sys.stderr, flush=True)
                stop()
                return 1
            time.sleep(1)
        if stopping:
            return 0
        host = env["SERVICES_HOST"]
        token_from = "$RASA_AUTH_TOKEN" if os.environ.get("RASA_AUTH_TOKEN") else args.rasa_token_file
        print(json.dumps({"status": "ready"}), flush=True)
        print(f"""
The assistant is running:
  storefront + chat widget   http://{host}:{env['STOREFRONT_PORT']}/
  health                     {health}
  Rasa REST channel          POST http://{host}:{env['RASA_PORT']}/webhooks/rest/webhook
  Rasa HTTP API (agents)     http://{host}:{env['RASA_PORT']}/conversations/<sender id>/...?token=<{token_from}>
  recommender service        http://{host}:{env['RECOMMENDER_PORT']}/healthz
  agents                     make shell   (in another terminal)
Press Ctrl-C to stop.""", flush=True)
        due: dict[str, float] = {}
        while not stopping:
            for name, proc in procs.items():
                if stopping:
                    break
                if name in due or proc.poll() is None:
                    continue
                kill_group(proc.pid)  # orphaned workers would hold the port the new one needs
                when = restart_due(name, proc.returncode)
                if when is None:
                    print(f"{name} exited {MAX_RESTARTS} times within {RESTART_WINDOW_S:.0f}s; stopping the rest",
                          file=sys.stderr, flush=True)
                    stop()
                    return 1
                due[name] = when
            for name, when in list(due.items()):
                if time.monotonic() >= when and not stopping:
                    del due[name]
                    start(name)
            time.sleep(0.5)
        return 0
    finally:
        stop()


if __name__ == "__main__":
    sys.exit(main())
