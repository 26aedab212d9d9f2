"""Engine figures: import time, start-to-ready, memory, events/s through the page protocol,
and one long stream. Prints a table; asserts nothing.

    python bench/engine.py [--seconds 5] [--clients 1,10,100]

The server runs in its own process pinned to CPU 0, the load client here on CPU 1 (when the
machine has two cores), both on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import orjson
from measure import free_port, rss_mib
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parent.parent
APPS = ROOT / "bench" / "apps.py"


def import_time(runs: int = 7) -> float:
    code = "import time; t = time.perf_counter(); import blocks; print(time.perf_counter() - t)"
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
            ).stdout
        )
        for _ in range(runs)
    ]
    return statistics.median(times)


class Served:
    def __init__(self, kind: str) -> None:
        self.port = free_port()
        env = {**os.environ, "BLOCKS_SERVER_PORT": str(self.port), "PYTHONUNBUFFERED": "1"}
        command = [sys.executable, str(APPS), kind]
        if os.cpu_count() and os.cpu_count() >= 2:  # type: ignore[operator]
            command = ["taskset", "-c", "0", *command]
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(self.url + "/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("the bench app did not start")
            time.sleep(0.005)
        self.ready_seconds = time.perf_counter() - self.started

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)


async def _round_trip(ws: Any, event_id: str) -> dict[str, Any]:
    """Trigger the echo once and wait for its `done`, as the page does."""
    await ws.send(
        orjson.dumps(
            {"type": "trigger", "event_id": event_id, "dep": 0, "data": ["hello"]}
        ).decode()
    )
    while True:
        message = orjson.loads(await ws.recv())
        if message["type"] == "done":
            return message


async def _client(url: str, stop_at: float, latencies: list[float]) -> None:
    async with connect(url, max_size=None) as ws:
        await ws.send('{"type":"hello"}')
        await ws.recv()
        count = 0
        last_ack = time.perf_counter()
        while count == 0 or time.perf_counter() < stop_at:  # at least one event per client
            count += 1
            start = time.perf_counter()
            message = await _round_trip(ws, f"e{count}")
            latencies.append(time.perf_counter() - start)
            if time.perf_counter() - last_ack > 1.0 and "seq" in message:  # as the page does
                last_ack = time.perf_counter()
                await ws.send(orjson.dumps({"type": "ack", "seq": message["seq"]}).decode())


async def load(url: str, clients: int, seconds: float) -> tuple[float, float, float]:
    latencies: list[float] = []
    stop_at = time.perf_counter() + seconds
    started = time.perf_counter()
    await asyncio.gather(*[_client(url, stop_at, latencies) for _ in range(clients)])
    elapsed = time.perf_counter() - started
    latencies.sort()
    p50 = latencies[len(latencies) // 2]
    p99 = latencies[int(len(latencies) * 0.99)]
    return len(latencies) / elapsed, p50 * 1000, p99 * 1000


async def one_stream(url: str) -> tuple[float, int, int]:
    async with connect(url, max_size=None) as ws:
        await ws.send('{"type":"hello"}')
        await ws.recv()
        received = 0
        start = time.perf_counter()
        await ws.send('{"type":"trigger","event_id":"s","dep":0,"data":["x"]}')
        while True:
            frame = await ws.recv()
            received += len(frame)
            if orjson.loads(frame)["type"] == "done":
                break
        return (
            time.perf_counter() - start,
            received,
            len("".join(f"tok{i % 10} " for i in range(2000))),
        )


def soak(events: int) -> None:
    """RSS of the echo server every few thousand events: flat, or growing?"""
    served = Served("echo")
    ws_url = served.url.replace("http", "ws") + "/ws"
    samples = [rss_mib(served.process.pid)]
    done = 0
    try:
        step = max(1, events // 7)
        while done < events:
            latencies: list[float] = []
            asyncio.run(_batch(ws_url, latencies, step // 10))
            done += len(latencies)
            samples.append(rss_mib(served.process.pid))
        print(
            f"soak: {done:,} events from 10 clients, server RSS (MiB) at ready then every "
            f"~{step:,} events: {', '.join(f'{s:.0f}' for s in samples)}"
        )
    finally:
        served.close()


async def _batch(url: str, latencies: list[float], per_client: int) -> None:
    stop_at = time.perf_counter() + 60
    await asyncio.gather(*[_client_counted(url, stop_at, latencies, per_client) for _ in range(10)])


async def _client_counted(url: str, stop_at: float, latencies: list[float], count: int) -> None:
    async with connect(url, max_size=None) as ws:
        await ws.send('{"type":"hello"}')
        await ws.recv()
        for index in range(count):
            if time.perf_counter() > stop_at:
                return
            start = time.perf_counter()
            message = await _round_trip(ws, f"s{index}")
            latencies.append(time.perf_counter() - start)
            if index % 500 == 499:
                await ws.send(orjson.dumps({"type": "ack", "seq": message["seq"]}).decode())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", default="1,10,100")
    parser.add_argument("--soak-events", type=int, default=28_000)
    args = parser.parse_args()
    if os.cpu_count() and os.cpu_count() >= 2:  # type: ignore[operator]
        os.sched_setaffinity(0, {1})
    print(f"import blocks (median of 7): {import_time() * 1000:.0f} ms")
    first = True
    for kind, title in (
        ("echo", "sync echo, default concurrency_limit (1)"),
        ("echo_unlimited", "sync echo, concurrency_limit=None"),
        ("echo_async", "async echo, default concurrency_limit (1)"),
    ):
        served = Served(kind)
        ws_url = served.url.replace("http", "ws") + "/ws"
        try:
            if first:
                print(
                    f"start to ready (process start to /health 200): "
                    f"{served.ready_seconds * 1000:.0f} ms"
                )
                print(f"server RSS at ready: {rss_mib(served.process.pid):.1f} MiB")
                first = False
            print(f"{title}, through the page's WebSocket protocol:")
            for clients in [int(c) for c in args.clients.split(",")]:
                rate, p50, p99 = asyncio.run(load(ws_url, clients, args.seconds))
                peak = rss_mib(served.process.pid)
                time.sleep(1.1)
                asyncio.run(load(ws_url, 1, 0.01))  # one more event lets the server trim
                time.sleep(0.3)
                print(
                    f"  {clients:>3} clients: {rate:7.0f} events/s, p50 {p50:6.1f} ms, "
                    f"p99 {p99:6.1f} ms, RSS right after {peak:.1f} MiB, "
                    f"settled {rss_mib(served.process.pid):.1f} MiB"
                )
        finally:
            served.close()
    soak(args.soak_events)
    ceiling = Served("ceiling")
    try:
        ws_url = ceiling.url.replace("http", "ws") + "/ws"
        for clients in [int(c) for c in args.clients.split(",")]:
            rate, p50, p99 = asyncio.run(load(ws_url, clients, args.seconds))
            print(
                f"bare Starlette WebSocket echo (the ceiling), {clients:>3} clients: "
                f"{rate:7.0f} round trips/s, p50 {p50:6.1f} ms, p99 {p99:6.1f} ms"
            )
    finally:
        ceiling.close()
    streamer = Served("stream")
    try:
        ws_url = streamer.url.replace("http", "ws") + "/ws"
        seconds, wire, text = asyncio.run(one_stream(ws_url))
        print(
            f"one stream of 2000 tokens: {2000 / seconds:,.0f} tokens/s, "
            f"{wire:,} bytes on the wire for {text:,} bytes of text ({wire / text:.2f}x)"
        )
    finally:
        streamer.close()


if __name__ == "__main__":
    main()
