"""bot/turn_gate.py: at most N turns in Rasa's processing at once, none stuck forever."""
from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path

import pytest

from bot.turn_gate import TurnGate

ROOT = Path(__file__).resolve().parents[2]


async def test_no_more_than_limit_turns_run_at_once_and_all_finish() -> None:
    running = peak = 0

    async def turn(n: int) -> int:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.01)
        running -= 1
        return n

    gated = TurnGate(limit=3, max_wait_s=5).wrap(turn)
    assert await asyncio.gather(*(gated(n) for n in range(20))) == list(range(20))
    assert peak == 3


async def test_a_failing_turn_gives_its_slot_back() -> None:
    async def turn(n: int) -> int:
        if n % 2:
            raise RuntimeError("action server down")
        return n

    gated = TurnGate(limit=1, max_wait_s=1).wrap(turn)
    results = await asyncio.gather(*(gated(n) for n in range(6)), return_exceptions=True)
    assert [r for r in results if not isinstance(r, Exception)] == [0, 2, 4]


async def test_a_stuck_turn_does_not_stop_the_bot() -> None:
    release = asyncio.Event()

    async def turn(n: int) -> int:
        if n == 0:
            await release.wait()  # e.g. an action server that never answers
        return n

    gated = TurnGate(limit=1, max_wait_s=0.05).wrap(turn)
    stuck = asyncio.ensure_future(gated(0))
    await asyncio.sleep(0)
    assert await asyncio.wait_for(gated(1), 2) == 1  # waited 0.05 s, then let in
    release.set()
    assert await stuck == 0


@pytest.mark.parametrize("limit", [0, -1])
async def test_limit_zero_means_no_gate(limit: int) -> None:
    async def turn(n: int) -> int:
        return n

    assert TurnGate(limit=limit, max_wait_s=1).wrap(turn) is turn


STUCK_TURN = """
import asyncio
from bot.turn_gate import TurnGate

async def main():
    release = asyncio.Event()
    async def turn(n):
        if n == 0:
            await release.wait()
        return n
    gated = TurnGate(limit=1, max_wait_s=0.05).wrap(turn)
    stuck = asyncio.ensure_future(gated(0))
    await asyncio.sleep(0)
    print(await asyncio.wait_for(gated(1), 2))
    release.set()
    await stuck

asyncio.run(main())
"""


def test_the_gate_works_in_rasas_own_python() -> None:
    """bot/ runs on Python 3.10, where asyncio.TimeoutError is not the builtin TimeoutError."""
    python = ROOT / ".venv-rasa" / "bin" / "python"
    if not python.exists():
        pytest.skip("no .venv-rasa (make venvs)")
    out = subprocess.run([str(python), "-c", STUCK_TURN], cwd=ROOT, capture_output=True, text=True,
                         timeout=60, check=False)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "1"
