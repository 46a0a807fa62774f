"""The web workbench: a built single-page UI shipped as package data, served by the API's app.

``mount(app)`` adds the static bundle under ``/static`` and answers the UI's
client-side routes (``/entity/<id>``, ``/search``, ``/network/<id>``, ...) with
its ``index.html``, so every page has a stable URL. The front-end sources are
in ``web/frontend`` (TypeScript, bundled with esbuild); ``static/`` holds the
committed build, so installing tracegraph needs no Node.js.
"""

from __future__ import annotations

from tracegraph.web.mount import ROUTES, mount, static_dir

__all__ = ["ROUTES", "mount", "static_dir"]
