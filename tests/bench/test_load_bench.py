"""`bench load` against the real stack: every turn answered, figures for both kinds of turn."""
from __future__ import annotations

import asyncio
import json
import os
import time
from pathlib import Path

from bench import load


def test_cpu_seconds_are_read_per_process_group(tmp_path: Path) -> None:
    pids = tmp_path / "pids.json"
    pids.write_text(json.dumps({"me": os.getpgrp()}))
    before = load.cpu_seconds(pids)["me"]
    deadline = time.process_time() + 0.3
    while time.process_time() < deadline:
        pass
    assert load.cpu_seconds(pids)["me"] - before >= 0.2
    assert load.cpu_seconds(tmp_path / "absent.json") == {}
    assert load.cpu_seconds(None) == {}


def test_load_bench_through_the_rest_channel(stack) -> None:  # type: ignore[no-untyped-def]
    result = asyncio.run(load.drive(stack.rasa, conversations=6, turns=8, warmup=1, secret=stack.identity_secret,
                                    pids_file=stack.logs / "pids.json"))
    assert result["errors"] == 0, result["error_samples"]
    # Half the scripted turns recommend (and must come back with a list), half do not.
    assert result["recommend"]["count"] == 24 and result["bot_alone"]["count"] == 24
    assert 0 < result["bot_alone"]["p50_ms"] <= result["bot_alone"]["p95_ms"] <= result["bot_alone"]["p99_ms"]
    assert set(result["cpu_s"]) == {"recommender", "actions", "rasa", "storefront"}
    assert result["cpu_s"]["rasa"] > 0 and result["cpu_s"]["recommender"] > 0
