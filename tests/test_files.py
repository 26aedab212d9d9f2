"""The file cache: files enter by upload, path or bytes, and are named by issued ids only."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import orjson
import pytest

from blocks.exceptions import ValidationError
from blocks.protocol.files import is_url, safe_name, url_data
from blocks.runtime.files import (
    FileCache,
    FileTooLarge,
    PathNotAllowed,
    clean_periodically,
    current_cache,
    use_cache,
)

ROOT = Path(__file__).resolve().parent.parent


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def cache(tmp_path: Path, clock: Clock) -> FileCache:
    return FileCache(tmp_path / "cache", clock=clock)


async def _chunks(*parts: bytes):
    for part in parts:
        yield part


def _files_on_disk(cache: FileCache) -> list[Path]:
    return [p for p in cache.root.rglob("*") if p.is_file()]


def test_adding_a_path_copies_it_and_answers_filedata_with_a_relative_url(cache, tmp_path):
    source = tmp_path / "report.pdf"
    source.write_bytes(b"%PDF-1.4 hello")
    data = cache.add_path(source)
    assert set(data) == {"id", "url", "orig_name", "size", "mime_type"}
    assert data["url"] == f"file/{data['id']}/report.pdf"
    assert data["orig_name"] == "report.pdf"
    assert data["size"] == 14
    assert data["mime_type"] == "application/pdf"
    stored = cache.path_of(data["id"])
    assert stored != source and stored.read_bytes() == source.read_bytes()
    assert stored.is_relative_to(cache.root)


def test_filedata_never_carries_a_server_path(cache, tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("x")
    wire = orjson.dumps(cache.add_path(source)).decode()
    assert str(tmp_path) not in wire and str(cache.root) not in wire


def test_the_same_content_and_name_is_stored_once_under_one_id(cache, tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    (first / "cat.png").write_bytes(b"same bytes")
    (second / "cat.png").write_bytes(b"same bytes")
    a = cache.add_path(first / "cat.png")
    b = cache.add_path(second / "cat.png")
    c = cache.add_bytes(b"same bytes", "cat.png")
    assert a["id"] == b["id"] == c["id"]
    assert len(_files_on_disk(cache)) == 1


def test_the_same_content_under_another_name_keeps_that_name(cache):
    a = cache.add_bytes(b"data", "a.txt")
    b = cache.add_bytes(b"data", "b.txt")
    assert a["id"] != b["id"]
    assert cache.path_of(b["id"]).name == "b.txt"


def test_adding_a_file_of_the_cache_again_answers_its_own_entry(cache):
    data = cache.add_bytes(b"data", "a.txt")
    assert cache.add_path(cache.path_of(data["id"]))["id"] == data["id"]


def test_bytes_with_a_mime_type_get_a_matching_extension(cache):
    data = cache.add_bytes(b"\x89PNG", "image", mime_type="image/png")
    assert data["orig_name"] == "image.png" and data["mime_type"] == "image/png"


def test_names_are_made_safe_for_any_file_system():
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\me\\cv.pdf") == "cv.pdf"
    assert safe_name("..") == "file"
    assert safe_name(".env") == "env"
    assert safe_name("a<b>|c.txt") == "a_b__c.txt"
    assert safe_name("con.txt") == "_con.txt"
    long = safe_name("x" * 300 + ".png")
    assert len(long.encode()) == 200 and long.endswith(".png")


def test_resolve_takes_filedata_or_an_id_string(cache):
    data = cache.add_bytes(b"data", "a.txt")
    assert cache.resolve(data) == str(cache.path_of(data["id"]))
    assert cache.resolve(data["id"]) == cache.resolve(data)


@pytest.mark.parametrize(
    "payload",
    [
        "/etc/passwd",
        "../pyproject.toml",
        str(ROOT / "pyproject.toml"),
        "C:\\Windows\\win.ini",
        {"path": "/etc/passwd"},
        {"path": str(ROOT / "pyproject.toml"), "orig_name": "pyproject.toml"},
        {"url": "https://example.com/cat.png"},
        {"id": "../../etc/passwd"},
    ],
)
def test_paths_from_a_client_are_refused(cache, payload):
    with pytest.raises(ValidationError, match=r"must be uploaded first \(POST /upload\)"):
        cache.resolve(payload)


@pytest.mark.parametrize("payload", [{"id": "nosuchid"}, "nosuchid", {"id": "x" * 5000}])
def test_unknown_ids_are_refused(cache, payload):
    with pytest.raises(ValidationError, match=r"unknown file id|must be uploaded first"):
        cache.resolve(payload)


@pytest.mark.parametrize("payload", [42, None, ["a"], {"name": "a.txt"}, {"id": 3}])
def test_payloads_that_are_not_files_are_refused(cache, payload):
    with pytest.raises(ValidationError):
        cache.resolve(payload)


def test_an_id_issued_by_another_cache_is_unknown_here(cache, tmp_path):
    other = FileCache(tmp_path / "other")
    data = other.add_bytes(b"secret", "secret.txt")
    assert data["id"] not in cache
    with pytest.raises(ValidationError, match="unknown file id"):
        cache.path_of(data["id"])


def test_a_file_deleted_from_disk_is_no_longer_served(cache):
    data = cache.add_bytes(b"data", "a.txt")
    cache.path_of(data["id"]).unlink()
    with pytest.raises(ValidationError):
        cache.resolve(data)


async def test_an_upload_is_streamed_to_the_cache(cache):
    data = await cache.save_upload(_chunks(b"hel", b"lo"), "hi.txt", "text/plain")
    assert cache.path_of(data["id"]).read_bytes() == b"hello"
    assert data["size"] == 5 and data["orig_name"] == "hi.txt"


async def test_an_upload_over_the_limit_is_refused_and_leaves_nothing(tmp_path):
    cache = FileCache(tmp_path / "cache", max_file_size=5 * 1024 * 1024)
    chunk = b"x" * (1024 * 1024)
    with pytest.raises(FileTooLarge, match=r"^big\.bin is larger than the limit of 5\.0 MB$"):
        await cache.save_upload(_chunks(*[chunk] * 5, b"!"), "big.bin")
    assert _files_on_disk(cache) == [] and len(cache) == 0


async def test_an_upload_of_exactly_the_limit_is_accepted(tmp_path):
    cache = FileCache(tmp_path / "cache", max_file_size=10)
    data = await cache.save_upload(_chunks(b"x" * 10), "ok.bin")
    assert data["size"] == 10


async def test_a_client_type_is_kept_only_when_the_name_says_nothing(cache):
    named = await cache.save_upload(_chunks(b"x"), "a.png", "text/html")
    bare = await cache.save_upload(_chunks(b"y"), "blob", "image/jpeg")
    odd = await cache.save_upload(_chunks(b"z"), "blob2", "text/html; <script>")
    assert named["mime_type"] == "image/png"
    assert bare["mime_type"] == "image/jpeg"
    assert odd["mime_type"] == "text/html"


async def test_each_upload_gets_an_id_of_its_own_even_for_identical_content(cache, clock):
    # Otherwise an attacker uploading a guessed file would learn (from the id) that someone
    # else had uploaded it.
    first = await cache.save_upload(_chunks(b"quarterly report"), "report.pdf")
    second = await cache.save_upload(_chunks(b"quarterly report"), "report.pdf")
    assert first["id"] != second["id"]
    assert cache.path_of(first["id"]) == cache.path_of(second["id"])  # stored once
    # The older id expiring leaves the file to the younger one.
    clock.now += 100
    third = await cache.save_upload(_chunks(b"quarterly report"), "report.pdf")
    assert cache.cleanup(50) == 2
    assert first["id"] not in cache and second["id"] not in cache
    assert cache.path_of(third["id"]).read_bytes() == b"quarterly report"
    produced = cache.add_bytes(b"quarterly report", "report.pdf")  # the app's: may share
    assert produced["id"] == third["id"]
    clock.now += 100
    assert cache.cleanup(50) == 1
    assert _files_on_disk(cache) == []


def test_cleanup_deletes_entries_older_than_the_age(cache, clock):
    old = cache.add_bytes(b"old", "old.txt")
    old_path = cache.path_of(old["id"])
    clock.now += 100
    new = cache.add_bytes(b"new", "new.txt")
    assert cache.cleanup(50) == 1
    assert not old_path.exists() and not old_path.parent.exists()
    assert old["id"] not in cache
    assert cache.path_of(new["id"]).read_bytes() == b"new"


def test_adding_the_same_file_again_keeps_it_fresh(cache, clock):
    data = cache.add_bytes(b"data", "a.txt")
    clock.now += 100
    cache.add_bytes(b"data", "a.txt")
    assert cache.cleanup(50) == 0
    assert data["id"] in cache


async def test_cleaning_periodically_runs_cleanup_until_cancelled(cache, clock):
    data = cache.add_bytes(b"data", "a.txt")
    clock.now += 100
    task = asyncio.create_task(clean_periodically(cache, 0.001, 50))
    for _ in range(200):
        await asyncio.sleep(0.005)
        if data["id"] not in cache:
            break
    task.cancel()
    assert data["id"] not in cache


def test_a_listener_may_not_serve_hidden_files_of_the_app_folder(cache, tmp_path, monkeypatch):
    app = tmp_path / "app"
    app.mkdir()
    (app / ".env").write_text("SECRET=1")
    (app / "ok.txt").write_text("fine")
    monkeypatch.chdir(app)
    # Outside the temp folder, as an app folder usually is.
    monkeypatch.setattr("tempfile.gettempdir", lambda: str(tmp_path / "elsewhere"))
    assert cache.add_path("ok.txt")["orig_name"] == "ok.txt"
    with pytest.raises(PathNotAllowed, match="hidden files"):
        cache.add_path(".env")


def test_a_listener_may_not_serve_files_outside_the_allowed_folders(cache):
    with pytest.raises(PathNotAllowed, match="allowed_paths"):
        cache.add_path("/etc/passwd")


def test_allowed_and_blocked_paths_widen_and_narrow_what_may_be_served(tmp_path):
    blocked = tmp_path / "private"
    blocked.mkdir()
    (blocked / "key.pem").write_text("k")
    cache = FileCache(tmp_path / "cache", allowed_paths=["/etc"], blocked_paths=[blocked])
    assert cache.add_path("/etc/passwd")["orig_name"] == "passwd"
    with pytest.raises(PathNotAllowed, match="blocked_paths"):
        cache.add_path(blocked / "key.pem")


def test_a_symlink_is_judged_by_where_it_points(cache, tmp_path, monkeypatch):
    link = tmp_path / "innocent.txt"
    link.symlink_to("/etc/passwd")
    with pytest.raises(PathNotAllowed):
        cache.add_path(link)


def test_a_missing_file_is_reported_clearly(cache, tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        cache.add_path(tmp_path / "missing.png")


def test_urls_are_http_or_https_only():
    assert is_url("https://example.com/a.png")
    assert is_url("http://example.com")
    for value in ("file:///etc/passwd", "ftp://x/y", "javascript:alert(1)", "https://", "/a", 3):
        assert not is_url(value)
    assert url_data("https://example.com/img/cat.png") == {
        "id": None,
        "url": "https://example.com/img/cat.png",
        "orig_name": "cat.png",
        "size": None,
        "mime_type": "image/png",
    }


def test_the_current_cache_is_the_one_in_use_else_a_process_default(cache):
    default = current_cache()
    assert default is not cache and default.root.is_dir()
    with use_cache(cache):
        assert current_cache() is cache
    assert current_cache() is default


async def test_the_current_cache_reaches_tasks_and_worker_threads(cache):
    async def in_a_task() -> FileCache:
        return current_cache()

    with use_cache(cache):
        in_thread = await asyncio.to_thread(current_cache)
        in_task = await asyncio.create_task(in_a_task())
    assert in_thread is cache and in_task is cache


def test_a_temporary_cache_removes_its_folder_when_closed(monkeypatch, tmp_path):
    monkeypatch.setenv("BLOCKS_TEMP_DIR", str(tmp_path / "blocks-tmp"))
    cache = FileCache.temporary(max_file_size=10)
    assert cache.root.parent == (tmp_path / "blocks-tmp").resolve()
    data = cache.add_bytes(b"x", "a.txt")
    cache.close()
    assert not cache.root.exists() and data["id"] not in cache


def test_ids_are_opaque_and_unguessable(cache):
    ids = {cache.add_bytes(str(i).encode(), "a.txt")["id"] for i in range(50)}
    assert len(ids) == 50
    assert all(len(i) >= 20 and os.sep not in i and "." not in i for i in ids)
