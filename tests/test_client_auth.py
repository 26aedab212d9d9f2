"""blocks.Client with ``auth=`` against ``launch(auth=...)`` and with ``headers=``: the login
covers the socket, uploads and downloads, survives a restart, and the app sees who called
and the headers sent. Real servers on 127.0.0.1."""

import pytest
from PIL import Image

import blocks as gr
from blocks.client import AuthenticationError, handle_file


def whoami(text, request: gr.Request):
    return f"{text} from {request.username} ({request.headers.get('x-team')})"


def size(image):
    return f"{image.width}x{image.height}"


def _app() -> gr.Blocks:
    with gr.Blocks() as demo:
        box = gr.Textbox()
        out = gr.Textbox()
        gr.Button().click(whoami, box, out, api_name="whoami")
        gr.Button().click(size, gr.Image(type="pil"), out, api_name="size")
        gr.Button().click(
            lambda n: Image.new("RGB", (int(n), 2)), gr.Number(), gr.Image(), api_name="make"
        )
    return demo


class Locked:
    """The app behind ``auth=("ana", "pw")`` on a fixed port; ``restart()`` forgets every
    login (tokens live in the server's memory)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.demo = self._launch()

    def _launch(self) -> gr.Blocks:
        demo = _app()
        demo.launch(server_port=self.port, prevent_thread_lock=True, quiet=True, auth=("ana", "pw"))
        return demo

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def restart(self) -> None:
        self.demo.close()
        self.demo = self._launch()


@pytest.fixture
def locked(free_port):
    app = Locked(free_port)
    yield app
    app.demo.close()


def test_a_client_with_the_credentials_calls_a_locked_app(locked, tmp_path):
    picture = tmp_path / "p.png"
    Image.new("RGB", (4, 3)).save(picture)
    with gr.Client(locked.url, auth=("ana", "pw"), download_files=tmp_path / "out") as client:
        assert client.predict("hi", api_name="/whoami") == "hi from ana (None)"
        assert client.predict(handle_file(picture), api_name="/size") == "4x3"
        with Image.open(client.predict(5, api_name="/make")) as made:
            assert made.size == (5, 2)


def test_a_locked_app_refuses_a_client_without_or_with_wrong_credentials(locked):
    with pytest.raises(AuthenticationError, match=r"needs a login: Client\(url, auth="):
        gr.Client(locked.url)
    with pytest.raises(AuthenticationError, match="incorrect username or password"):
        gr.Client(locked.url, auth=("ana", "nope"))


def test_the_client_logs_in_again_after_the_app_restarted(locked):
    with gr.Client(locked.url, auth=("ana", "pw")) as client:
        assert client.predict("one", api_name="/whoami") == "one from ana (None)"
        locked.restart()
        assert client.predict("two", api_name="/whoami", timeout=10) == "two from ana (None)"


def test_headers_go_with_every_request_and_the_app_reads_them(free_port):
    demo = _app()
    demo.launch(server_port=free_port, prevent_thread_lock=True, quiet=True)
    try:
        with gr.Client(demo.local_url, headers={"X-Team": "blue"}) as client:
            assert client.predict("hi", api_name="/whoami") == "hi from None (blue)"
    finally:
        demo.close()
