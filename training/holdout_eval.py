"""Score the quotes stage on train articles held out of fitting (fold 0), for decisions.

    NEWSLEDGER_ATTRIBUTION=model .venv/bin/python -m training.holdout_eval --holdout /tmp/attribution-data/holdout.txt

Runs :func:`evaluation.quotes_eval.evaluate_polnear` (the quotes stage's public path) on PolNeAR
train articles named in the holdout list, so choices are made without reading dev.
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Optional

from evaluation.quotes_eval import evaluate_polnear
from newsledger.resources import Resources
from training.convert import TRAIN


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--holdout", type=Path, required=True, help="file of held-out article names")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--cache-parses", type=Path, default=None)
    args = parser.parse_args(argv)
    only = set(args.holdout.read_text(encoding="utf-8").split())
    pol = evaluate_polnear(Resources(), args.limit, args.cache_parses, split=TRAIN, only=only)
    for (sys_, kind), t in sorted(pol["tallies"].items()):
        p, r, f = t.scores("overlap")
        print(f"{sys_:40s} {kind:16s} P {p:.3f} R {r:.3f} F1 {f:.4f} pred {t.c['pred']} gold {t.c['gold']}")  # noqa: T201
    print(f"articles {pol['docs']}, quotes stage {1000 * pol['quotes_s'] / max(pol['docs'], 1):.0f} ms/article, "  # noqa: T201
          f"parse {1000 * pol['parse_s'] / max(pol['docs'], 1):.0f} ms/article")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
