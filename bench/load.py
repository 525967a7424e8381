"""`bench load`: concurrent scripted conversations through the running stack's REST channel.

Turns are classed by what they exercise: "recommend" turns run a custom action that calls the
recommender and must return a recommendations payload; "bot_alone" turns (greeting, thanks)
run no custom action. Both are timed in the same run, so the comparison is fair.
"""
from __future__ import annotations

import asyncio
import json
import os
import statistics
import time
import uuid
from pathlib import Path
from typing import Any

import aiohttp

from recommender.config import ROOT
from recommender.identity import issue_token

# (message, kind): kind "recommend" must come back with a recommendations payload.
SCRIPT = (
    ("hi there", "bot_alone"),
    ("I'm looking for a birthday gift for my 8 year old nephew who loves science, under $40", "recommend"),
    ("thanks", "bot_alone"),
    ("too expensive", "recommend"),
    ("hello again", "bot_alone"),
    ("something for the family under 30 bucks", "recommend"),  # named things can run out below the ceiling
    ("thank you", "bot_alone"),
    ("something cheaper", "recommend"),
)
CUSTOMERS = ("C001", "C002", "C003", None)


def summary(values: list[float]) -> dict[str, float | int]:
    if not values:
        return {"count": 0}
    ordered = sorted(values)

    def pct(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))], 1)

    return {"count": len(values), "p50_ms": pct(0.5), "p95_ms": pct(0.95), "p99_ms": pct(0.99),
            "mean_ms": round(statistics.mean(values), 1)}


async def conversation(session: aiohttp.ClientSession, url: str, n: int, turns: int,
                       timings: dict[str, list[float]], errors: list[str], secret: str = "") -> None:
    sender = f"load-{uuid.uuid4()}"
    customer = CUSTOMERS[n % len(CUSTOMERS)]
    for t in range(turns):
        message, kind = SCRIPT[t % len(SCRIPT)]
        body: dict[str, Any] = {"sender": sender, "message": message}
        if customer and secret:  # the shopper as a store's backend vouches for them
            body["metadata"] = {"customer_token": issue_token(customer, secret)}
        started = time.perf_counter()
        try:
            async with session.post(url, json=body) as resp:
                status = resp.status
                data = await resp.json(content_type=None)
        except (TimeoutError, aiohttp.ClientError) as exc:
            errors.append(f"{kind}: {type(exc).__name__}")
            continue
        except ValueError:  # not JSON: a load balancer's own error page
            errors.append(f"{kind}: HTTP {status}, not JSON")
            continue
        elapsed = (time.perf_counter() - started) * 1000
        if status != 200 or not isinstance(data, list) or not data:
            errors.append(f"{kind}: HTTP {status}, {len(data) if isinstance(data, list) else 'bad'} messages")
            continue
        if kind == "recommend" and not any(isinstance(m.get("custom"), dict) and
                                           m["custom"].get("type") == "recommendations" for m in data):
            errors.append(f"recommend: no payload ({data[0].get('text', '')[:60]!r})")
            continue
        timings[kind].append(elapsed)


def cpu_seconds(pids_file: Path | None) -> dict[str, float]:
    """CPU time (user + system) used so far by each process group scripts/stack.py started.

    Read from /proc, so Linux only; empty when the stack's pids file is not there.
    """
    try:
        groups: dict[str, int] = json.loads(Path(pids_file).read_text()) if pids_file else {}
    except (OSError, ValueError):
        return {}
    tick = os.sysconf("SC_CLK_TCK")
    used = {name: 0.0 for name in groups}
    by_group = {pgid: name for name, pgid in groups.items()}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while we looked
        name = by_group.get(int(fields[2]))  # fields[2]: the process group
        if name is not None:
            used[name] += (int(fields[11]) + int(fields[12])) / tick  # utime + stime
    return used


async def drive(rasa_url: str, conversations: int, turns: int, timeout_s: float = 120,
                pids_file: Path | None = None, warmup: int = 5, secret: str = "") -> dict[str, Any]:
    """`secret` (ASSISTANT_IDENTITY_SECRET) signs the logged-in conversations' customer tokens;
    without it every conversation is a guest's."""
    url = f"{rasa_url.rstrip('/')}/webhooks/rest/webhook"
    timings: dict[str, list[float]] = {"recommend": [], "bot_alone": []}
    errors: list[str] = []
    if warmup > 0:  # untimed: a freshly started stack traces its models on the first turns
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout_s)) as s:
            ignored: dict[str, list[float]] = {"recommend": [], "bot_alone": []}
            await asyncio.gather(*(conversation(s, url, n, turns, ignored, [], secret) for n in range(warmup)))
    cpu_before = cpu_seconds(pids_file)
    started = time.perf_counter()
    connector = aiohttp.TCPConnector(limit=conversations)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=timeout_s)) as s:
        await asyncio.gather(*(conversation(s, url, n, turns, timings, errors, secret) for n in range(conversations)))
    wall = time.perf_counter() - started
    cpu_after = cpu_seconds(pids_file)
    rec, alone = summary(timings["recommend"]), summary(timings["bot_alone"])
    ratio = (rec["p95_ms"] / alone["p95_ms"]) if rec.get("p95_ms") and alone.get("p95_ms") else None
    return {
        "conversations": conversations, "turns": turns, "warmup_conversations": warmup, "errors": len(errors),
        "error_samples": sorted(set(errors))[:5], "recommend": rec, "bot_alone": alone,
        "p95_ratio": round(ratio, 2) if ratio else None,
        "turns_per_second": round((len(timings["recommend"]) + len(timings["bot_alone"])) / wall, 1),
        "seconds": round(wall, 1),
        # Where the machine's time went during the run (seconds of CPU per process group).
        "cpu_s": {n: round(cpu_after[n] - cpu_before.get(n, 0.0), 1) for n in cpu_after},
    }


def run(rasa_url: str, conversations: int, turns: int, pids_file: Path | None = None,
        warmup: int = 5) -> dict[str, Any]:
    secret = os.environ.get("ASSISTANT_IDENTITY_SECRET", "")
    kept = ROOT / "var" / "identity.secret"  # where `make run` keeps the demo's own
    if not secret and kept.is_file():
        secret = kept.read_text(encoding="utf-8").strip()
    return asyncio.run(drive(rasa_url, conversations, turns, pids_file=pids_file, warmup=warmup, secret=secret))
