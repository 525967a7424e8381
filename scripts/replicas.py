"""Several Rasa servers and action servers behind HAProxy, sharing a Redis lock store.

Used by scripts/stack.py when RASA_REPLICAS or ACTION_REPLICAS is above 1 (standard library
only). The layout on one machine:

    storefront, rasa shell, scripts ──▶ HAProxy on RASA_PORT ──▶ rasa-1, rasa-2, ... (RASA_PORT+101, +102, ...)
    every Rasa server ────────────────▶ HAProxy on ACTION_PORT ─▶ actions-1, ... (ACTION_PORT+101, ...)
    every Rasa server ──▶ Redis (lock store: one conversation's messages one at a time)
                      ──▶ the SQL tracker store (conversations; PostgreSQL is the store for this)

The usual ports keep their meaning, so nothing that talks to the stack changes. HAProxy checks
each replica every 2 s and sends a request that found a dead one to another (`redispatch`).
Redis and HAProxy are Debian's packages (scripts/debian_packages.sh installs them).
"""
from __future__ import annotations

import shutil
import socket
from pathlib import Path

REPLICA_PORT_OFFSET = 100  # replica i of a service listens on its port + 100 + i


def replica_count(env: dict[str, str], var: str) -> int:
    raw = env.get(var, "1") or "1"
    try:
        n = int(raw)
    except ValueError:
        raise SystemExit(f"{var}={raw!r} is not a whole number") from None
    if not 1 <= n <= 16:
        raise SystemExit(f"{var}={n}: between 1 and 16 replicas")
    return n


def free_port(host: str, first: int) -> int:
    for port in range(first, first + 200):
        with socket.socket() as s:
            try:
                s.bind((host, port))
            except OSError:
                continue
            return port
    raise SystemExit(f"no free port from {first} on {host}")


def replica_ports(port: int, n: int) -> list[int]:
    return [port + REPLICA_PORT_OFFSET + i for i in range(1, n + 1)]


def replicate(out: dict[str, list[str]], balanced: dict[str, tuple[int, list[int], str]], name: str,
              cmd: list[str], host: str, port: int, n: int, health: str, flags: dict[str, str] | None = None) -> str:
    """`n` copies of `cmd` as `name-1`, ... in `out`, each on its own port (its `--port` and
    `flags` replaced), and their balancer entry in `balanced`; returns the replicas' URLs."""
    ports = replica_ports(port, n)
    for i, own in enumerate(ports, start=1):
        copy = [*cmd]
        for flag, value in {"--port": str(own), **(flags or {})}.items():
            copy[copy.index(flag) + 1] = value
        out[f"{name}-{i}"] = copy
    balanced[name] = (port, ports, health)
    return ",".join(f"http://{host}:{p}" for p in ports)


def need(binary: str) -> str:
    found = shutil.which(binary) or shutil.which(binary, path="/usr/sbin:/usr/bin:/sbin:/bin")
    if not found:
        raise SystemExit(f"{binary} is not installed: run `bash scripts/debian_packages.sh` (Debian's redis-server, haproxy)")
    return found


def endpoints_with_redis(base: Path, out: Path, host: str, port: int) -> Path:
    """bot/endpoints.yml plus Rasa's Redis lock store: what every replica reads."""
    out.write_text(base.read_text(encoding="utf-8") + f"""
# Added by scripts/replicas.py: several Rasa servers share one lock per conversation
# (bot/lock_store.py: Rasa's RedisLockStore lets two servers take the same ticket).
lock_store:
  type: bot.lock_store.AtomicRedisLockStore
  url: {host}
  port: {port}
  db: 1
  key_prefix: assistant
""", encoding="utf-8")
    return out


def haproxy_config(out: Path, host: str, services: dict[str, tuple[int, list[int], str]]) -> Path:
    """One frontend per replicated service on its usual port, round robin over live replicas.

    `services`: name -> (public port, replica ports, health path)."""
    # The log names the backend, the replica, timings and the status, never the path: paths of
    # Rasa's API hold sender ids.
    lines = ["global", "  maxconn 4096", "  log stdout format raw local0", "defaults", "  mode http",
             "  log global", '  log-format "%ft %b/%s %Tw/%Tc/%Tr/%Ta %ST %tsc retries=%rc"',
             "  timeout connect 2s", "  timeout client 180s", "  timeout server 180s",
             "  timeout check 10s",  # a replica busy under load answers its check late, and is alive
             "  retries 3", "  option redispatch 1", "  retry-on conn-failure",
             "  option http-server-close"]
    for name, (port, ports, health) in services.items():
        lines += [f"frontend {name}", f"  bind {host}:{port}", f"  default_backend {name}_replicas",
                  f"backend {name}_replicas", "  balance roundrobin", f"  option httpchk GET {health}"]
        # A dead replica refuses connections at once (retried on another); a check every 2 s
        # takes it out of the rotation after 3 failures and back after 1 success.
        lines += [f"  server {name}-{i} {host}:{p} check inter 2s fall 3 rise 1"
                  for i, p in enumerate(ports, start=1)]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out
