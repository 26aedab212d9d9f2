"""gr.close_all(): every app launched in the process stops and frees its port."""

import socket
import urllib.request
from urllib.parse import urlsplit

import pytest

import blocks as gr


def answers(url):
    try:
        with urllib.request.urlopen(url + "/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def port_is_free(url):
    with socket.socket() as sock:
        # Closed connections may linger in TIME_WAIT; only a listening socket blocks this.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", urlsplit(url).port))
        except OSError:
            return False
        return True


def launched(title):
    with gr.Blocks(title=title) as demo:
        gr.Markdown(title)
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    return demo


def test_close_all_stops_every_launched_app_and_frees_their_ports(capsys):
    first, second = launched("one"), launched("two")
    urls = [first.local_url, second.local_url]
    assert all(answers(url) for url in urls)
    gr.close_all()
    assert first.local_url is None and second.local_url is None
    assert not any(answers(url) for url in urls)
    assert all(port_is_free(url) for url in urls)
    printed = capsys.readouterr().out
    assert all(f"port: {urlsplit(url).port}" in printed for url in urls)


def test_an_app_closed_by_itself_is_not_closed_again_and_quiet_prints_nothing(capsys):
    demo = launched("alone")
    demo.close()
    gr.close_all(verbose=False)
    assert capsys.readouterr().out == ""


def test_a_closed_app_can_launch_again(capsys):
    demo = launched("again")
    gr.close_all(verbose=False)
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    try:
        assert answers(demo.local_url)
    finally:
        demo.close()


@pytest.fixture(autouse=True)
def _nothing_left_running():
    yield
    gr.close_all(verbose=False)
