"""Record behaves as the collections.namedtuple it replaces: fields by name and position, defaults, keywords,
_replace, repr, equality, pickling (the values cross process boundaries in parallel runs), and it refuses a class
whose __new__ does not take its fields."""
from __future__ import annotations

import copy
import pickle
from collections import namedtuple
from typing import ClassVar

import pytest

from flake8_unified_logging.commands.outcome import Outcome
from flake8_unified_logging.engine.findings import Finding
from flake8_unified_logging.records import Record
from flake8_unified_logging.rules import NameRule


class Pair(Record):
    __slots__ = ()
    kinds: ClassVar[tuple[str, ...]] = ("a", "b")
    left: int
    right: str

    def __new__(cls, left: int, right: str = "r") -> Pair:
        return tuple.__new__(cls, (left, right))

    @property
    def both(self) -> str:
        return f"{self.left}{self.right}"


class Triple(Pair):
    __slots__ = ()
    third: float

    def __new__(cls, left: int, right: str, third: float = 0.5) -> Triple:
        return tuple.__new__(cls, (left, right, third))


OldPair = namedtuple("OldPair", "left right", defaults=("r",))


@pytest.mark.parametrize(
    "record, old",
    [(Pair(1), OldPair(1)), (Pair(1, "x"), OldPair(1, "x")), (Pair(right="y", left=2), OldPair(right="y", left=2))],
)
def test_a_record_reads_as_the_namedtuple_it_replaces(record: Pair, old: tuple) -> None:
    assert tuple(record) == tuple(old) and record == old and hash(record) == hash(old)
    assert (record.left, record.right) == (old.left, old.right) == (record[0], record[1])
    assert record._fields == old._fields == ("left", "right")
    assert repr(record) == repr(old).replace("OldPair", "Pair")
    assert record._asdict() == old._asdict()
    assert record.both == f"{old.left}{old.right}"


def test_replace_keeps_the_class_and_refuses_an_unknown_field() -> None:
    changed = Pair(1)._replace(right="z")
    assert type(changed) is Pair and changed == (1, "z")
    with pytest.raises(ValueError, match="no field colour"):
        Pair(1)._replace(colour=3)


@pytest.mark.parametrize("value", [Pair(3, "q"), Triple(1, "b", 2.0), Finding("ULG001", 2, 0, "m", modules=("a",))])
def test_a_record_survives_pickling_and_copying(value: Record) -> None:
    for again in (pickle.loads(pickle.dumps(value)), copy.copy(value), copy.deepcopy(value)):
        assert type(again) is type(value) and again == value


def test_an_extended_record_adds_its_fields_after_its_parents() -> None:
    assert Triple._fields == ("left", "right", "third")
    assert Triple(1, "b").third == 0.5 and Triple(1, "b").both == "1b"


def test_wrong_arguments_fail_as_a_call_does() -> None:
    with pytest.raises(TypeError):
        Pair()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Pair(1, "a", 3)  # type: ignore[call-arg]


def test_a_new_that_does_not_take_the_fields_is_refused() -> None:
    with pytest.raises(TypeError, match=r"Bad.__new__ takes \('left', 'other'\), not its fields \('left', 'right'\)"):

        class Bad(Record):
            __slots__ = ()
            left: int
            right: int

            def __new__(cls, left: int, other: int) -> Bad:
                return tuple.__new__(cls, (left, other))

    with pytest.raises(TypeError, match="Lacking has fields only but no __new__"):

        class Lacking(Record):
            __slots__ = ()
            only: int


def test_the_values_of_the_pipeline_are_records() -> None:
    rule = NameRule(("a",), "x", ("b",), "y", None, "name_move")
    assert isinstance(rule, Record) and rule.target == "y" and rule._replace(name="z").name == "z"
    outcome = Outcome(1)
    assert (outcome.status, outcome.out, outcome.err, outcome.reads) == (1, "", "", None)
