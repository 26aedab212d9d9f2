import socket
import threading

import httpx
import pytest

import blocks as gr
from blocks.server.launch import parse_size
from blocks.server.serving import bind_socket


def _app() -> gr.Blocks:
    with gr.Blocks() as demo:
        gr.Textbox()
    return demo


def test_launch_serves_on_the_port_from_the_environment_and_prints_the_url(
    monkeypatch, capsys, free_port
):
    monkeypatch.setenv("BLOCKS_SERVER_PORT", str(free_port))
    demo = _app()
    demo.launch(prevent_thread_lock=True)
    try:
        assert demo.local_url == f"http://127.0.0.1:{free_port}"
        assert f"Running on local URL:  http://127.0.0.1:{free_port}" in capsys.readouterr().out
        assert httpx.get(demo.local_url + "/health").status_code == 200
    finally:
        demo.close()


def test_a_taken_port_moves_to_the_next_free_one(free_port):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", free_port))
        taken.listen()
        sock = bind_socket("127.0.0.1", free_port)
        try:
            assert sock.getsockname()[1] > free_port
        finally:
            sock.close()


def test_close_stops_the_server_frees_the_port_and_leaves_no_server_thread(free_port):
    demo = _app()
    demo.launch(server_port=free_port, prevent_thread_lock=True, quiet=True)
    url = demo.local_url
    demo.close()
    with pytest.raises(httpx.ConnectError):
        httpx.get(url + "/health")
    with socket.socket() as again:
        again.bind(("127.0.0.1", free_port))
    assert not [t for t in threading.enumerate() if t.name == "blocks-server"]


def test_the_host_comes_from_the_environment_when_not_given(monkeypatch, free_port):
    monkeypatch.setenv("BLOCKS_SERVER_NAME", "127.0.0.1")
    demo = _app()
    demo.launch(server_port=free_port, prevent_thread_lock=True, quiet=True)
    try:
        assert demo.local_url.startswith("http://127.0.0.1:")
    finally:
        demo.close()


def test_the_reference_frameworks_gradio_server_variables_are_honoured_when_ours_are_unset(
    monkeypatch, free_port
):
    monkeypatch.delenv("BLOCKS_SERVER_PORT", raising=False)
    monkeypatch.delenv("BLOCKS_SERVER_NAME", raising=False)
    monkeypatch.setenv("GRADIO_SERVER_PORT", str(free_port))
    monkeypatch.setenv("GRADIO_SERVER_NAME", "127.0.0.1")
    demo = _app()
    demo.launch(prevent_thread_lock=True, quiet=True)
    try:
        assert demo.local_url == f"http://127.0.0.1:{free_port}"
    finally:
        demo.close()


def test_ours_win_over_the_gradio_server_variables(monkeypatch, free_port):
    monkeypatch.setenv("BLOCKS_SERVER_PORT", str(free_port))
    monkeypatch.setenv("GRADIO_SERVER_PORT", "1")
    demo = _app()
    demo.launch(prevent_thread_lock=True, quiet=True)
    try:
        assert demo.local_url == f"http://127.0.0.1:{free_port}"
    finally:
        demo.close()


def test_a_port_variable_that_is_not_a_number_is_refused_clearly(monkeypatch):
    monkeypatch.setenv("GRADIO_SERVER_PORT", "eighty")
    monkeypatch.delenv("BLOCKS_SERVER_PORT", raising=False)
    with pytest.raises(ValueError, match="must be a port number, got 'eighty'"):
        bind_socket("127.0.0.1", None)


def test_launch_returns_the_asgi_app_the_local_url_and_no_share_url(free_port):
    demo = _app()
    app, local_url, share_url = demo.launch(
        server_port=free_port, prevent_thread_lock=True, quiet=True
    )
    try:
        assert local_url == demo.local_url == f"http://127.0.0.1:{free_port}"
        assert share_url is None
        assert callable(app)  # the ASGI application being served
    finally:
        demo.close()


@pytest.mark.parametrize(
    ("given", "expected"), [(None, None), (1024, 1024), ("5mb", 5 * 1024**2), ("1 GB", 1024**3)]
)
def test_file_sizes_are_read_from_numbers_or_strings(given, expected):
    assert parse_size(given) == expected


def test_a_nonsense_file_size_is_refused_clearly():
    with pytest.raises(ValueError, match="like '5mb'"):
        parse_size("lots")


async def test_demo_app_is_an_asgi_app_that_serves_the_health_route():
    transport = httpx.ASGITransport(app=_app().app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        assert (await client.get("/health")).json() == {"status": "ok"}
