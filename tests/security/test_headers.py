"""Security headers on a live loopback server: nosniff and a referrer policy on every response,
a Content-Security-Policy without 'unsafe-eval' on pages, and frame-ancestors as configured."""

from __future__ import annotations

import re

import httpx
import pytest
from starlette.testclient import TestClient

import blocks as gr
from blocks.server.headers import frame_ancestors_from
from blocks.server.paths import frontend_version

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63f8cfc0f01f0005000201a5e2a9b20000000049454e44ae426082"
)

# The whole policy of an app without js= or head= scripts, pinned: any change is deliberate.
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob: https:; media-src 'self' data: blob: https:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'self'"
)


def _app(**blocks_options) -> gr.Blocks:
    with gr.Blocks(**blocks_options) as demo:
        box = gr.Textbox(label="Text")
        box.submit(lambda text: text, box, box, api_name="echo")
    return demo


@pytest.fixture
def launched():
    """Launch an app (closed after the test); returns its URL."""
    demos: list[gr.Blocks] = []

    def start(demo: gr.Blocks | None = None, **launch_options) -> str:
        demo = demo or _app()
        demo.launch(server_port=0, prevent_thread_lock=True, quiet=True, **launch_options)
        demos.append(demo)
        assert demo.local_url is not None
        return demo.local_url

    yield start
    for demo in demos:
        demo.close()


def _policy(response: httpx.Response) -> dict[str, str]:
    directives = response.headers["content-security-policy"].split(";")
    return dict(d.strip().split(" ", 1) for d in directives)


def _uploaded_file_url(url: str) -> str:
    files = [("files", ("dot.png", PNG, "image/png"))]
    (item,) = httpx.post(url + "/upload", files=files).json()
    return f"{url}/{item['url']}"


def test_every_kind_of_response_says_nosniff_and_no_referrer(launched):
    url = launched()
    static = f"{url}/static/{frontend_version()}"
    responses = {
        "page": httpx.get(url + "/"),
        "static script": httpx.get(static + "/main.js"),
        "static stylesheet": httpx.get(static + "/style.css"),
        "api page": httpx.get(url + "/api"),
        "api schema": httpx.get(url + "/api/schema"),
        "api call": httpx.post(url + "/api/echo", json={"data": ["hi"]}),
        "config": httpx.get(url + "/config"),
        "health": httpx.get(url + "/health"),
        "file": httpx.get(_uploaded_file_url(url)),
        "upload": httpx.post(url + "/upload", files=[("files", ("a.txt", b"a", "text/plain"))]),
        "not found": httpx.get(url + "/no/such/route"),
        "wrong method": httpx.delete(url + "/api/echo"),
    }
    for kind, response in responses.items():
        assert response.status_code < 500, kind
        assert response.headers["x-content-type-options"] == "nosniff", kind
        assert response.headers["referrer-policy"] == "no-referrer", kind


def test_refusals_of_auth_and_of_the_host_check_carry_the_headers_too(launched):
    url = launched(auth=("ada", "lovelace"))
    for response in (
        httpx.get(url + "/"),
        httpx.get(url + "/", headers={"Host": "evil.example"}),
    ):
        assert response.status_code in (401, 421)
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"


def test_the_page_of_an_app_without_js_has_the_strict_policy(launched):
    page = httpx.get(launched() + "/")
    assert page.headers["content-security-policy"] == POLICY
    assert "unsafe-eval" not in page.headers["content-security-policy"]
    assert "nonce-" not in page.headers["content-security-policy"]
    assert "/js/" not in page.text  # no script of the app's own to load


def test_every_html_page_has_a_policy_and_files_keep_their_own_sandbox(launched):
    url = launched()
    for page in (
        httpx.get(url + "/api"),
        httpx.get(f"{url}/static/{frontend_version()}/index.html"),
    ):
        assert page.headers["content-type"].startswith("text/html")
        assert page.headers["content-security-policy"] == POLICY
    served = httpx.get(_uploaded_file_url(url))
    assert served.headers["content-security-policy"] == "default-src 'none'; sandbox"
    assert httpx.get(url + "/config").headers.get("content-security-policy") is None


