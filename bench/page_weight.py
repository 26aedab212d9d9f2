"""What opening an app's page costs in chromium: the HTTP requests it makes and the bytes they
carry (as sent, compressed or not), until the page is idle. With ``--against REV`` the same
app is also served from a checkout of REV (a temporary git worktree), so a change that should
not touch a page (a new component the page does not use) is measured against the page before.
Prints figures; asserts nothing.

    python bench/page_weight.py [--app examples/guide_basic.py] [--against HEAD~1] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from measure import free_port
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent


def serve(tree: Path, app: str) -> tuple[subprocess.Popen[bytes], str]:
    """Launch ``app`` of the checkout ``tree`` (its own blocks package first on the path)."""
    port = free_port()
    env = {
        **os.environ,
        "BLOCKS_SERVER_PORT": str(port),
        "PYTHONPATH": str(tree),
    }
    server = subprocess.Popen(
        [sys.executable, str(tree / app)],
        env=env,
        cwd=tree,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(400):
        try:
            if httpx.get(url + "/health", timeout=1).status_code == 200:
                return server, url
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    server.terminate()
    raise RuntimeError(f"{app} did not start from {tree}")


def measure(browser, url: str) -> tuple[int, int, list[str]]:
    """(requests, bytes over the network, the request paths) of one fresh page load."""
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    sizes: dict[str, int] = {}
    paths: list[str] = []

    def on_request(event: dict) -> None:
        paths.append(event["request"]["url"].removeprefix(url))

    def on_finished(event: dict) -> None:
        sizes[event["requestId"]] = int(event["encodedDataLength"])

    cdp.on("Network.requestWillBeSent", on_request)
    cdp.on("Network.loadingFinished", on_finished)
    page.goto(url, wait_until="networkidle")
    page.locator(".app").wait_for()
    page.wait_for_load_state("networkidle")
    context.close()
    return len(paths), sum(sizes.values()), paths


def checkout(rev: str, into: Path) -> Path:
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(into), rev],
        check=True,
        capture_output=True,
    )
    return into


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", default="examples/guide_basic.py")
    parser.add_argument("--against", default=None, help="a git revision to compare with")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    trees = {"this tree": ROOT}
    scratch = Path(tempfile.mkdtemp(prefix="blocks-weight-"))
    if args.against:
        trees[args.against] = checkout(args.against, scratch / "before")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            print(f"{args.app}: a fresh load, cache off, {args.runs} runs in chromium")
            for name, tree in trees.items():
                server, url = serve(tree, args.app)
                try:
                    runs = [measure(browser, url) for _ in range(args.runs)]
                finally:
                    server.terminate()
                    server.wait(5)
                counts = [run[0] for run in runs]
                weights = [run[1] for run in runs]
                print(
                    f"  {name}: {statistics.median(counts):.0f} requests, "
                    f"{statistics.median(weights) / 1024:.1f} KiB (median)"
                )
                if name == "this tree":
                    modules = sorted({p for p in runs[-1][2] if "/components/" in p})
                    print(f"    component modules: {', '.join(Path(m).name for m in modules)}")
            browser.close()
    finally:
        if args.against:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(scratch / "before")],
                check=False,
                capture_output=True,
            )


if __name__ == "__main__":
    main()
