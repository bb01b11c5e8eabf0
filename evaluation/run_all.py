"""``make eval``: run every evaluation and assemble ``docs/EVALUATION.md`` from their fragments.

Each ``evaluation/<name>_eval.py`` writes ``docs/eval/<name>.md``; this runs them in a fixed
order (each in its own process, so one failing does not stop the rest) and joins the result.
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FRAGMENTS = REPO / "docs" / "eval"
ORDER = ("summary", "langid", "langid_mixed",
         "extraction", "entities", "dates", "quotes", "karabakh_quotes", "events", "karabakh_figures", "incidents", "crossdoc")
TITLES = {"summary": "Summary against the bars", "langid": "Language of every paragraph",
          "langid_mixed": "Short pieces between paragraphs of other languages",
          "extraction": "Main text from HTML",
          "entities": "Entities", "dates": "Dates", "quotes": "Who said what (quotes)",
          "karabakh_quotes": "Speakers outside English (Karabakh pages)", "events": "What happened (events and figures)",
          "karabakh_figures": "Figures on real multilingual war pages",
          "incidents": "Incidents through the product",
          "crossdoc": "Across sources (reprints, incidents)"}


def main() -> None:
    if not (REPO.parent / "shared" / "eval").is_dir():
        sys.exit("../shared/eval is absent: the evaluations read the public gold sets there")
    status: dict[str, tuple[int, float]] = {}
    # --assemble: only join the fragments already written (each eval can be run alone).
    for name in ORDER if "--assemble" not in sys.argv else ():
        script = REPO / "evaluation" / f"{name}_eval.py"
        if not script.exists():
            continue
        t0 = time.time()
        extra = []
        saved_bench = FRAGMENTS / "linking-bench.md"
        if name == "crossdoc" and saved_bench.exists():
            extra = ["--bench-from", str(saved_bench)]  # written by `make bench`
        proc = subprocess.run([sys.executable, "-m", f"evaluation.{name}_eval", *extra], cwd=REPO)
        status[name] = (proc.returncode, time.time() - t0)
        print(f"{name}: exit {proc.returncode} in {time.time() - t0:.0f} s", file=sys.stderr)
    parts = ["# Evaluation", "",
             "Measured by `make eval` (`python -m evaluation.run_all`) on the development halves of the public gold",
             "sets in `../shared/eval` (read for measurement only, never copied here), with the peer tools run in the",
             "same run. Speed is in `docs/BENCHMARKS.md` (`make bench`).", ""]
    for name in ORDER:
        fragment = FRAGMENTS / f"{name}.md"
        if fragment.exists():
            body = fragment.read_text(encoding="utf-8").strip()
            if not body.startswith("#"):
                body = f"## {TITLES[name]}\n\n{body}"
            else:
                body = "\n".join(("#" + line) if line.startswith("#") else line for line in body.splitlines())
            parts += [body, ""]
    (REPO / "docs" / "EVALUATION.md").write_text("\n".join(parts), encoding="utf-8")
    failed = [n for n, (rc, _) in status.items() if rc != 0]
    if failed:
        sys.exit(f"evaluations failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
