"""What a model call costs the process that waits for it: threads or one event loop.

    .venv/bin/python -m bench.model_calls                      # 150 calls at once, 2 s model, 3 rounds
    .venv/bin/python -m bench.model_calls --calls 300 --rounds 5

Rounds of `--calls` streamed Messages API requests, all begun at once (a burst's model turns), the
request body the app's (the sample's system prompt and tools), against the stand-in in its own
process at `--latency`. Every request is begun by a request thread, as a webhook's would be, and
waited for by it, in one of two ways:

- threads: the request thread hands the call to a thread pool, whose thread runs the SDK's
  synchronous client (`anthropic.Anthropic`) and reads the stream: two threads per call, as
  ivr.answering.turns does with its executor;
- loop: the request thread hands the call to one asyncio event loop per process, which runs the
  SDK's asynchronous client (`anthropic.AsyncAnthropic`); the request thread waits on a future.

Printed: this process's CPU time per call (all its threads) and the calls' latency over the
stand-in's (p50/p95/p99), per way and round. Run it on a quiet machine; compare within a run."""

from __future__ import annotations

import argparse
import asyncio
import statistics
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import anthropic

from bench.report import percentile
from bench.servers import model_standin
from ivr import assistant
from ivr.dialog.engines import prompt

Way = Callable[[dict[str, Any]], Any]


def request_body() -> dict[str, Any]:
    sample = assistant.load(assistant.SAMPLE_PATH)
    return {
        "model": "claude-haiku-4-5",
        "max_tokens": 300,
        "system": prompt.system_prompt(sample),
        "tools": prompt.tools(sample),
        "messages": [{"role": "user", "content": "hi I wanted to ask when you are open on saturday"}],
    }


def threads_way(url: str, calls: int) -> tuple[Way, Callable[[], None]]:
    client = anthropic.Anthropic(api_key="bench", base_url=url, max_retries=0, timeout=10)
    pool = ThreadPoolExecutor(calls)

    def streamed(body: dict[str, Any]) -> Any:
        with client.messages.stream(**body) as stream:
            for _event in stream:
                pass
            return stream.get_final_message()

    def ask(body: dict[str, Any]) -> Any:
        return pool.submit(streamed, body).result()

    return ask, lambda: pool.shutdown(wait=True)


def raw_events_way(url: str, calls: int) -> tuple[Way, Callable[[], None]]:
    """threads, reading the SDK's raw events (`create(stream=True)`) without its accumulating
    MessageStream: what the stream itself costs."""
    client = anthropic.Anthropic(api_key="bench", base_url=url, max_retries=0, timeout=10)
    pool = ThreadPoolExecutor(calls)

    def streamed(body: dict[str, Any]) -> Any:
        text = []
        for event in client.messages.create(**body, stream=True):
            if event.type == "content_block_delta" and event.delta.type == "text_delta":
                text.append(event.delta.text)
        return "".join(text)

    def ask(body: dict[str, Any]) -> Any:
        return pool.submit(streamed, body).result()

    return ask, lambda: pool.shutdown(wait=True)


def whole_way(url: str, calls: int) -> tuple[Way, Callable[[], None]]:
    """threads, not streamed (`create`): the floor's request."""
    client = anthropic.Anthropic(api_key="bench", base_url=url, max_retries=0, timeout=10)
    pool = ThreadPoolExecutor(calls)

    def ask(body: dict[str, Any]) -> Any:
        return pool.submit(client.messages.create, **body).result()

    return ask, lambda: pool.shutdown(wait=True)


def loop_way(url: str, calls: int) -> tuple[Way, Callable[[], None]]:
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="model-loop", daemon=True)
    thread.start()
    client = asyncio.run_coroutine_threadsafe(_async_client(url), loop).result()

    async def streamed(body: dict[str, Any]) -> Any:
        async with client.messages.stream(**body) as stream:
            async for _event in stream:
                pass
            return await stream.get_final_message()

    def ask(body: dict[str, Any]) -> Any:
        future: Future[Any] = asyncio.run_coroutine_threadsafe(streamed(body), loop)
        return future.result()

    def close() -> None:
        asyncio.run_coroutine_threadsafe(client.close(), loop).result()
        loop.call_soon_threadsafe(loop.stop)
        thread.join()

    return ask, close


async def _async_client(url: str) -> anthropic.AsyncAnthropic:
    return anthropic.AsyncAnthropic(api_key="bench", base_url=url, max_retries=0, timeout=10)


WAYS = {"threads": threads_way, "loop": loop_way, "raw-events": raw_events_way, "whole": whole_way}


def one_round(ask: Way, body: dict[str, Any], calls: int, latency_s: float) -> tuple[float, list[float]]:
    """CPU ms per call, and each call's ms over the stand-in's latency."""
    requests = ThreadPoolExecutor(calls)  # the webhooks' threads
    started = threading.Barrier(calls + 1)

    def webhook() -> float:
        started.wait()
        began = time.perf_counter()
        ask(body)
        return (time.perf_counter() - began - latency_s) * 1000

    futures = [requests.submit(webhook) for _ in range(calls)]
    cpu_before = time.process_time()
    started.wait()
    over = [future.result() for future in futures]
    cpu_ms = (time.process_time() - cpu_before) * 1000 / calls
    requests.shutdown()
    return cpu_ms, over


def main() -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--calls", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--latency", type=float, default=2.0)
    parser.add_argument("--ways", default="threads,loop", help=f"of {', '.join(WAYS)}")
    args = parser.parse_args()
    body = request_body()
    ways = {name: WAYS[name] for name in args.ways.split(",")}
    figures: dict[str, list[tuple[float, list[float]]]] = {name: [] for name in ways}
    with model_standin(args.latency) as api:
        built = {name: make(api.url, args.calls) for name, make in ways.items()}
        for ask, _ in built.values():
            one_round(ask, body, 4, args.latency)  # connections and imports warmed up
        print("| way | round | CPU ms/call | over p50 / p95 / p99 ms |\n|---|---|---|---|")
        for index in range(args.rounds):
            for name, (ask, _) in built.items():  # alternating, so that noise falls on both
                cpu_ms, over = one_round(ask, body, args.calls, args.latency)
                figures[name].append((cpu_ms, over))
                cuts = " / ".join(f"{percentile(over, q):.0f}" for q in (0.5, 0.95, 0.99))
                print(f"| {name} | {index + 1} | {cpu_ms:.2f} | {cuts} |", flush=True)
                time.sleep(1)
        for _, close in built.values():
            close()
    print()
    for name, rounds in figures.items():
        cpu = statistics.median(cpu_ms for cpu_ms, _ in rounds)
        p99 = statistics.median(percentile(over, 0.99) for _, over in rounds)
        print(f"{name}: median CPU {cpu:.2f} ms/call, median p99 over the model {p99:.0f} ms")


if __name__ == "__main__":
    main()
