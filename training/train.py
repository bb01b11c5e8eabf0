"""Rebuild the English attribution model: ``make train``.

    .venv/bin/python -m training.train [--work build/attribution] [--max-steps N]

1. :mod:`training.convert` turns PolNeAR's train split (``../shared/eval/polnear-attribution/train``)
   into DocBins; fold 0 of 10 (by a hash of the article's file name) is held out for decisions.
2. spaCy's trainer fits ``training/config.cfg`` (fixed seed, pinned versions) on the other folds.
3. The best pipeline on the held-out fold is written to ``newsledger/trained/attribution/`` with
   its name and version in meta.json (docs/model-card-attribution.md describes it).

Nothing is read from PolNeAR's dev or test splits.
"""
from __future__ import annotations

import argparse
import json
import logging
import shutil
from pathlib import Path
from typing import Optional

from training import convert

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "training" / "config.cfg"
TARGET = ROOT / "newsledger" / "trained" / "attribution"
#: Bumped whenever the config, the data or the conversion changes; recorded on every quote.
VERSION = "1.0.0"

log = logging.getLogger(__name__)


def package(best: Path, target: Path) -> None:
    """Copy the trainer's best pipeline to ``target`` with newsledger's name, version and sources in meta.json."""
    meta_path = best / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update({
        "name": "newsledger_attribution",
        "version": VERSION,
        "description": "CUE, SOURCE and CONTENT spans of attributions in English news paragraphs "
                       "(newsledger's quotes stage). See docs/model-card-attribution.md.",
        "sources": [{"name": "PolNeAR v1.0.0 train split (networkdynamics/PolNeAR, commit c3eee83)",
                     "url": "https://github.com/networkdynamics/PolNeAR",
                     "license": "none stated; articles are their publishers'"},
                    {"name": "en_core_web_sm 3.8.0 tok2vec (starting weights)", "license": "MIT"}],
        "license": "none stated (training data); see the model card",
    })
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(best, target)
    (target / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "attribution",
                        help="folder for DocBins and trainer output (gitignored)")
    parser.add_argument("--max-steps", type=int, default=None, help="override training.max_steps")
    parser.add_argument("--target", type=Path, default=TARGET)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    data = args.work / "data"
    convert.main(["--out", str(data)])
    from spacy.cli.train import train

    overrides = {"paths.train": str(data / "train.spacy"), "paths.dev": str(data / "holdout.spacy")}
    if args.max_steps:
        overrides["training.max_steps"] = args.max_steps
    out = args.work / "output"
    train(CONFIG, out, overrides=overrides)
    package(out / "model-best", args.target)
    log.info("attribution model %s written to %s", VERSION, args.target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
