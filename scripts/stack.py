"""Start the whole assistant (recommender, action server, Rasa, storefront); stop it on Ctrl-C.

Standard library only, so it runs before or without either virtual environment's extras.
Used by `make run` and by the end-to-end tests.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def env_with_defaults() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("RASA_PORT", "5005")
    env.setdefault("ACTION_PORT", "5055")
    env.setdefault("RECOMMENDER_PORT", "8000")
    env.setdefault("STOREFRONT_PORT", "8080")
    env.setdefault("SERVICES_HOST", "127.0.0.1")
    host = env["SERVICES_HOST"]
    env.setdefault("RECOMMENDER_URL", f"http://{host}:{env['RECOMMENDER_PORT']}")
    env.setdefault("ACTION_ENDPOINT_URL", f"http://{host}:{env['ACTION_PORT']}/webhook")
    env.setdefault("HF_HUB_OFFLINE", "1")
    env.setdefault("TRANSFORMERS_OFFLINE", "1")
    env.setdefault("PYTHONUNBUFFERED", "1")
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def commands(env: dict[str, str], py: str, rasa: str, model: str) -> dict[str, list[str]]:
    return {
        "recommender": [py, "-m", "recommender", "serve"],
        "actions": [py, "-m", "rasa_sdk", "--actions", "actions", "--port", env["ACTION_PORT"]],
        "rasa": [rasa, "run", "--model", model, "--port", env["RASA_PORT"],
                 "--endpoints", str(ROOT / "bot" / "endpoints.yml"),
                 "--credentials", str(ROOT / "bot" / "credentials.yml"), "--cors", "*",
                 "--interface", env["SERVICES_HOST"]],
        "storefront": [py, "-m", "recommender", "storefront"],
    }


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
    args = parser.parse_args()
    env = env_with_defaults()
    logs = Path(args.logs)
    logs.mkdir(parents=True, exist_ok=True)
    procs: dict[str, subprocess.Popen[bytes]] = {}
    stopping = False

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

    signal.signal(signal.SIGINT, lambda *a: stop())
    signal.signal(signal.SIGTERM, lambda *a: stop())
    try:
        for name, cmd in commands(env, args.python, args.rasa, args.model).items():
            log = open(logs / f"{name}.log", "ab")
            procs[name] = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
            print(f"started {name} (pid {procs[name].pid}), log: {logs / (name + '.log')}", flush=True)
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
        print(json.dumps({"status": "ready"}), flush=True)
        print(f"""
The assistant is running:
  storefront + chat widget   http://{host}:{env['STOREFRONT_PORT']}/
  health                     {health}
  Rasa REST channel          POST http://{host}:{env['RASA_PORT']}/webhooks/rest/webhook
  recommender service        http://{host}:{env['RECOMMENDER_PORT']}/healthz
  agents                     make shell   (in another terminal)
Press Ctrl-C to stop.""", flush=True)
        while not stopping:
            dead = [n for n, p in procs.items() if p.poll() is not None]
            if dead:
                print(f"{', '.join(dead)} exited; stopping the rest", file=sys.stderr, flush=True)
                stop()
                return 1
            time.sleep(1)
        return 0
    finally:
        stop()


if __name__ == "__main__":
    sys.exit(main())
