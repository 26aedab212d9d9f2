"""blocks.Client with files: local paths, URLs and ``handle_file`` uploaded for file inputs;
output files downloaded to local paths (or kept as FileData with absolute URLs), and
``download``. Against a real server on 127.0.0.1."""

from pathlib import Path

import pytest
from PIL import Image

import blocks as gr
from blocks.client import ClientError, handle_file


def _png(folder: Path, name: str = "red.png", size: tuple[int, int] = (7, 5)) -> Path:
    path = folder / name
    Image.new("RGB", size, (200, 10, 10)).save(path)
    return path


def _size(image):
    return f"{image.width}x{image.height}"


def _names(paths):
    return ", ".join(sorted(Path(p).name for p in paths))


def _checkerboard(n):
    image = Image.new("RGB", (int(n), int(n)), "white")
    image.putpixel((0, 0), (0, 0, 0))
    return image


def count_files(message, history):
    return f"{message['text']}: {len(message['files'])} file(s)"


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    boards = tmp_path_factory.mktemp("boards")

    def _show(n):
        path = boards / "board.png"
        _checkerboard(n).save(path)
        return [{"role": "assistant", "content": ["look", {"path": str(path)}]}]

    with gr.Blocks() as demo:
        image = gr.Image(type="pil")
        text = gr.Textbox()
        gr.Button().click(_size, image, text, api_name="size")
        files = gr.File(file_count="multiple")
        gr.Button().click(_names, files, text, api_name="names")
        number = gr.Number(value=4)
        made = gr.Image(format="png")
        gr.Button().click(_checkerboard, number, made, api_name="make")
        gr.Button().click(lambda path: path, files, gr.File(), api_name="echo_file")
        gr.Button().click(_show, number, gr.Chatbot(), api_name="show")
        with gr.Tab("Chat"):
            gr.ChatInterface(count_files, multimodal=True)
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo.local_url
    demo.close()


def test_an_image_input_takes_a_local_path(url, tmp_path):
    path = _png(tmp_path)
    with gr.Client(url) as client:
        assert client.predict(path, api_name="/size") == "7x5"
        assert client.predict(str(path), api_name="/size") == "7x5"


def test_a_multiple_file_input_takes_a_list_of_paths(url, tmp_path):
    first = tmp_path / "a.txt"
    first.write_text("alpha")
    second = _png(tmp_path, "b.png")
    with gr.Client(url) as client:
        assert client.predict([first, str(second)], api_name="/names") == "a.txt, b.png"


def test_handle_file_takes_a_path_or_a_url(url, tmp_path):
    with gr.Client(url, download_files=False) as client:
        assert client.predict(handle_file(_png(tmp_path)), api_name="/size") == "7x5"
        made = client.predict(9, api_name="/make")
        assert client.predict(handle_file(made["url"]), api_name="/size") == "9x9"
        assert client.predict(made["url"], api_name="/size") == "9x9"  # a URL where a file goes
    with pytest.raises(FileNotFoundError, match=r"nope\.png"):
        handle_file(tmp_path / "nope.png")


def test_file_data_from_an_earlier_call_passes_through(url, tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("hello")
    with gr.Client(url, download_files=False) as client:
        echoed = client.predict([path], api_name="/echo_file")
        assert echoed["url"].startswith(url + "/file/")
        assert client.predict([echoed], api_name="/names") == "note.txt"


def test_output_files_are_downloaded_to_local_paths_by_default(url, tmp_path):
    with gr.Client(url, download_files=tmp_path / "got") as client:
        local = client.predict(5, api_name="/make")
        assert isinstance(local, str) and local.startswith(str(tmp_path / "got"))
        with Image.open(local) as image:
            assert image.size == (5, 5)
        assert client.predict(5, api_name="/make") == local  # the same file, fetched once
        echoed = client.predict([_png(tmp_path)], api_name="/echo_file")
        assert Path(echoed).read_bytes() == _png(tmp_path).read_bytes()
    assert Path(local).is_file()  # kept after close


def test_files_go_to_the_default_download_folder(url, tmp_path, monkeypatch):
    monkeypatch.setenv("BLOCKS_TEMP_DIR", str(tmp_path))
    with gr.Client(url) as client:
        local = client.predict(2, api_name="/make")
    assert Path(local).is_relative_to(tmp_path / "blocks-client")


def test_a_multimodal_chat_takes_text_and_files(url, tmp_path):
    path = _png(tmp_path)
    with gr.Client(url) as client:
        reply = client.predict({"text": "hi", "files": [path]}, api_name="/count_files")
        assert reply == "hi: 1 file(s)"
        assert client.predict("plain", api_name="/count_files") == "plain: 0 file(s)"


def test_an_image_output_kept_as_file_data_has_an_absolute_url_and_downloads(url, tmp_path):
    with gr.Client(url, download_files=False) as client:
        data = client.predict(6, api_name="/make")
        assert data["url"].startswith(url + "/file/")
        assert data["orig_name"].endswith(".png")
        local = client.download(data)
        assert local.is_file() and local.name == data["orig_name"]
        with Image.open(local) as image:
            assert image.size == (6, 6)
            assert image.convert("RGB").getpixel((0, 0)) == (0, 0, 0)
        assert local.stat().st_size == data["size"]
        into = client.download(data, tmp_path / "out")
        assert into == tmp_path / "out" / data["orig_name"]
        assert into.read_bytes() == local.read_bytes()
        # Another download of the same name does not replace the first one.
        assert client.download(data) != local
        temp = local.parent.parent
    assert not temp.exists()  # close() removed the client's temp folder


def test_files_inside_a_chatbot_output_are_downloaded_or_get_absolute_urls(url, tmp_path):
    with gr.Client(url, download_files=tmp_path) as client:
        (message,) = client.predict(3, api_name="/show")
        text, file = message["content"]
        assert text == {"type": "text", "text": "look"}
        with Image.open(file["file"]) as image:
            assert image.size == (3, 3)
    with gr.Client(url, download_files=False) as client:
        (message,) = client.predict(3, api_name="/show")
        file = message["content"][1]["file"]
        assert file["url"].startswith(url + "/file/")
        with Image.open(client.download(file, tmp_path)) as image:
            assert image.size == (3, 3)


def test_a_missing_file_raises_file_not_found_naming_it(url, tmp_path):
    missing = tmp_path / "nope.png"
    with gr.Client(url) as client:
        with pytest.raises(FileNotFoundError, match=r"nope\.png"):
            client.predict(missing, api_name="/size")
        with pytest.raises(FileNotFoundError, match=r"nope\.png"):
            client.predict({"text": "hi", "files": [missing]}, api_name="/count_files")


def test_an_upload_over_the_limit_raises_client_error_with_the_message(tmp_path):
    with gr.Blocks() as demo:
        files = gr.File(file_count="multiple")
        gr.Button().click(_names, files, gr.Textbox(), api_name="names")
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True, max_file_size="1kb")
    try:
        big = tmp_path / "big.bin"
        big.write_bytes(b"x" * 4096)
        small = tmp_path / "small.txt"
        small.write_text("ok")
        with gr.Client(demo.local_url) as client:
            with pytest.raises(ClientError, match=r"big\.bin is larger than the limit of 1\.0 KB"):
                client.predict([small, big], api_name="/names")
            assert client.predict([small], api_name="/names") == "small.txt"
    finally:
        demo.close()
