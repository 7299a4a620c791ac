"""A webhook receiver for the tests, run as its own process so that a test can kill it.

Every request is appended to a log file (one JSON line, written before answering) and
answered as a control file says: {"status": 200, "retry_after": null, "delay": 0,
"hang": false, "script": [{"status": 429, "retry_after": "30"}, …]}. Script entries are used
up one per request, before the defaults apply; `hang` records the request and never answers.

    python tests/support/receiver.py PORT LOG CONTROL
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


def _instruction(control: Path) -> dict[str, Any]:
    if not control.exists():
        return {}
    settings: dict[str, Any] = json.loads(control.read_text() or "{}")
    script: list[dict[str, Any]] = settings.get("script", [])
    if script:
        step = script.pop(0)
        control.write_text(json.dumps({**settings, "script": script}))
        return {**settings, **step}
    return settings


def app(log: Path, control: Path) -> Starlette:
    async def hook(request: Request) -> Response:
        body = await request.body()
        # No await between reading the control file and writing it back: one at a time.
        step = _instruction(control)
        record = {
            "received_at": time.time(),
            "path": request.url.path,
            "headers": dict(request.headers),
            "body": body.decode(),
            "status": None if step.get("hang") else step.get("status", 200),
        }
        with log.open("a", encoding="utf-8") as out:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
        if step.get("hang"):
            await asyncio.sleep(3600)
        if step.get("delay"):
            await asyncio.sleep(float(step["delay"]))
        headers = {"retry-after": str(step["retry_after"])} if step.get("retry_after") else {}
        return Response(status_code=int(step.get("status", 200)), headers=headers)

    return Starlette(routes=[Route("/{path:path}", hook, methods=["POST"])])


if __name__ == "__main__":
    port, log_path, control_path = int(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    uvicorn.run(app(log_path, control_path), host="127.0.0.1", port=port, log_level="warning")
