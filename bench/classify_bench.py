"""Classification throughput and per-message latency, next to a jieba segmentation baseline.

Run: ``.venv/bin/python -m bench.classify_bench [--n 5000]``. Single process, pinned to one
core; the contenders take turns on the same texts in the same run, so the ratio is what to read.
Messages go one call at a time (how the bot meets them: latency is per message), and, for
clearbot, also in batches through ``classify_many`` (how ``classify --jsonl`` and ``eval`` run
them: throughput only, as a batch's messages wait for one another).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (
    ROOT / "data" / "corpus" / "messages.jsonl",
    ROOT.parent / "shared" / "data" / "dev" / "messages.jsonl",
)


def load_texts(n: int) -> list[str]:
    """``n`` realistic texts: the labelled corpora cycled, each copy made distinct by a suffix."""
    texts: list[str] = []
    for path in SOURCES:
        if path.exists():
            texts += [
                json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line
            ]
    if not texts:
        raise SystemExit("no corpus found (data/corpus/messages.jsonl)")
    return [f"{texts[i % len(texts)]} #{i}" for i in range(n)]


# Messages a batch contender takes at once (the size ``classify --jsonl`` uses).
BATCH_SIZE = 256


def _run(fn: Callable[[str], object], texts: list[str], latencies_ns: list[int]) -> int:
    """Time ``fn`` on each text, appending per-message latencies; the chunk's total in ns."""
    gc.collect()
    gc.disable()
    start = time.perf_counter_ns()
    for text in texts:
        t0 = time.perf_counter_ns()
        fn(text)
        latencies_ns.append(time.perf_counter_ns() - t0)
    total_ns = time.perf_counter_ns() - start
    gc.enable()
    return total_ns


def _run_batches(fn: Callable[[list[str]], object], texts: list[str]) -> int:
    """Time ``fn`` on the texts in batches of BATCH_SIZE; the chunk's total in ns."""
    gc.collect()
    gc.disable()
    start = time.perf_counter_ns()
    for at in range(0, len(texts), BATCH_SIZE):
        fn(texts[at : at + BATCH_SIZE])
    total_ns = time.perf_counter_ns() - start
    gc.enable()
    return total_ns


def measure(
    contenders: dict[str, Callable[[str], object]],
    texts: list[str],
    rounds: int,
    batch_contenders: dict[str, Callable[[list[str]], object]] | None = None,
) -> dict[str, dict[str, float]]:
    """Messages/s and latency percentiles (µs) of each contender over ``texts``; messages/s only
    for the batch contenders.

    The texts are cut into ``rounds`` chunks and the contenders take turns on each chunk, so a
    machine that slows down or speeds up during the run (a shared VM does) weighs on all of
    them alike and the ratio stays fair.
    """
    batch_contenders = batch_contenders or {}
    for fn in contenders.values():
        for text in texts[:200]:  # warm caches and lazy tables
            fn(text)
    for batch_fn in batch_contenders.values():
        batch_fn(texts[:200])
    latencies: dict[str, list[int]] = {name: [] for name in contenders}
    totals_ns = dict.fromkeys([*contenders, *batch_contenders], 0)
    size = -(-len(texts) // rounds)
    for at in range(0, len(texts), size):
        chunk = texts[at : at + size]
        for name, fn in contenders.items():
            totals_ns[name] += _run(fn, chunk, latencies[name])
        for name, batch_fn in batch_contenders.items():
            totals_ns[name] += _run_batches(batch_fn, chunk)
    results: dict[str, dict[str, float]] = {}
    for name, total_ns in totals_ns.items():
        results[name] = {"msgs_per_s": len(texts) / (total_ns / 1e9)}
        lat = latencies.get(name)
        if lat:
            q = statistics.quantiles(lat, n=100, method="inclusive")
            results[name].update(p50_us=q[49] / 1000, p99_us=q[98] / 1000, max_us=max(lat) / 1000)
    return results


def main() -> None:
    """Run both contenders and print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=5000, help="messages per contender")
    parser.add_argument("--rounds", type=int, default=20, help="turns the contenders take")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    import jieba

    from bot.classify import Classifier, classify, classify_many, scorer

    jieba.setLogLevel(60)
    jieba.initialize()
    texts = load_texts(args.n)
    contenders: dict[str, Callable[[str], object]] = {
        "clearbot classify": classify,
        # The same without the learned model (its five heads): what the model costs.
        "  cues only (no model)": Classifier(model=False).classify,
        "jieba.lcut (baseline)": jieba.lcut,
    }
    batches: dict[str, Callable[[list[str]], object]] = {f"clearbot batches of {BATCH_SIZE}": classify_many}
    rows = measure(contenders, texts, args.rounds, batches)
    build = (
        "compiled with mypyc" if Path(scorer.__file__ or "").suffix != ".py" else "pure Python (not compiled)"
    )
    print(f"{len(texts)} messages, one core, {args.rounds} rounds; classifier {build}")
    print(f"{'contender':<26}{'msgs/s':>10}{'p50 µs':>10}{'p99 µs':>10}{'max µs':>10}")
    for name, r in rows.items():
        cells = "".join(
            f"{r[key]:>10.1f}" if key in r else f"{'-':>10}" for key in ("p50_us", "p99_us", "max_us")
        )
        print(f"{name:<26}{r['msgs_per_s']:>10.0f}{cells}")
    one, base = rows["clearbot classify"], rows["jieba.lcut (baseline)"]
    batch = rows[f"clearbot batches of {BATCH_SIZE}"]
    print(
        f"throughput ratio clearbot/jieba: one at a time {one['msgs_per_s'] / base['msgs_per_s']:.2f}x",
        end="",
    )
    print(f", in batches {batch['msgs_per_s'] / base['msgs_per_s']:.2f}x")
    for label, r in (("one at a time", one), ("in batches", batch)):
        ok = r["msgs_per_s"] >= 10_000 and one["p99_us"] <= 1000 and r["msgs_per_s"] > base["msgs_per_s"]
        print(
            f"aim (>=10,000 msgs/s, p99 <= 1 ms, faster than baseline), {label}:", "met" if ok else "NOT met"
        )


if __name__ == "__main__":
    main()
