"""Stage contracts: every field a stage reads is written by an earlier stage (checked at start-up)."""
from __future__ import annotations

import pytest

from newsledger.errors import NewsledgerError, StageContractError
from newsledger.models import Document
from newsledger.pipeline import STAGES, check_contracts
from newsledger.stages import Stage


def _noop(doc: Document, resources: object) -> None:
    return None


def test_shipped_stages_hold_their_contracts() -> None:
    check_contracts(STAGES)


def test_a_stage_reading_an_unwritten_field_fails_naming_it() -> None:
    early = Stage("early", reads=("text",), writes=("paragraphs",), run=_noop)
    late = Stage("late", reads=("paragraphs", "quotes"), writes=("events",), run=_noop)
    with pytest.raises(StageContractError) as caught:
        check_contracts([early, late])
    assert "'late'" in str(caught.value) and "'quotes'" in str(caught.value)
    assert caught.value.code == "E032" and isinstance(caught.value, NewsledgerError)


def test_order_matters() -> None:
    writer = Stage("writer", reads=("text",), writes=("sentences",), run=_noop)
    reader = Stage("reader", reads=("sentences",), writes=("entities",), run=_noop)
    check_contracts([writer, reader])
    with pytest.raises(StageContractError, match="'reader' reads 'sentences'"):
        check_contracts([reader, writer])


def test_a_part_of_a_field_is_written_by_writing_the_field() -> None:
    check_contracts([Stage("a", reads=("text",), writes=("paragraphs",), run=_noop),
                     Stage("b", reads=("paragraphs.lang",), writes=("entities",), run=_noop)])


def test_an_unknown_field_is_an_error() -> None:
    with pytest.raises(StageContractError, match="'paragrafs'"):
        check_contracts([Stage("typo", reads=("text",), writes=("paragrafs",), run=_noop)])


def test_the_shipped_stages_read_shared_primitives_written_once() -> None:
    """One sentence segmentation, one parse, one entity list: each written by one stage only."""
    writers: dict[str, list[str]] = {}
    for stage in STAGES:
        for name in stage.writes:
            writers.setdefault(name, []).append(stage.name)
    for primitive in ("sentences", "parses", "entities"):
        assert writers[primitive] == ["entities"], primitive
    readers = {s.name for s in STAGES if {"sentences", "entities"} <= set(s.reads)}
    assert {"quotes", "events"} <= readers
