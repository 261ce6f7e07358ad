#!/usr/bin/env python3
"""The page of `vnsearch serve` in a real browser: headless Chromium (Debian's
package), driven through its DevTools protocol with the standard library only.

Indexes corpus/ plus an article titled <script>alert(1)</script> and an exact
copy of another, starts `vnsearch serve` on a free port, and then, as a person
would: types an unaccented query and presses Enter, reads the reading notice
and the marked passages, follows a facet, reloads the URL (the state is in
it), pages, opens an article (its first match scrolled into view), its copies
and "more like this" (once the core has it, #16), and checks that the hostile
title shows as text and no dialog ever opens.

    browser_test.py [--screenshots DIR]   (DIR: search and article pages, desktop and phone)

Exit status: 0 passed, 1 failed, 77 skipped (no Chromium: says so on stderr).
Binaries come from $VNSEARCH_BUILD_DIR (default: build/).
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BUILD_DIR = Path(os.environ.get("VNSEARCH_BUILD_DIR", REPO / "build"))
SKIP = 77
HOSTILE_ARTICLE = (
    "# title = <script>alert(1)</script>\n"
    "# url = javascript:alert(2)\n"
    "# date = 20210304\n"
    "# source = \"><img src=x onerror=alert(3)>\n"
    "Bài xyzzyhostile có <script>alert(4)</script> và <img src=x onerror=alert(5)> trong thân.\n"
)
# Reading notice, as the page words it.
READING_NOTICE = "Đang hiện kết quả cho"
# Waiting for a page is bounded so that a broken page fails instead of hanging;
# nothing is measured.
PAGE_WAIT_SECONDS = 20


class Failure(Exception):
    pass


def check(condition: bool, what: str) -> None:
    if not condition:
        raise Failure(what)
    print(f"ok: {what}")


class WebSocket:
    """The client side of RFC 6455, enough for the DevTools protocol."""

    def __init__(self, url: str) -> None:
        match = re.match(r"ws://([^/:]+):(\d+)(/.*)", url)
        if not match:
            raise Failure(f"not a DevTools address: {url}")
        host, port, path = match.group(1), int(match.group(2)), match.group(3)
        self.sock = socket.create_connection((host, port), timeout=PAGE_WAIT_SECONDS)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
             f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
             "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        response = b""
        while b"\r\n\r\n" not in response:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise Failure("DevTools closed the connection")
            response += chunk
        head, self.buffer = response.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise Failure(f"DevTools refused the WebSocket: {head[:200]!r}")

    def _read(self, n: int) -> bytes:
        while len(self.buffer) < n:
            chunk = self.sock.recv(1 << 16)
            if not chunk:
                raise Failure("DevTools closed the connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def send(self, text: str) -> None:
        payload = text.encode()
        header = bytes([0x81])  # FIN, text
        if len(payload) < 126:
            header += bytes([0x80 | len(payload)])
        elif len(payload) < 1 << 16:
            header += bytes([0x80 | 126]) + struct.pack(">H", len(payload))
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", len(payload))
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def receive(self) -> str:
        message = b""
        while True:
            first, second = self._read(2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._read(8))[0]
            mask = self._read(4) if second & 0x80 else None
            payload = self._read(length)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            opcode = first & 0x0F
            if opcode == 0x8:
                raise Failure("DevTools closed the WebSocket")
            if opcode in (0x9, 0xA):  # ping, pong
                continue
            message += payload
            if first & 0x80:
                return message.decode()


class Browser:
    """One Chromium page, driven through the DevTools protocol."""

    def __init__(self, chromium: str, profile: Path) -> None:
        self.process = subprocess.Popen(
            [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--no-default-browser-check", "--disable-extensions", "--disable-sync",
             "--remote-debugging-port=0", f"--user-data-dir={profile}",
             "--window-size=1280,900", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        port = None
        for line in self.process.stderr:
            match = re.search(r"DevTools listening on ws://[^:]+:(\d+)/", line)
            if match:
                port = int(match.group(1))
                break
        if port is None:
            raise Failure("Chromium did not start its DevTools server")
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page = next(t for t in targets if t["type"] == "page")
        self.ws = WebSocket(page["webSocketDebuggerUrl"])
        self.next_id = 0
        self.dialogs: list[str] = []
        self.command("Page.enable")
        self.command("Runtime.enable")

    def close(self) -> None:
        self.process.kill()
        self.process.wait()

    def command(self, method: str, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.receive())
            if message.get("method") == "Page.javascriptDialogOpening":
                self.dialogs.append(message["params"].get("message", ""))
                # Dismissed, so that the page goes on; the test fails on it below.
                self.ws.send(json.dumps({"id": 0, "method": "Page.handleJavaScriptDialog",
                                         "params": {"accept": False}}))
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise Failure(f"{method}: {message['error']}")
                return message.get("result", {})

    def js(self, expression: str):
        """The value of `expression` in the page (retried while a page loads)."""
        deadline = time.monotonic() + PAGE_WAIT_SECONDS
        while True:
            result = self.command("Runtime.evaluate", expression=expression, returnByValue=True)
            if "exceptionDetails" not in result:
                return result["result"].get("value")
            if time.monotonic() > deadline:
                raise Failure(f"{expression}: {result['exceptionDetails']}")
            time.sleep(0.05)

    def wait_for_page(self, previous_href: str | None) -> str:
        """Waits until a page other than `previous_href` has loaded; its URL."""
        deadline = time.monotonic() + PAGE_WAIT_SECONDS
        while time.monotonic() < deadline:
            try:
                href, state = self.js("[location.href, document.readyState]")
            except Failure:
                href, state = None, None
            if href and href != previous_href and state == "complete":
                return href
            time.sleep(0.05)
        raise Failure(f"no new page after {previous_href}")

    def go(self, url: str) -> str:
        before = self.js("location.href")
        self.command("Page.navigate", url=url)
        return self.wait_for_page(before if before != url else None)

    def click(self, selector: str) -> str:
        before = self.js("location.href")
        found = self.js(f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
                        " if (!e) return false; e.click(); return true; })()")
        if not found:
            raise Failure(f"nothing to click at {selector}")
        return self.wait_for_page(before)

    def text(self, selector: str) -> str:
        return self.js(f"(document.querySelector({json.dumps(selector)}) || {{}}).textContent"
                       " || ''")

    def count(self, selector: str) -> int:
        return self.js(f"document.querySelectorAll({json.dumps(selector)}).length")

    def screenshot(self, path: Path, width: int, height: int, mobile: bool) -> None:
        self.command("Emulation.setDeviceMetricsOverride", width=width, height=height,
                     deviceScaleFactor=1, mobile=mobile)
        self.go(self.js("location.href"))  # laid out again at this width
        data = self.command("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        self.command("Emulation.clearDeviceMetricsOverride")
        print(f"screenshot: {path}")


def start_server(index: Path) -> tuple[subprocess.Popen, str]:
    server = subprocess.Popen(
        [str(BUILD_DIR / "vnsearch"), "serve", "-d", str(index), "--listen", "127.0.0.1:0"],
        stderr=subprocess.PIPE, text=True)
    for line in server.stderr:
        match = re.search(r"serving on (http://\S+/)", line)
        if match:
            return server, match.group(1)
    raise Failure("vnsearch serve did not start")


def run(chromium: str, screenshots: Path | None) -> None:
    with tempfile.TemporaryDirectory(prefix="vnsearch-browser-") as tmp:
        tmp_path = Path(tmp)
        corpus = tmp_path / "corpus"
        shutil.copytree(REPO / "corpus", corpus)
        (corpus / "thoi-su" / "hostile.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
        shutil.copy(corpus / "suc-khoe" / "da-nang-phong-toa-khu-dan-cu-ca-covid-moi.html",
                    corpus / "thoi-su" / "da-nang-phong-toa-ban-sao.html")
        index = tmp_path / "index"
        indexed = subprocess.run([str(BUILD_DIR / "vnindex"), "-q", str(corpus), "-d", str(index)],
                                 capture_output=True, text=True)
        if indexed.returncode > 1:
            raise Failure(f"vnindex failed: {indexed.stderr}")
        server, base = start_server(index)
        browser = Browser(chromium, tmp_path / "profile")
        try:
            drive(browser, base, screenshots)
        finally:
            browser.close()
            server.terminate()
            server.wait()


def drive(b: Browser, base: str, screenshots: Path | None) -> None:
    b.go(base)
    check(b.js("document.documentElement.lang") == "vi", "the page is in Vietnamese (lang=vi)")
    check(b.js("document.activeElement && document.activeElement.id") == "q",
          "the search box has the focus")

    # Typed, as a person types, and Enter.
    b.js("document.querySelector('#q').focus()")
    b.command("Input.insertText", text="da nang")
    before = b.js("location.href")
    for kind in ("keyDown", "keyUp"):
        b.command("Input.dispatchKeyEvent", type=kind, key="Enter", code="Enter",
                  windowsVirtualKeyCode=13, text="\r" if kind == "keyDown" else "")
    url = b.wait_for_page(before)
    check("/search?q=da+nang" in url, f"Enter searched, state in the URL: {url}")
    check(READING_NOTICE in b.text(".notices") and "đà nẵng" in b.text(".notices"),
          "the reading notice says đà nẵng")
    check(b.count(".hit .passage mark") > 0, "passages have marked words")
    check(b.count(".hit") == 10, "a page of 10 hits")
    if screenshots:
        screenshots.mkdir(parents=True, exist_ok=True)
        b.screenshot(screenshots / "serve-search-desktop.png", 1280, 900, False)
        b.screenshot(screenshots / "serve-search-phone.png", 390, 844, True)

    # Paging, then back to the first page by the link.
    url = b.click("a[rel=next]")
    check("page=2" in url, "the next page link")
    check(b.js("document.querySelector('ol.hits').start") == 11, "page 2 starts at hit 11")
    url = b.click("a[rel=prev]")
    check("page=" not in url, "the previous page link")

    # A facet, and its state in the URL: a reload shows the same page.
    facet = b.text(".facets section:first-child li:first-child a")
    url = b.click(".facets section:first-child li:first-child a")
    check("source=" in url, f"the facet {facet} filters: {url}")
    check(facet in b.text(".filters"), "the filter shows, with a link to drop it")
    titles = b.js("[...document.querySelectorAll('.hit h2 a')].map(a => a.textContent)")
    check(len(titles) > 0, "the filtered page has hits")
    b.go(url)
    check(b.js("[...document.querySelectorAll('.hit h2 a')].map(a => a.textContent)") == titles,
          "reloading the URL shows the same results")

    # The article view: whole text, first match scrolled into view.
    b.go(base + "search?q=da+nang")
    title = b.text(".hit h2 a")
    url = b.click(".hit h2 a")
    check("/article?" in url and url.endswith("#m1"), f"the title opens the article: {url}")
    check(b.text("h1") == title, "the article's title")
    check(b.count(".body mark") > 0, "the article's text has marked words")
    check(b.js("(() => { const r = document.getElementById('m1').getBoundingClientRect();"
               " return r.top >= 0 && r.bottom <= innerHeight; })()"),
          "the first match is scrolled into view")
    check("Nguồn" in b.text(".facts"), "the article's metadata")
    if screenshots:
        b.screenshot(screenshots / "serve-article-desktop.png", 1280, 900, False)
        b.screenshot(screenshots / "serve-article-phone.png", 390, 844, True)

    # Copies (exact here), listed and followed.
    b.go(base + "search?q=phong+toa")
    check("bản sao" in b.text(".hit .copies"), "a hit with a copy says so")
    b.click(".hit h2 a")
    check(b.count("#near-copies li") == 1, "the article view lists its copy")
    url = b.click("#near-copies li a")
    check("/article?" in url, "the copy opens")

    # More like this: the core of `vnsearch --like`.
    check(b.count("#more-like-this li") > 0, "the article view lists related articles")
    url = b.click("#more-like-this li a")
    check("/article?" in url, "a \"more like this\" article opens")

    # The hostile article: its title is text, nothing runs.
    b.go(base + "search?q=xyzzyhostile")
    check(b.text(".hit h2 a") == "<script>alert(1)</script>", "the <script> title shows as text")
    check(b.count("script") == 0 and b.count("img") == 0, "no script or img element on the page")
    b.click(".hit h2 a")
    check(b.text("h1") == "<script>alert(1)</script>", "the article's <script> title as text")
    check(b.count("script, img, iframe") == 0, "the article page has no script, img or iframe")
    check(b.count(".facts a[href^=javascript]") == 0, "a javascript: URL is no link")
    check(b.dialogs == [], f"no dialog opened ({b.dialogs})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--screenshots", type=Path, help="save screenshots in this folder")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("browser_test: SKIPPED: Chromium is not installed (Debian: apt-get install "
              "chromium; scripts/install-deps.sh installs it)", file=sys.stderr)
        return SKIP
    try:
        run(chromium, args.screenshots)
    except Failure as e:
        print(f"browser_test: FAILED: {e}", file=sys.stderr)
        return 1
    print("browser_test: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
