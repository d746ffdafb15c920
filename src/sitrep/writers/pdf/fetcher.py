"""The resource sandbox: WeasyPrint may read only what belongs to the brief and its templates.

By default WeasyPrint reads any local file and fetches any URL, so a brief or a template could
pull `/etc/passwd` into a PDF (`<link rel="attachment">`) or probe the local network. The
`SandboxFetcher` hands WeasyPrint bytes it read itself: a `file:` URL goes to
`sitrep.files.paths.read_inside`, which decodes it once, checks the real path lies under an
allowed folder and opens that path without following links (regular files only, size-capped).
`data:` URLs are allowed, http(s) only when remote fetching is switched on, and then all remote
fetches of one render share one deadline, so a server that trickles bytes cannot hold a render.
Everything else is refused with a warning naming the URL and how to allow it.

This module imports WeasyPrint; only `pdf.engine.run_pdf_job` imports it, when it lays out a PDF.
"""

from __future__ import annotations

import mimetypes
import time
from pathlib import Path
from typing import Any

from weasyprint.urls import URLFetcher, URLFetcherResponse

from sitrep.errors import ResourceRefused
from sitrep.files.paths import MAX_BYTES, read_inside, url_path
from sitrep.writers.figure_bytes import is_raster_image, without_metadata
from sitrep.writers.options import RenderOptions

__all__ = ["SandboxFetcher"]


def _refusal_hint(scheme: str) -> str:
    if scheme in ("http", "https"):
        return "remote resources are off; pass --allow-remote (allow_remote=True) to fetch them"
    if scheme == "file":
        return (
            "only files under the brief's folder and the template folders are read; move the "
            "file into the brief's folder or add its folder to allowed_folders"
        )
    if scheme == "deadline":
        return "allow more seconds (remote_timeout=...) or save the file in the brief's folder"
    return f"the {scheme}: scheme is never fetched"


def _socket_of(body: Any) -> Any:
    """The socket under an http.client response, to shorten its timeout (None if hidden)."""
    raw = getattr(getattr(body, "fp", None), "raw", None)
    return getattr(raw, "_sock", None)


def _without_image_metadata(response: URLFetcherResponse) -> URLFetcherResponse:
    """An image read without its metadata (EXIF, XMP, comments...): WeasyPrint copies a JPEG's
    bytes into the PDF as they are. Every image goes through here: a figure, an image an SVG
    figure draws (a file or a data: URL), a template's logo."""
    data = response.read()
    response.close()
    # WeasyPrint takes whatever Pillow decodes for an image, whatever its name ("map", "x.bin")
    if response.headers.get_content_type().startswith("image/") or is_raster_image(data):
        return _ReadImage(response.url, without_metadata(data), response.headers, response.status)
    return URLFetcherResponse(response.url, data, response.headers, response.status)


class _ReadImage(URLFetcherResponse):  # type: ignore[misc]
    """An image's bytes as the fetcher read and cleaned them. Without a `path`: WeasyPrint
    re-reads a `file:` image from its path when it writes the PDF, which would put the file's
    original bytes (and their metadata) in, read outside the sandbox."""

    @property
    def path(self) -> None:
        return None


class SandboxFetcher(URLFetcher):  # type: ignore[misc]
    """A `weasyprint.urls.URLFetcher` that reads only under `roots`, remote only if allowed.

    `refused` and `fetched` record the URLs, for tests and diagnostics; `failures` says why
    each URL that could not be read failed, so a figure the brief lists can stop the render.
    """

    def __init__(self, roots: tuple[Path, ...], options: RenderOptions) -> None:
        protocols = ["file", "data"] + (["http", "https"] if options.allow_remote else [])
        super().__init__(
            timeout=options.remote_timeout,
            allowed_protocols=protocols,
            allow_redirects=options.allow_remote,
        )
        self.roots = roots
        self.options = options
        self.deadline = time.monotonic() + options.remote_timeout
        self.refused: list[str] = []
        self.fetched: list[str] = []
        self.failures: dict[str, str] = {}

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        try:
            return _without_image_metadata(self._fetch(url, headers))
        except Exception as error:  # WeasyPrint drops what fails; the caller may not
            self.failures.setdefault(url, str(error) or type(error).__name__)
            raise

    def _fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        scheme = url.partition(":")[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            return self._local(url)
        if scheme in ("http", "https") and self.options.allow_remote:
            return self._remote(url, headers)
        return self._refuse(url, scheme, "not allowed")

    def _local(self, url: str) -> URLFetcherResponse:
        try:
            path = url_path(url)
            real, data = read_inside(path, self.roots)
        except ResourceRefused as refused:
            return self._refuse(url, "file", str(refused))
        except OSError as error:
            return self._refuse(url, "file", f"cannot be read ({error.strerror})")
        self.fetched.append(url)
        kind = mimetypes.guess_type(real.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, data, {"Content-Type": kind})

    def _remote(self, url: str, headers: Any) -> URLFetcherResponse:
        """Fetch within what is left of the render's deadline, reading as bytes arrive."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            return self._refuse(url, "deadline", self._late())
        self._timeout = left
        self.fetched.append(url)
        response = super().fetch(url, headers)
        body = response._file_obj
        read = getattr(body, "read1", body.read)
        chunks: list[bytes] = []
        total = 0
        try:
            while True:
                left = self.deadline - time.monotonic()
                if left <= 0:
                    return self._refuse(url, "deadline", self._late())
                sock = _socket_of(body)
                if sock is not None:
                    sock.settimeout(left)
                chunk = read(65536)
                if not chunk:
                    break
                total += len(chunk)
                if total > MAX_BYTES:
                    return self._refuse(url, "http", f"larger than {MAX_BYTES:,} bytes")
                chunks.append(chunk)
        except TimeoutError:
            return self._refuse(url, "deadline", self._late())
        finally:
            response.close()
        return URLFetcherResponse(response.url, b"".join(chunks), response.headers, response.status)

    def _late(self) -> str:
        return (
            f"remote fetches ran past the {self.options.remote_timeout:g} s allowed for the "
            "whole render (remote_timeout)"
        )

    def _refuse(self, url: str, scheme: str, reason: str) -> URLFetcherResponse:
        shown = url if len(url) <= 200 else url[:200] + "…"
        self.refused.append(url)
        self.failures[url] = f"{reason}; {_refusal_hint(scheme)}"
        self.options.warn(f"refused to read {shown}: {reason}; {_refusal_hint(scheme)}")
        raise ResourceRefused(f"refused {shown}")
