"""Benchmark: how long the briefing pack takes for the seed data (the issue's bar: under 15 seconds).

Loads the seed into a fresh SQLite database, then times `make_pack` end to end (every query, the
charts and the PDF layout): the first run in this process (cold, as a user's first click) and the
best of the next few. Prints one JSON object, e.g.
{"operation": "briefing_pdf", "seconds": 1.9, "warm_seconds": 0.7, ...}.

    python tests/perf/bench_briefing.py [--as-at 2026-11-22] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: the project's packages first

from dashboard.briefing.pack import make_pack  # noqa: E402
from data_model.db import make_engine, upgrade  # noqa: E402
from data_model.scope import make_scope
from data_model.writes.replace import load_directory  # noqa: E402
from seed import SEED_DIR  # noqa: E402
from tests.helpers.actors import analyst

LIMIT_SECONDS = 15.0


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--as-at", type=date.fromisoformat, default=date(2026, 11, 22))
    cli.add_argument("--runs", type=int, default=3, help="warm runs after the first (default 3)")
    args = cli.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        upgrade(engine)
        load_directory(engine, SEED_DIR, actor=analyst("bench"))
        timings, pdf = [], b""
        for _ in range(1 + args.runs):
            started = time.perf_counter()
            pdf = make_pack(engine, make_scope(engine, args.as_at))
            timings.append(time.perf_counter() - started)
        engine.dispose()
    print(
        json.dumps(
            {
                "operation": "briefing_pdf",
                "seconds": round(timings[0], 3),
                "warm_seconds": round(min(timings[1:]), 3) if args.runs else None,
                "as_at": args.as_at.isoformat(),
                "bytes": len(pdf),
                "limit_seconds": LIMIT_SECONDS,
                "within_limit": timings[0] < LIMIT_SECONDS,
            }
        )
    )


if __name__ == "__main__":
    main()
