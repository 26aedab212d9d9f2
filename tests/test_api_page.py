"""The human "Use via API" page (GET /api) and the page config's show_api, served for real."""

import html
import re
import shlex
import time

import httpx
import pytest

import blocks as gr

HOSTILE = "<script>alert(1)</script>"


def greet(name, times):
    """Greets someone, loudly."""
    return "Hello " + name + "!" * int(times)


def count(n):
    for index in range(int(n)):
        time.sleep(0.01)
        yield str(index)


def shout(text):
    return text.upper()


def helper_undocumented(text):
    return text


def helper_private(text):
    return text


@pytest.fixture(scope="module")
def served():
    with gr.Blocks(title="Tom & <Jerry>") as demo:
        name = gr.Textbox(label="Name")
        times = gr.Slider(1, 5, value=2, step=1, label="Times")
        number = gr.Number(label="How many")
        hostile = gr.Textbox(label=HOSTILE)
        out = gr.Textbox(label="Greeting")
        gr.Button("Greet").click(greet, [name, times], out)
        gr.Button("Count").click(count, number, out)
        gr.Button("Shout").click(shout, hostile, out, api_description=f"Says {HOSTILE} & more")
        gr.Button("U").click(helper_undocumented, name, out, api_visibility="undocumented")
        gr.Button("P").click(helper_private, name, out, api_visibility="private")
    # api.example.test: the host name a proxy would forward (the examples follow it).
    demo.launch(
        server_port=0, prevent_thread_lock=True, quiet=True, allowed_hosts=["api.example.test"]
    )
    yield demo.local_url
    demo.close()


@pytest.fixture(scope="module")
def page(served):
    response = httpx.get(served + "/api", timeout=10)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def code_blocks(text):
    """The text of every <pre><code> block, unescaped."""
    return [
        html.unescape(block) for block in re.findall(r"<pre><code>(.*?)</code></pre>", text, re.S)
    ]


def curl_for(text, name, stream=False):
    url_end = f"/api/{name}/stream" if stream else f"/api/{name}"
    for block in code_blocks(text):
        words = shlex.split(block.replace("\\\n", " "))
        if words[0] == "curl" and any(word.endswith(url_end) for word in words):
            return words
    raise AssertionError(f"no curl example for {url_end}")


def test_the_page_is_one_accessible_document_titled_after_the_app(page):
    assert "<title>Use via API · Tom &amp; &lt;Jerry&gt;</title>" in page
    assert page.count("<h1") == 1
    assert page.count("<main") == 1
    assert re.search(r'<link rel="stylesheet" href="/static/\w+/style\.css"', page)


def test_the_stylesheet_it_links_is_served(served, page):
    href = re.search(r'<link rel="stylesheet" href="([^"]+)"', page).group(1)
    response = httpx.get(served + href)
    assert response.status_code == 200
    assert ".api-page" in response.text


def test_every_public_endpoint_has_a_heading_its_parameters_and_examples(page):
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", page)
    assert headings == ["<code>/greet</code>", "<code>/count</code>", "<code>/shout</code>"]
    assert "Greets someone, loudly." in page
    for text in ("Name", "Times", "How many", "Textbox", "Slider", "Number", "Greeting"):
        assert f">{text}<" in page
    assert "numeric value between 1 and 5" in page
    python = [block for block in code_blocks(page) if 'api_name="/greet"' in block]
    assert len(python) == 1
    assert 'gr.Client("' in python[0] and "client.predict(" in python[0]
    assert '"Hello!!",  # Name (Textbox)' in python[0]


def test_undocumented_and_private_endpoints_are_not_listed(page):
    assert "helper_undocumented" not in page
    assert "helper_private" not in page


