"""Chatbot(reasoning_tags=...): tagged thinking becomes a "Reasoning" thought before the reply."""

import pytest

import blocks as gr

TAGS = [("<think>", "</think>")]


def wire(chatbot, *messages):
    return chatbot.postprocess(list(messages))


def test_a_closed_think_block_becomes_a_done_thought_followed_by_the_answer():
    out = wire(
        gr.Chatbot(reasoning_tags=TAGS), {"role": "assistant", "content": "<think>hmm</think>Hi!"}
    )
    assert out == [
        {
            "role": "assistant",
            "content": [{"type": "text", "text": "hmm"}],
            "metadata": {"title": "Reasoning", "status": "done"},
        },
        {"role": "assistant", "content": [{"type": "text", "text": "Hi!"}]},
    ]


def test_an_unclosed_think_block_is_a_pending_thought_while_it_streams():
    out = wire(
        gr.Chatbot(reasoning_tags=TAGS), {"role": "assistant", "content": "<think>let me se"}
    )
    assert out == [
        {
            "role": "assistant",
            "content": [{"type": "text", "text": "let me se"}],
            "metadata": {"title": "Reasoning", "status": "pending"},
        }
    ]


def test_without_reasoning_tags_the_tags_are_shown_as_written():
    out = wire(gr.Chatbot(), {"role": "assistant", "content": "<think>hmm</think>Hi!"})
    assert out[0]["content"][0]["text"] == "<think>hmm</think>Hi!"


def test_user_messages_and_thoughts_keep_their_tags():
    chatbot = gr.Chatbot(reasoning_tags=TAGS)
    out = wire(
        chatbot,
        {"role": "user", "content": "<think>x</think>"},
        {"role": "assistant", "content": "<think>y</think>", "metadata": {"title": "Tool"}},
    )
    assert [m["content"][0]["text"] for m in out] == ["<think>x</think>", "<think>y</think>"]


def test_the_answer_keeps_the_options_of_the_message():
    options = [{"value": "more"}]
    out = wire(
        gr.Chatbot(reasoning_tags=TAGS),
        {"role": "assistant", "content": "<think>a</think>B", "options": options},
    )
    assert "options" not in out[0] and out[1]["options"] == options


def test_several_tag_pairs_are_each_recognised():
    chatbot = gr.Chatbot(reasoning_tags=[("<think>", "</think>"), ("[[", "]]")])
    out = wire(chatbot, {"role": "assistant", "content": "[[plan]]Answer"})
    assert out[0]["metadata"]["title"] == "Reasoning" and out[1]["content"][0]["text"] == "Answer"


def test_listeners_receive_the_thought_as_its_own_message():
    chatbot = gr.Chatbot(reasoning_tags=TAGS)
    plain = chatbot.preprocess(wire(chatbot, {"role": "assistant", "content": "<think>a</think>B"}))
    assert plain == [
        {"role": "assistant", "content": "a", "metadata": {"title": "Reasoning", "status": "done"}},
        {"role": "assistant", "content": "B"},
    ]


@pytest.mark.parametrize("tags", ["<think>", [("<think>",)], [("<think>", "")], [(1, 2)]])
def test_reasoning_tags_that_are_not_pairs_of_strings_are_refused_at_build_time(tags):
    with pytest.raises(TypeError, match="reasoning_tags must be a list of"):
        gr.Chatbot(reasoning_tags=tags)
