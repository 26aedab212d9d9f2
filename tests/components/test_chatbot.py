from __future__ import annotations

import copy

import pytest

import blocks as gr
from blocks.exceptions import ValidationError
from blocks.protocol.diff import diff
from blocks.runtime import files
from blocks.testing import TestClient


def text(value: str) -> list[dict[str, str]]:
    return [{"type": "text", "text": value}]


@pytest.fixture
def cache(tmp_path):
    with files.use_cache(files.FileCache(tmp_path / "cache")) as cache:
        yield cache


@pytest.fixture
def picture(tmp_path):
    path = tmp_path / "cat.txt"
    path.write_text("meow")
    return path


# ---------------------------------------------------------------------- value -> wire


def test_text_messages_become_a_list_with_one_text_part():
    assert gr.Chatbot().postprocess(
        [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"}]
    ) == [
        {"role": "user", "content": text("Hi")},
        {"role": "assistant", "content": text("Hello!")},
    ]


def test_no_value_shows_an_empty_conversation():
    assert gr.Chatbot().postprocess(None) == []
    assert gr.Chatbot().get_props()["value"] == []


def test_a_reply_growing_by_one_token_diffs_to_one_append():
    chat = gr.Chatbot()
    history = [{"role": "user", "content": "Hi"}] * 100
    before = chat.postprocess([*history, {"role": "assistant", "content": "Hello"}])
    after = chat.postprocess([*history, {"role": "assistant", "content": "Hello there"}])
    assert diff(before, after) == [
        {"op": "append", "path": [100, "content", 0, "text"], "value": " there"}
    ]


def test_postprocess_is_stable_leaves_out_unset_keys_and_accepts_its_own_output(picture, cache):
    chat = gr.Chatbot()
    value = [
        gr.ChatMessage("thinking", metadata={"title": "Search", "log": None}),
        {"role": "user", "content": [(str(picture),), "caption"]},
    ]
    first = chat.postprocess(value)
    assert first == chat.postprocess(value)
    assert chat.postprocess(first) == first
    assert "null" not in repr(first) and "None" not in repr(first)
    assert first[0] == {
        "role": "assistant",
        "content": text("thinking"),
        "metadata": {"title": "Search"},
    }


def test_a_chat_message_with_a_thought_and_options_keeps_both():
    message = gr.ChatMessage(
        "Looking it up",
        metadata={"title": "🔧 Using a tool", "id": 1, "status": "pending", "duration": 0.5},
        options=["Yes", {"value": "no", "label": "No"}],
    )
    nested = gr.ChatMessage("step", metadata={"title": "Step", "parent_id": 1, "status": "done"})
    shown = gr.Chatbot().postprocess([message, nested])
    assert shown[0] == {
        "role": "assistant",
        "content": text("Looking it up"),
        "metadata": {"title": "🔧 Using a tool", "id": 1, "duration": 0.5, "status": "pending"},
        "options": [{"value": "Yes"}, {"value": "no", "label": "No"}],
    }
    assert shown[1]["metadata"] == {"title": "Step", "parent_id": 1, "status": "done"}


def test_a_thought_with_an_unknown_status_is_refused():
    with pytest.raises(ValueError, match="message 0 has metadata status 'running'"):
        gr.Chatbot().postprocess(
            [gr.ChatMessage("x", metadata={"title": "T", "status": "running"})]
        )


def test_a_returned_message_without_role_or_content_is_refused_with_its_index():
    chat = gr.Chatbot()
    with pytest.raises(ValueError, match="message 1 has no 'role'"):
        chat.postprocess([{"role": "user", "content": "a"}, {"content": "b"}])
    with pytest.raises(ValueError, match="message 0 has no 'content'"):
        chat.postprocess([{"role": "user"}])
    with pytest.raises(ValueError, match="message 0 has role 'bot'"):
        chat.postprocess([{"role": "bot", "content": "x"}])


def test_returned_pairs_are_refused_saying_only_messages_are_supported():
    with pytest.raises(TypeError, match="tuples format"):
        gr.Chatbot().postprocess([["hi", "hello"]])


def test_components_in_a_message_carry_their_type_value_and_explicit_props():
    shown = gr.Chatbot().postprocess(
        [{"role": "assistant", "content": [gr.JSON({"a": 1}), gr.Markdown("# Hi", rtl=True)]}]
    )
    assert shown[0]["content"] == [
        {"type": "component", "component": "json", "value": {"a": 1}},
        {"type": "component", "component": "markdown", "value": "# Hi", "props": {"rtl": True}},
    ]


def test_a_json_value_changed_in_place_between_yields_shows_the_change():
    chat = gr.Chatbot()
    data = {"step": 1}
    history = [{"role": "assistant", "content": gr.JSON(data)}]
    assert chat.postprocess(history)[0]["content"][0]["value"] == {"step": 1}
    data["step"] = 2
    assert chat.postprocess(history)[0]["content"][0]["value"] == {"step": 2}


def test_an_image_component_with_a_pil_image_is_stored_once_across_yields(cache, monkeypatch):
    pil = pytest.importorskip("PIL.Image")
    image = gr.Image(pil.new("RGB", (8, 8), "blue"), height=100)
    stored = []
    add_bytes = cache.add_bytes
    monkeypatch.setattr(cache, "add_bytes", lambda *a, **k: stored.append(1) or add_bytes(*a, **k))
    chat = gr.Chatbot()
    history = [{"role": "assistant", "content": image}]
    first = chat.postprocess(history)
    assert chat.postprocess(history) == first
    part = first[0]["content"][0]
    assert (part["type"], part["component"], part["props"]) == (
        "component",
        "image",
        {"height": 100},
    )
    assert part["value"]["id"] in cache
    assert len(stored) == 1


def test_a_file_is_registered_in_the_cache_once_per_path(picture, cache, monkeypatch):
    calls = []
    add_path = cache.add_path
    monkeypatch.setattr(cache, "add_path", lambda *a, **k: calls.append(a) or add_path(*a, **k))
    chat = gr.Chatbot()
    history = [{"role": "user", "content": {"path": str(picture), "alt_text": "a cat"}}]
    first = chat.postprocess(history)
    assert chat.postprocess(history) == first
    assert len(calls) == 1
    part = first[0]["content"][0]
    assert part["alt_text"] == "a cat"
    assert part["file"]["orig_name"] == "cat.txt"
    assert part["file"]["id"] in cache
    assert "path" not in part["file"]


def test_a_file_given_as_a_tuple_or_a_path_and_a_url_are_shown(picture, cache):
    shown = gr.Chatbot().postprocess(
        [
            {"role": "user", "content": (str(picture), "alt")},
            {"role": "user", "content": picture},
            {"role": "assistant", "content": {"path": "https://example.com/a/dog.png"}},
        ]
    )
    assert shown[0]["content"][0]["alt_text"] == "alt"
    assert shown[1]["content"][0]["file"]["id"] == shown[0]["content"][0]["file"]["id"]
    assert shown[2]["content"][0]["file"] == {
        "url": "https://example.com/a/dog.png",
        "orig_name": "dog.png",
        "mime_type": "image/png",
    }


def test_content_that_cannot_be_shown_is_refused_naming_the_message():
    with pytest.raises(TypeError, match="message 0 cannot show the number 3"):
        gr.Chatbot().postprocess([{"role": "user", "content": 3}])
    with pytest.raises(TypeError, match="return a list of messages"):
        gr.Chatbot().postprocess("hello")


# ---------------------------------------------------------------------- wire -> listener


def test_the_listener_receives_the_plain_format():
    chat = gr.Chatbot()
    wire = chat.postprocess(
        [
            {"role": "user", "content": "Hi"},
            gr.ChatMessage("Thinking", metadata={"title": "Plan"}, options=["a"]),
        ]
    )
    assert chat.preprocess(wire) == [
        {"role": "user", "content": "Hi"},
        {
            "role": "assistant",
            "content": "Thinking",
            "metadata": {"title": "Plan"},
            "options": [{"value": "a"}],
        },
    ]


def test_the_plain_format_from_the_api_is_accepted_too():
    payload = [{"role": "system", "content": "Be brief"}, {"role": "user", "content": ["a", "b"]}]
    assert gr.Chatbot().preprocess(payload) == payload


def test_a_file_reaches_the_listener_as_a_local_path(picture, cache):
    chat = gr.Chatbot()
    wire = chat.postprocess([{"role": "user", "content": [(str(picture), "a cat"), "look"]}])
    [message] = chat.preprocess(wire)
    file, caption = message["content"]
    assert caption == "look"
    assert file["alt_text"] == "a cat"
    with open(file["path"]) as opened:
        assert opened.read() == "meow"


def test_a_file_in_the_reference_wire_shape_is_accepted(picture, cache):
    data = cache.add_path(picture)
    payload = [{"role": "user", "content": {"file": data, "alt_text": "a cat"}}]
    [message] = gr.Chatbot().preprocess(payload)
    assert message["content"]["alt_text"] == "a cat"
    assert message["content"]["mime_type"] == "text/plain"


def test_a_file_the_server_did_not_issue_is_refused(cache):
    payload = [{"role": "user", "content": [{"type": "file", "file": {"path": "/etc/passwd"}}]}]
    with pytest.raises(ValidationError, match="message 0 has a file that cannot be used"):
        gr.Chatbot().preprocess(payload)


def test_a_component_reaches_the_listener_as_a_component_and_returns_unchanged():
    chat = gr.Chatbot()
    wire = chat.postprocess([{"role": "assistant", "content": gr.Markdown("# Hi", rtl=True)}])
    [message] = chat.preprocess(wire)
    assert isinstance(message["content"], gr.Markdown)
    assert (message["content"].value, message["content"].rtl) == ("# Hi", True)
    assert chat.postprocess([message]) == wire


def test_an_image_sent_back_unchanged_is_not_stored_again(cache, monkeypatch):
    pil = pytest.importorskip("PIL.Image")
    chat = gr.Chatbot()
    wire = chat.postprocess([{"role": "assistant", "content": gr.Image(pil.new("RGB", (4, 4)))}])
    history = chat.preprocess(wire)
    monkeypatch.setattr(cache, "add_bytes", lambda *a, **k: pytest.fail("stored again"))
    assert chat.postprocess(history) == wire


def test_mutating_the_preprocessed_history_leaves_the_next_preprocess_unchanged():
    chat = gr.Chatbot()
    wire = chat.postprocess(
        [gr.ChatMessage(["a", "b"], role="user", metadata={"title": "T"}, options=["x"])]
    )
    snapshot = copy.deepcopy(wire)
    first = chat.preprocess(wire)
    first[0]["content"].append("c")
    first[0]["metadata"]["title"] = "changed"
    first[0]["options"][0]["value"] = "y"
    first.append({"role": "user", "content": "more"})
    assert chat.preprocess(wire) == [
        {
            "role": "user",
            "content": ["a", "b"],
            "metadata": {"title": "T"},
            "options": [{"value": "x"}],
        }
    ]
    assert wire == snapshot


def test_a_message_without_role_is_refused_with_its_index():
    payload = [{"role": "user", "content": "x"}] * 3 + [{"content": "y"}]
    with pytest.raises(ValidationError, match="Chatbot: message 3 has no 'role'"):
        gr.Chatbot().preprocess(payload)


def test_a_message_without_content_is_refused_with_its_index():
    with pytest.raises(ValidationError, match="message 0 has no 'content'"):
        gr.Chatbot().preprocess([{"role": "user"}])


def test_a_message_with_an_unknown_role_is_refused():
    with pytest.raises(ValidationError, match="message 0 has role 'tool'"):
        gr.Chatbot().preprocess([{"role": "tool", "content": "x"}])


def test_a_payload_that_is_not_a_list_of_messages_is_refused():
    with pytest.raises(ValidationError, match="expected a list of messages, got an object"):
        gr.Chatbot(label="Chat").preprocess({"role": "user"})
    with pytest.raises(ValidationError, match="message 0 must be a"):
        gr.Chatbot().preprocess(["hi"])
    with pytest.raises(ValidationError, match="message 0 has an unknown component"):
        gr.Chatbot().preprocess([{"role": "user", "content": {"component": "nope"}}])


def test_api_info_is_a_list_schema_and_the_example_is_accepted():
    chat = gr.Chatbot()
    assert chat.api_info()["type"] == "array"
    assert chat.api_info()["items"]["required"] == ["role", "content"]
    assert chat.preprocess(chat.example_payload()) == [
        {"role": "user", "content": "Hello!"},
        {"role": "assistant", "content": "Hi! How can I help?"},
    ]


# ---------------------------------------------------------------------- props


def test_defaults_match_the_reference():
    props = gr.Chatbot().get_props()
    assert props["sanitize_html"] is True
    assert props["latex_delimiters"] == [{"left": "$$", "right": "$$", "display": True}]
    assert props["layout"] == "bubble"
    assert props["editable"] is None
    assert props["feedback_options"] == ["Like", "Dislike"]
    assert props["height"] == 400
    assert props["autoscroll"] is True
    assert props["group_consecutive_messages"] is True


def test_editable_true_means_the_user_can_edit_their_messages():
    assert gr.Chatbot(editable=True).editable == "user"
    with pytest.raises(ValueError, match="'user' or 'all'"):
        gr.Chatbot(editable="everyone")


def test_avatars_and_examples_are_shown_with_their_files(picture, cache):
    chat = gr.Chatbot(
        avatar_images=(str(picture), "https://example.com/bot.png"),
        examples=[
            {"text": "Hello!", "label": "Greeting", "icon": "👋"},
            {"text": "Describe", "files": [str(picture)], "icon": str(picture)},
        ],
    )
    props = chat.get_props()
    user, bot = props["avatar_images"]
    assert user["id"] in cache
    assert bot["url"] == "https://example.com/bot.png"
    greeting, describe = props["examples"]
    assert greeting == {"text": "Hello!", "label": "Greeting", "icon": text("👋")[0]}
    assert describe["files"][0]["id"] in cache
    assert describe["icon"]["type"] == "file"


@pytest.mark.parametrize(
    "kwargs",
    [{"bubble_full_width": False}, {"type": "messages"}, {"show_copy_button": True}],
)
def test_deprecated_arguments_warn_but_work(kwargs):
    with pytest.warns(DeprecationWarning, match="deprecated"):
        chat = gr.Chatbot(**kwargs)
    assert chat.postprocess([{"role": "user", "content": "x"}])[0]["content"] == text("x")


def test_show_copy_button_false_hides_the_copy_button():
    with pytest.warns(DeprecationWarning):
        assert "copy" not in gr.Chatbot(show_copy_button=False).buttons


def test_the_tuples_format_is_refused_saying_only_messages_are_supported():
    with pytest.raises(ValueError, match="only supports the messages format"):
        gr.Chatbot(type="tuples")


# ---------------------------------------------------------------------- events


def test_chatbot_has_every_chat_event():
    assert set(gr.Chatbot.EVENTS) >= {
        "change",
        "select",
        "like",
        "retry",
        "undo",
        "edit",
        "clear",
        "copy",
        "example_select",
        "option_select",
    }


def test_a_like_listener_receives_the_message_and_the_verdict():
    seen = []

    def on_like(history, data: gr.LikeData):
        seen.append((data.index, data.value, data.liked, history[1]["content"]))

    with gr.Blocks() as demo:
        chat = gr.Chatbot(
            [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Yo"}]
        )
        chat.like(on_like, chat, None)
    with TestClient(demo) as client:
        event = {"index": 1, "value": "Yo", "liked": False}
        assert client.fire(chat, "like", event)[0].success
    assert seen == [(1, "Yo", False, "Yo")]


def test_a_streamed_reply_reaches_the_page_whole():
    def reply(history):
        history = [*history, {"role": "assistant", "content": ""}]
        for word in ("Hello", " there"):
            history[-1]["content"] += word
            yield history

    with gr.Blocks() as demo:
        chat = gr.Chatbot([{"role": "user", "content": "Hi"}])
        button = gr.Button()
        button.click(reply, chat, chat)
    with TestClient(demo) as client:
        assert client.click(button).success
        assert client.value(chat)[-1] == {"role": "assistant", "content": text("Hello there")}


def test_chat_message_is_exported_and_speaks_for_the_assistant_by_default():
    assert gr.ChatMessage("x").role == "assistant"
    assert gr.ChatMessage("x").metadata == {} and gr.ChatMessage("x").options == []


def test_updated_examples_and_avatars_are_sent_in_their_wire_form(tmp_path):
    from PIL import Image

    from blocks.testing import TestClient

    avatar = tmp_path / "me.png"
    Image.new("RGB", (4, 4), "red").save(avatar)
    with gr.Blocks() as demo:
        chat = gr.Chatbot()
        button = gr.Button()
        button.click(
            lambda: gr.update(
                examples=[{"text": "Hi", "label": "Greet"}], avatar_images=(str(avatar), None)
            ),
            None,
            chat,
        )
    with TestClient(demo) as client:
        client.click(button)
        props = client.props(chat)
        assert props["examples"] == [{"text": "Hi", "label": "Greet"}]
        assert props["avatar_images"][0]["url"].startswith("file/")
        assert props["avatar_images"][1] is None


def test_a_stream_over_a_kept_history_shows_each_yield_exactly_as_a_fresh_chatbot_would():
    chatbot = gr.Chatbot()
    kept = chatbot.postprocess(
        [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo"}]
    )
    other = chatbot.postprocess(
        [{"role": "user", "content": "bye"}, {"role": "assistant", "content": "ok"}]
    )
    yields = [
        [*kept, {"role": "user", "content": "more"}],
        [*kept, {"role": "user", "content": "more"}, {"role": "assistant", "content": "a"}],
        [*kept, {"role": "user", "content": "more"}, {"role": "assistant", "content": "ab"}],
        [*other, {"role": "user", "content": "else"}],  # another history: nothing reused
        [*kept[:1], {"role": "assistant", "content": "edited"}],  # a shorter one
        (*kept, {"role": "user", "content": "a tuple"}),
    ]
    for value in yields:
        assert chatbot.postprocess(value) == gr.Chatbot().postprocess(list(value))