def test_the_curl_example_can_be_run_as_written(served, page):
    words = curl_for(page, "greet")
    assert words[:3] == ["curl", "-X", "POST"]
    assert "Content-Type: application/json" in words
    body = words[words.index("-d") + 1]
    response = httpx.post(words[3], content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 200, response.text
    assert response.json()["data"] == ["Hello Hello!!!"]


def test_a_streaming_endpoint_also_shows_its_server_sent_events_variant(served, page):
    words = curl_for(page, "count", stream=True)
    assert "-N" in words
    body = words[words.index("-d") + 1]
    url = next(word for word in words if word.endswith("/stream"))
    with httpx.stream("POST", url, content=body, timeout=10) as response:
        assert response.status_code == 200
        assert "event: done" in response.read().decode()
    assert 'class="api-badge">streams<' in page
    with pytest.raises(AssertionError):
        curl_for(page, "greet", stream=True)


def test_the_app_authors_text_is_escaped(page):
    assert HOSTILE not in page
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Says &lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page


def test_the_base_url_of_the_examples_follows_the_request(served):
    text = httpx.get(served + "/api", headers={"Host": "api.example.test:9999"}).text
    assert curl_for(text, "greet")[3] == "http://api.example.test:9999/api/greet"
    assert 'gr.Client("http://api.example.test:9999")' in "".join(code_blocks(text))


def test_the_base_url_and_the_stylesheet_follow_the_root_path():
    with gr.Blocks() as demo:
        box = gr.Textbox(label="In")
        box.submit(shout, box, box)
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True, root_path="/prefix")
    url = demo.local_url
    try:
        text = httpx.get(url + "/api").text
    finally:
        demo.close()
    assert curl_for(text, "shout")[3] == f"{url}/prefix/api/shout"
    assert re.search(r'href="/prefix/static/\w+/style\.css"', text)
    assert 'href="/prefix/api/schema"' in text


def test_the_schema_and_the_calls_still_answer_beside_the_page(served):
    schema = httpx.get(served + "/api/schema").json()
    assert set(schema["endpoints"]) == {"greet", "count", "shout"}
    response = httpx.post(served + "/api/shout", json={"data": ["hi"]})
    assert response.json()["data"] == ["HI"]


def test_a_chat_interface_shows_its_endpoint_and_the_openai_section():
    def reply(message, history):
        return message

    demo = gr.ChatInterface(reply, api_name="chat", api_description="Chat with the bot")
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    try:
        text = httpx.get(demo.local_url + "/api").text
    finally:
        demo.close()
    assert '<h2 id="api-chat"><code>/chat</code></h2>' in text
    assert "Chat with the bot" in text
    assert '<h2 id="openai">' in text
    words = curl_for(text, "chat")
    assert words[3].endswith("/api/chat")
    openai = next(b for b in code_blocks(text) if "/v1/chat/completions" in b)
    assert '"model": "chat"' in openai
    assert any('base_url="http://127.0.0.1:' in block for block in code_blocks(text))


def test_an_app_without_models_has_no_openai_section(page):
    assert "/v1/chat/completions" not in page


def test_the_config_says_whether_there_is_an_api_to_show(served):
    assert httpx.get(served + "/config").json()["show_api"] is True
    index = httpx.get(served + "/").text
    assert '<a href="api">Use via API</a>' in index

    with gr.Blocks() as hidden:
        box = gr.Textbox()
        box.submit(shout, box, box, api_visibility="private")
        box.change(shout, box, box, api_visibility="undocumented")
        box.blur(shout, box, box, api_name=False)
    assert hidden.config()["show_api"] is False

    with gr.Blocks() as empty:
        gr.Textbox()
    assert empty.config()["show_api"] is False


def test_an_app_without_public_endpoints_says_so():
    with gr.Blocks() as demo:
        box = gr.Textbox()
        box.submit(helper_private, box, box, api_visibility="private")
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    try:
        response = httpx.get(demo.local_url + "/api")
        config = httpx.get(demo.local_url + "/config").json()
    finally:
        demo.close()
    assert response.status_code == 200
    assert "no public API endpoints" in response.text
    assert "<h2" not in response.text
    assert config["show_api"] is False
