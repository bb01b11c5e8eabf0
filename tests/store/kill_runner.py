"""Run ``newsledger`` (its CLI, arguments as given) and SIGKILL this process at a chosen point.

    python tests/store/kill_runner.py ingest --db x.db --no-progress examples/demo

``NEWSLEDGER_KILL_AT``: comma-separated ``when:module:qualname:k``; ``when`` is ``before`` (kill when
the function is entered for the k-th time) or ``after`` (kill when its k-th call returns), e.g.
``after:newsledger.store.ledger:Store.add_document:5``. The process then dies as with ``kill -9``:
no ``finally``, no rollback, no flush.

``NEWSLEDGER_ANALYSIS_CACHE``: a folder memoising the analysis (a pure function of the unanalysed
document and the site's known boilerplate), so that only the first run of a test session loads the
models; every run stores the analysis as it comes back from JSON, as the worker-process engine does.
"""
from __future__ import annotations

import hashlib
import importlib
import json
import os
import signal
import sys
from functools import wraps
from pathlib import Path
from typing import Any, Callable, Iterable

KILL_ENV = "NEWSLEDGER_KILL_AT"
CACHE_ENV = "NEWSLEDGER_ANALYSIS_CACHE"


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def patch_kill(spec: str) -> None:
    """Patch one function to SIGKILL the process before or after its k-th call."""
    when, module_name, qualname, k = spec.split(":")
    owner: Any = importlib.import_module(module_name)
    *path, name = qualname.split(".")
    for part in path:
        owner = getattr(owner, part)
    original = getattr(owner, name)
    calls = {"n": 0}
    target = int(k)

    @wraps(original)
    def killer(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if when == "before" and calls["n"] == target:
            die()
        result = original(*args, **kwargs)
        if when == "after" and calls["n"] == target:
            die()
        return result

    setattr(owner, name, killer)


def _cache_key(doc: Any, known: Iterable[str]) -> str:
    blob = json.dumps(doc.to_dict(), sort_keys=True, ensure_ascii=False) + "\n" + "\n".join(sorted(known))
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()


def patch_analysis_cache(folder: Path) -> None:
    """Memoise ``newsledger.ingest.analyze_many`` (it analyses in place) in ``folder``."""
    # ``newsledger.ingest`` is also the name of a function the package exports: fetch the module itself.
    ingest_module = importlib.import_module("newsledger.ingest")
    from newsledger.models import Document

    real: Callable[..., Any] = ingest_module.analyze_many
    folder.mkdir(parents=True, exist_ok=True)

    def cached(docs: Any, resources: Any = None, known_boilerplate: Any = ()) -> Any:
        known = known_boilerplate if callable(known_boilerplate) else (lambda doc: known_boilerplate)
        misses = []
        for doc in docs:
            path = folder / f"{_cache_key(doc, known(doc))}.json"
            if path.exists():
                doc.__dict__.update(Document.from_dict(json.loads(path.read_text(encoding="utf-8"))).__dict__)
            else:
                misses.append((doc, path))
        if misses:
            real([doc for doc, _ in misses], resources, known_boilerplate=known_boilerplate)
            for doc, path in misses:
                data = doc.to_dict()
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
                os.replace(tmp, path)
                doc.__dict__.update(Document.from_dict(data).__dict__)
        return docs

    ingest_module.analyze_many = cached  # type: ignore[assignment]


def main() -> None:
    if os.environ.get(CACHE_ENV):
        patch_analysis_cache(Path(os.environ[CACHE_ENV]))
    for spec in filter(None, os.environ.get(KILL_ENV, "").split(",")):
        patch_kill(spec)
    from newsledger.cli import main as cli_main

    sys.argv = ["newsledger", *sys.argv[1:]]
    cli_main()


if __name__ == "__main__":
    main()
