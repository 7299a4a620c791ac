"""The web portal: static files (ES modules, HTML, CSS) served at /portal, using only /graphql."""

from __future__ import annotations

from pathlib import Path

STATIC_DIR = Path(__file__).parent / "static"
