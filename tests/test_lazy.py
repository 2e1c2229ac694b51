"""LazySequence behaves like the tuple of its items."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ppsp.domain import LazySequence

items = st.lists(st.integers(-5, 5), max_size=12)


def lazy(values: list[int]) -> LazySequence[int]:
    return LazySequence(len(values), values.__getitem__)


@given(items, st.integers(-15, 15), st.integers(-15, 15), st.sampled_from([None, 1, 2, -1, -3]))
def test_indexing_and_slicing_like_a_tuple(
    values: list[int], a: int, b: int, step: int | None
) -> None:
    seq, ref = lazy(values), tuple(values)
    assert len(seq) == len(ref)
    assert tuple(seq) == ref and tuple(reversed(seq)) == tuple(reversed(ref))
    assert seq[a:b:step] == ref[a:b:step]
    if -len(ref) <= a < len(ref):
        assert seq[a] == ref[a]
    else:
        with pytest.raises(IndexError):
            seq[a]
    assert (a in seq) == (a in ref)
    if a in ref:
        assert seq.index(a) == ref.index(a)
    assert seq.count(a) == ref.count(a)


@given(items, items)
def test_equality_hash_and_concatenation(values: list[int], other: list[int]) -> None:
    seq = lazy(values)
    assert seq == tuple(values) and seq == list(values) and seq == lazy(values)
    assert (seq == tuple(other)) == (values == other)
    assert (seq != lazy(other)) == (values != other)
    assert hash(seq) == hash(tuple(values))
    assert seq + tuple(other) == tuple(values + other)
    assert tuple(other) + seq == tuple(other + values)
    assert seq != "not a sequence of the same kind"


def test_pickles_as_the_tuple_of_its_items() -> None:
    seq = LazySequence(3, lambda i: i * 10)  # a lambda does not pickle; the items do
    assert pickle.loads(pickle.dumps(seq)) == (0, 10, 20)


def test_items_are_made_when_read() -> None:
    made: list[int] = []

    def make(i: int) -> int:
        made.append(i)
        return i

    seq = LazySequence(1000, make)
    assert len(seq) == 1000 and made == []
    assert seq[500] == 500 and made == [500]
    with pytest.raises(ValueError, match="negative"):
        LazySequence(-1, make)
