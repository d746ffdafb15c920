"""The resource sandbox: WeasyPrint may read only what belongs to the brief and its templates.

By default WeasyPrint reads any local file and fetches any URL, so a brief or a template could
pull `/etc/passwd` into a PDF (`<link rel="attachment">`) or probe the local network. The
`SandboxFetcher` allows `file:` URLs whose real path (symlinks resolved) lies under an allowed
folder, `data:` URLs, and http(s) only when remote fetching is switched on. Everything else is
refused with a warning naming the URL and how to allow it; the render still completes.

This module imports WeasyPrint; only `pdf.engine.run_pdf_job` imports it, when it lays out a PDF.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from weasyprint.urls import URLFetcher, URLFetcherResponse

from sitrep.errors import ResourceRefused
from sitrep.writers.options import RenderOptions
from sitrep.writers.sandbox import inside, url_to_path

__all__ = ["SandboxFetcher"]


def _refusal_hint(scheme: str) -> str:
    if scheme in ("http", "https"):
        return "remote resources are off; pass --allow-remote (allow_remote=True) to fetch them"
    if scheme == "file":
        return (
            "only files under the brief's folder and the template folders are read; move the "
            "file into the brief's folder or add its folder to allowed_folders"
        )
    return f"the {scheme}: scheme is never fetched"


class SandboxFetcher(URLFetcher):  # type: ignore[misc]
    """A `weasyprint.urls.URLFetcher` that reads only under `roots`, remote only if allowed.

    `refused` and `fetched` record the URLs, for tests and diagnostics.
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
        self.refused: list[str] = []
        self.fetched: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        scheme = url.partition(":")[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = url_to_path(url)
            real = Path(os.path.realpath(path))
            if inside(real, self.roots):
                self.fetched.append(url)
                return super().fetch(url, headers)
            reason = f"{path} is outside the allowed folders"
            if real != path:
                reason = f"{path} leads to {real}, outside the allowed folders"
            return self._refuse(url, scheme, reason)
        if scheme in ("http", "https") and self.options.allow_remote:
            self.fetched.append(url)
            return super().fetch(url, headers)
        return self._refuse(url, scheme, "not allowed")

    def _refuse(self, url: str, scheme: str, reason: str) -> URLFetcherResponse:
        shown = url if len(url) <= 200 else url[:200] + "…"
        self.refused.append(url)
        self.options.warn(f"refused to read {shown}: {reason}; {_refusal_hint(scheme)}")
        raise ResourceRefused(f"refused {shown}")