def test_the_inlined_config_is_a_json_data_block_the_policy_does_not_need_to_allow(launched):
    text = httpx.get(launched() + "/").text
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", text)
    assert inline == [' id="blocks-config" type="application/json"']


@pytest.mark.parametrize(
    ("option", "sources"),
    [
        (None, "'self'"),
        ("*", "*"),
        (
            ["https://example.com", "https://*.example.org"],
            "https://example.com https://*.example.org",
        ),
        ("'self' https://example.com", "'self' https://example.com"),
        (["self"], "'self'"),
        ("none", "'none'"),
    ],
)
def test_the_frame_ancestors_option_sets_who_may_frame_the_app(launched, option, sources):
    page = httpx.get(launched(frame_ancestors=option) + "/")
    assert _policy(page)["frame-ancestors"] == sources
    assert _policy(httpx.get(launched() + "/api"))["frame-ancestors"] == "'self'"


def test_frame_ancestors_reaches_the_api_page_too(launched):
    url = launched(frame_ancestors=["https://example.com"])
    assert _policy(httpx.get(url + "/api"))["frame-ancestors"] == "https://example.com"


def test_blocks_frame_ancestors_in_the_environment_is_the_default(launched, monkeypatch):
    monkeypatch.setenv("BLOCKS_FRAME_ANCESTORS", "https://a.example, https://b.example")
    page = httpx.get(launched() + "/")
    assert _policy(page)["frame-ancestors"] == "https://a.example https://b.example"


@pytest.mark.parametrize("bad", ["https://x.example; script-src *", "'unsafe-inline'", "a b'c"])
def test_a_frame_ancestor_that_is_not_a_source_is_refused_before_serving(bad):
    with pytest.raises(ValueError, match="frame_ancestors"):
        _app().launch(server_port=0, prevent_thread_lock=True, quiet=True, frame_ancestors=[bad])
    assert frame_ancestors_from(["https://ok.example:8443"]) == "https://ok.example:8443"


def test_an_app_with_js_serves_it_as_same_origin_scripts_and_still_has_no_unsafe_eval(launched):
    demo = _app(js="() => console.log('app js')")
    with demo:
        gr.Button("Go").click(None, None, None, js="() => 'listener js'")
    url = launched(demo)
    page = httpx.get(url + "/")
    assert page.headers["content-security-policy"] == POLICY
    sources = re.findall(r'<script defer src="(/js/[0-9a-f]+\.js)"></script>', page.text)
    assert len(sources) == 2
    assert page.text.index(sources[-1]) < page.text.index('main.js"></script>')
    bodies = [httpx.get(url + src) for src in sources]
    for script in bodies:
        assert script.headers["content-type"].startswith("text/javascript")
        assert script.headers["x-content-type-options"] == "nosniff"
        assert "immutable" in script.headers["cache-control"]
    text = "".join(script.text for script in bodies)
    assert "console.log('app js')" in text and "'listener js'" in text
    assert httpx.get(url + "/js/0123456789abcdef0123.js").status_code == 404


def test_head_scripts_carry_a_fresh_nonce_that_the_policy_names(launched):
    demo = _app(
        head='<script>window.ok = 1</script><SCRIPT src="https://cdn.example/x.js"></SCRIPT>'
    )
    url = launched(demo)
    nonces = []
    for _ in range(2):
        page = httpx.get(url + "/")
        script_src = _policy(page)["script-src"]
        nonce = re.fullmatch(r"'self' 'nonce-([\w-]+)'", script_src)
        assert nonce is not None
        assert page.text.count(f'<script nonce="{nonce[1]}"') == 2
        nonces.append(nonce[1])
    assert nonces[0] != nonces[1]


def test_an_app_mounted_without_launch_sends_the_headers_too():
    with TestClient(_app().app) as client:
        page = client.get("/")
        assert page.headers["content-security-policy"] == POLICY
        assert page.headers["referrer-policy"] == "no-referrer"
        assert client.get("/health").headers["x-content-type-options"] == "nosniff"
