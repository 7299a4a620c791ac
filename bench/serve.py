"""The server the HTTP benchmarks run: the application exactly as `socai serve` builds it, plus
`/plain/{name}`, a plain Starlette endpoint that answers with bytes stored under that name (PUT
them first). The baseline thus runs in the same process as what it is compared with.

    DATABASE_URL=... PORT=8123 python -m bench.serve
"""

from __future__ import annotations

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server import bootstrap
from settings import Settings


def build(settings: Settings) -> Starlette:
    app = bootstrap(settings)
    bodies: dict[str, bytes] = {}

    async def plain(request: Request) -> Response:
        name = request.path_params["name"]
        if request.method == "PUT":
            bodies[name] = await request.body()
            return Response(status_code=204)
        return Response(bodies.get(name, b"{}"), media_type="application/json")

    app.router.routes.append(Route("/plain/{name}", plain, methods=["GET", "POST", "PUT"]))
    return app


def main() -> None:
    settings = Settings.from_env()
    uvicorn.run(
        build(settings),
        host=settings.host,
        port=settings.port,
        log_level="warning",
        access_log=False,
    )


if __name__ == "__main__":
    main()
