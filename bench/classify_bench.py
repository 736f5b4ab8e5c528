"""Classification throughput and per-message latency, next to a jieba segmentation baseline.

Run: ``.venv/bin/python -m bench.classify_bench [--n 5000]``. Single process, pinned to one
core; the contenders take turns on the same texts in the same run, so the ratio is what to read.
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


def measure(
    contenders: dict[str, Callable[[str], object]], texts: list[str], rounds: int
) -> dict[str, dict[str, float]]:
    """Messages/s and latency percentiles (µs) of each contender over ``texts``.

    The texts are cut into ``rounds`` chunks and the contenders take turns on each chunk, so a
    machine that slows down or speeds up during the run (a shared VM does) weighs on all of
    them alike and the ratio stays fair.
    """
    for fn in contenders.values():
        for text in texts[:200]:  # warm caches and lazy tables
            fn(text)
    latencies: dict[str, list[int]] = {name: [] for name in contenders}
    totals_ns = dict.fromkeys(contenders, 0)
    size = -(-len(texts) // rounds)
    for at in range(0, len(texts), size):
        chunk = texts[at : at + size]
        for name, fn in contenders.items():
            totals_ns[name] += _run(fn, chunk, latencies[name])
    results: dict[str, dict[str, float]] = {}
    for name, lat in latencies.items():
        q = statistics.quantiles(lat, n=100, method="inclusive")
        results[name] = {
            "msgs_per_s": len(texts) / (totals_ns[name] / 1e9),
            "p50_us": q[49] / 1000,
            "p99_us": q[98] / 1000,
            "max_us": max(lat) / 1000,
        }
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

    from bot.classify import Classifier, classify, scorer

    jieba.setLogLevel(60)
    jieba.initialize()
    texts = load_texts(args.n)
    contenders: dict[str, Callable[[str], object]] = {
        "clearbot classify": classify,
        # The same without the learned model (topic and behaviour heads): what the model costs.
        "  cues only (no model)": Classifier(model=False).classify,
        "jieba.lcut (baseline)": jieba.lcut,
    }
    rows = measure(contenders, texts, args.rounds)
    build = (
        "compiled with mypyc" if Path(scorer.__file__ or "").suffix != ".py" else "pure Python (not compiled)"
    )
    print(f"{len(texts)} messages, one core, {args.rounds} rounds; classifier {build}")
    print(f"{'contender':<24}{'msgs/s':>10}{'p50 µs':>10}{'p99 µs':>10}{'max µs':>10}")
    for name, r in rows.items():
        print(
            f"{name:<24}{r['msgs_per_s']:>10.0f}{r['p50_us']:>10.1f}{r['p99_us']:>10.1f}{r['max_us']:>10.1f}"
        )
    ours, base = rows["clearbot classify"], rows["jieba.lcut (baseline)"]
    print(f"throughput ratio clearbot/jieba: {ours['msgs_per_s'] / base['msgs_per_s']:.2f}x")
    ok = ours["msgs_per_s"] >= 10_000 and ours["p99_us"] <= 1000 and ours["msgs_per_s"] > base["msgs_per_s"]
    print("aim (>=10,000 msgs/s, p99 <= 1 ms, faster than baseline):", "met" if ok else "NOT met")


if __name__ == "__main__":
    main()
