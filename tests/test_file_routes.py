"""Upload and download over real HTTP on 127.0.0.1; only issued ids are ever served."""

from __future__ import annotations

import http.client
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx
import pytest
from starlette.applications import Starlette

from blocks.runtime.files import FileCache
from blocks.server.file_routes import file_routes
from blocks.server.serving import Server, bind_socket

ROOT = Path(__file__).resolve().parent.parent
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944"
    "4154789c63f8ffff3f0005fe02fe0def46b80000000049454e44ae426082"
)


class Served:
    def __init__(self, cache: FileCache, server: Server) -> None:
        self.cache = cache
        self.server = server
        self.url = server.url
        self.limit: int | None = 1024

    def upload(self, *files: tuple[str, bytes, str], **kwargs) -> httpx.Response:
        parts = [("files", file) for file in files]
        return httpx.post(self.url + "/upload", files=parts, **kwargs)

    def raw_get(self, target: str) -> tuple[int, bytes]:
        """GET with the request target sent byte for byte (httpx would normalise '..')."""
        host = urlsplit(self.url)
        connection = http.client.HTTPConnection(host.hostname, host.port, timeout=10)
        try:
            connection.putrequest("GET", target, skip_accept_encoding=True)
            connection.endheaders()
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    cache = FileCache(tmp_path_factory.mktemp("cache"))
    holder: list[Served] = []
    app = Starlette(routes=file_routes(lambda: cache, lambda: holder[0].limit))
    server = Server(app, bind_socket("127.0.0.1", 0))
    server.start()
    holder.append(Served(cache, server))
    yield holder[0]
    server.stop()


@pytest.fixture
def limit(served):
    yield served
    served.limit = 1024


def _partial_files(cache: FileCache) -> list[Path]:
    partial = cache.root / ".partial"
    return list(partial.iterdir()) if partial.is_dir() else []


def test_uploaded_files_come_back_as_filedata(served):
    response = served.upload(("cat.png", PNG, "image/png"), ("notes.txt", b"hi", "text/plain"))
    assert response.status_code == 200
    cat, notes = response.json()
    assert cat["orig_name"] == "cat.png" and cat["size"] == len(PNG)
    assert cat["mime_type"] == "image/png"
    assert cat["url"] == f"file/{cat['id']}/cat.png"
    assert notes["orig_name"] == "notes.txt"
    assert str(served.cache.root) not in response.text


def test_an_uploaded_image_is_served_inline_with_safe_headers(served):
    (cat,) = served.upload(("cat.png", PNG, "image/png")).json()
    response = httpx.get(f"{served.url}/{cat['url']}")
    assert response.status_code == 200 and response.content == PNG
    assert response.headers["content-type"] == "image/png"
    assert response.headers["content-disposition"] == 'inline; filename="cat.png"'
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in response.headers["content-security-policy"]


def test_other_files_are_served_as_attachments(served):
    (doc,) = served.upload(("report.pdf", b"%PDF-1.4", "application/pdf")).json()
    response = httpx.get(f"{served.url}/{doc['url']}")
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("attachment;")


@pytest.mark.parametrize(
    ("name", "served_type"),
    [
        ("page.html", "text/plain; charset=utf-8"),
        ("page.xhtml", "text/plain; charset=utf-8"),
        ("data.xml", "text/plain; charset=utf-8"),
        ("run.js", "text/plain; charset=utf-8"),
        ("drawing.svg", "image/svg+xml"),
    ],
)
def test_files_a_browser_would_run_script_in_are_never_shown_inline(served, name, served_type):
    body = b"<html><script>alert(document.cookie)</script></html>"
    (item,) = served.upload((name, body, "text/html")).json()
    response = httpx.get(f"{served.url}/{item['url']}")
    assert response.status_code == 200
    assert response.headers["content-type"] == served_type
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.headers["x-content-type-options"] == "nosniff"


def test_a_name_with_spaces_and_accents_round_trips(served):
    (item,) = served.upload(("mon résumé.pdf", b"%PDF", "application/pdf")).json()
    assert item["orig_name"] == "mon résumé.pdf"
    assert item["url"] == f"file/{item['id']}/{quote('mon résumé.pdf')}"
    response = httpx.get(f"{served.url}/{item['url']}")
    assert response.status_code == 200
    assert "filename*=utf-8''mon%20r%C3%A9sum%C3%A9.pdf" in response.headers["content-disposition"]


def test_a_too_large_upload_is_refused_with_413_and_a_clear_message(limit):
    limit.limit = 5 * 1024 * 1024
    response = limit.upload(("big.bin", b"x" * (5 * 1024 * 1024 + 1), "application/octet-stream"))
    assert response.status_code == 413
    assert response.json() == {"error": "big.bin is larger than the limit of 5.0 MB"}
    assert _partial_files(limit.cache) == []


def test_files_before_the_too_large_one_do_not_make_it_through(limit):
    before = len(limit.cache)
    response = limit.upload(("ok.txt", b"small", "text/plain"), ("big.bin", b"x" * 4096, "x/y"))
    assert response.status_code == 413
    assert "big.bin is larger than the limit of 1.0 KB" in response.json()["error"]
    assert len(limit.cache) <= before + 1  # the small one may stay, unreferenced, until cleanup


