import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blocks.protocol.diff import apply, diff


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("", "hello"),
        ("hel", "hello"),
        ("hello", "help"),
        (None, "x"),
        ([1, 2], [1, 2, 3]),
        ([1, 2, 3], [1]),
        ({"a": 1}, {"a": 2}),
        ({"a": 1}, {"a": 1, "b": [1]}),
        ({"a": 1, "b": 2}, {"a": 1}),
        ([{"role": "user", "content": "hi"}], [{"role": "user", "content": "hi there"}]),
        ([[1, [2, "ab"]]], [[1, [2, "abc"]], 4]),
        (1, 1.0),
        (True, 1),
    ],
)
def test_applying_the_diff_of_two_values_gives_the_new_value(old, new):
    ops = diff(old, new)
    assert apply(copy.deepcopy(old), ops) == new
    assert type(apply(copy.deepcopy(old), ops)) is type(new)


def test_a_growing_string_diffs_to_its_new_tail_only():
    assert diff("Hello", "Hello world") == [{"op": "append", "path": [], "value": " world"}]


def test_a_reply_growing_inside_a_chat_history_is_addressed_by_its_path():
    history = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "Hel"}]
    grown = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "Hello"}]
    assert diff(history, grown) == [{"op": "append", "path": [1, "content"], "value": "lo"}]


def test_a_new_message_is_sent_as_an_extend_of_the_list():
    assert diff([1], [1, {"a": 2}]) == [{"op": "extend", "path": [], "value": [{"a": 2}]}]


def test_equal_values_diff_to_nothing():
    assert diff({"a": [1, "x"]}, {"a": [1, "x"]}) == []


def test_apply_refuses_an_append_to_something_that_is_not_a_string():
    with pytest.raises(ValueError, match="needs a string"):
        apply(3, [{"op": "append", "path": [], "value": "x"}])


def test_dict_subclasses_diff_like_dicts():
    class Wire(dict):
        pass

    old = [Wire(role="assistant", text="Hel")]
    new = [Wire(role="assistant", text="Hello")]
    assert diff(old, new) == [{"op": "append", "path": [0, "text"], "value": "lo"}]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=6),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(["a", "b", "c"]), children, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(json_values, json_values)
def test_applying_the_diff_of_any_two_json_values_gives_the_second(old, new):
    assert apply(copy.deepcopy(old), diff(old, new)) == new


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=5), max_size=6), st.text(max_size=8))
def test_a_growing_last_message_always_diffs_to_small_ops(history, tail):
    old = [*history, "reply"]
    new = [*history, "reply" + tail]
    ops = diff(old, new)
    assert apply(copy.deepcopy(old), ops) == new
    assert sum(len(str(op.get("value"))) for op in ops) <= len(tail) + 4