def test_with_no_limit_any_size_is_accepted(limit):
    limit.limit = None
    (item,) = limit.upload(("big.bin", b"x" * 200_000, "application/octet-stream")).json()
    assert item["size"] == 200_000


def test_an_upload_from_another_site_is_refused(served):
    response = served.upload(
        ("a.txt", b"x", "text/plain"), headers={"Origin": "https://evil.example"}
    )
    assert response.status_code == 403


def test_an_upload_from_the_page_origin_is_accepted(served):
    response = served.upload(("a.txt", b"x", "text/plain"), headers={"Origin": served.url})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (b'{"a": 1}', "application/json", "multipart/form-data"),
        (b"garbage", "multipart/form-data; boundary=xyz", "malformed multipart body"),
        (
            b'--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue\r\n--xyz--\r\n',
            "multipart/form-data; boundary=xyz",
            "holds no file",
        ),
        (
            b'--xyz\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\nval',
            "multipart/form-data; boundary=xyz",
            "malformed multipart body",
        ),
    ],
)
def test_a_malformed_upload_is_refused_with_400(served, body, content_type, message):
    before = len(served.cache)
    response = httpx.post(
        served.url + "/upload", content=body, headers={"Content-Type": content_type}
    )
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert len(served.cache) == before
    assert _partial_files(served.cache) == []


def test_an_empty_file_input_is_ignored_like_a_plain_field(served):
    body = (
        b'--xyz\r\nContent-Disposition: form-data; name="files"; filename=""\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n\r\n"
        b'--xyz\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n'
        b"\r\nhello\r\n--xyz--\r\n"
    )
    response = httpx.post(
        served.url + "/upload",
        content=body,
        headers={"Content-Type": "multipart/form-data; boundary=xyz"},
    )
    assert [item["orig_name"] for item in response.json()] == ["a.txt"]


def test_the_cache_limit_applies_when_the_app_sets_none(limit, tmp_path):
    limit.limit = None
    limit.cache.max_file_size = 10
    try:
        response = limit.upload(("big.bin", b"x" * 11, "application/octet-stream"))
    finally:
        limit.cache.max_file_size = None
    assert response.status_code == 413
    assert response.json()["error"] == "big.bin is larger than the limit of 10 B"


def test_a_file_is_served_only_under_its_own_name(served):
    (item,) = served.upload(("a.txt", b"x", "text/plain")).json()
    assert httpx.get(f"{served.url}/file/{item['id']}/b.txt").status_code == 404
    assert httpx.get(f"{served.url}/file/{item['id']}/a.txt").status_code == 200


def test_an_expired_file_is_no_longer_served(served):
    (item,) = served.upload(("old.txt", b"old", "text/plain")).json()
    served.cache.cleanup(-1)
    response = httpx.get(f"{served.url}/{item['url']}")
    assert response.status_code == 404 and response.json() == {"error": "no such file"}


def test_an_id_issued_by_another_cache_is_not_served(served, tmp_path):
    other = FileCache(tmp_path / "other").add_bytes(b"secret", "secret.txt")
    assert httpx.get(f"{served.url}/{other['url']}").status_code == 404


def _traversals(issued_id: str) -> list[str]:
    own = str(ROOT / "pyproject.toml")
    return [
        "/file/../pyproject.toml",
        "/file/../../pyproject.toml",
        f"/file/{issued_id}/../../pyproject.toml",
        f"/file/{issued_id}/../../../../../../etc/passwd",
        "/file/%2e%2e%2fpyproject.toml",
        "/file/%2e%2e/%2e%2e/pyproject.toml",
        f"/file/{issued_id}/%2e%2e%2f%2e%2e%2fpyproject.toml",
        "/file/%252e%252e%252fpyproject.toml",
        f"/file/{issued_id}/%252e%252e%252f%252e%252e%252fpyproject.toml",
        "/file//etc/passwd",
        "/file/%2Fetc%2Fpasswd/passwd",
        f"/file/{issued_id}/%2Fetc%2Fpasswd",
        f"/file{own}",
        f"/file/x{own}",
        f"/file/{quote(own, safe='')}/pyproject.toml",
        "/file/..\\..\\pyproject.toml",
        "/file/..%5C..%5Cpyproject.toml",
        f"/file/{issued_id}/..\\..\\pyproject.toml",
        "/file/pyproject.toml",
        "/file/pyproject.toml/pyproject.toml",
        "/file/README.md/README.md",
        "/file/%00/pyproject.toml",
        "/file/.partial/x",
    ]


def test_file_serving_refuses_every_path_it_did_not_issue(served):
    (item,) = served.upload(("a.txt", b"issued", "text/plain")).json()
    own_files = [(ROOT / "pyproject.toml").read_bytes(), Path("/etc/passwd").read_bytes()]
    for target in _traversals(item["id"]):
        status, body = served.raw_get(target)
        assert status in (400, 404), target
        assert not any(content[:40] in body for content in own_files), target
        assert b"issued" not in body, target
