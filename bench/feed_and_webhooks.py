"""Benchmark: the pull feed and webhook delivery, each against a baseline run in the same process.

    python bench/feed_and_webhooks.py [EVENTS]     (DATABASE_URL picks the store; default a
                                                     fresh SQLite file in a temporary folder)

- feed: paging through every event as CloudEvents (`read_feed` + `to_cloudevent` + JSON),
  against paging the history view with its own query (`list_history`), 100 per page.
- webhooks: `Deliverer.run_once` until one subscriber has every event (one signed POST and one
  transaction per event), against POSTing the same bodies with a bare httpx client, to the
  same local receiver.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from domain.application import Ledger
from domain.authority import Actor, Role
from domain.ledger import Request as Command
from projections.cloudevents import to_cloudevent
from projections.delivery import Deliverer, DeliveryConfig
from projections.feed import read_feed
from projections.history import list_history
from projections.storage import Database, dumps

OFFICE = Actor("office-bench", Role.OFFICE)
ADMIN = Actor("admin-bench", Role.ADMIN)


def command(actor: Actor) -> Command:
    return Command(actor, uuid.uuid4().hex, correlation_id="bench")


def receiver() -> tuple[str, uvicorn.Server]:
    async def hook(request: Request) -> Response:
        await request.body()
        return Response(status_code=204)

    app = Starlette(routes=[Route("/hook", hook, methods=["POST"])])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    return f"http://127.0.0.1:{port}/hook", server


def timed(label: str, count: int, work: object) -> float:
    assert callable(work)
    started = time.perf_counter()
    work()
    took = time.perf_counter() - started
    print(f"  {label:<44} {count / took:>9.0f} events/s  ({took:.2f} s)")
    return took


def main() -> None:
    events = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    folder = tempfile.mkdtemp()
    url = os.environ.get("DATABASE_URL", f"sqlite:///{folder}/bench.db")
    ledger = Ledger(Database.from_url(url))
    print(f"{events} events on {ledger.database.backend}")
    for n in range(events):
        ledger.register_unit(
            command(OFFICE), code=f"thon-{n}", kind="village", name=f"Thôn {n}", parent_id=None
        )

    def history_pages() -> None:
        after = 0
        with ledger.reading() as sql:
            while True:
                page = list_history(sql, after_position=after, first=100)
                if not page.rows:
                    return
                after = page.rows[-1]["position"]

    table = ledger.store.events_table_name

    def feed_pages() -> None:
        after = 0
        with ledger.reading() as sql:
            while True:
                page = read_feed(sql, after=after, limit=100, events_table=table, checkpoint=True)
                dumps([to_cloudevent(r, Role.PUBLIC) for r in page.rows])
                after = page.next_after
                if not page.has_more:
                    return

    print("feed (100 per page)")
    base = timed("baseline: the history view's own query", events, history_pages)
    feed = timed("the feed as CloudEvents JSON", events, feed_pages)
    print(f"  ratio {feed / base:.2f}× the baseline's time")

    hook_url, server = receiver()
    with ledger.reading() as sql:
        bodies = [
            dumps(to_cloudevent(r, Role.PUBLIC)).encode()
            for r in read_feed(sql, after=0, limit=events, events_table=table).rows
        ]

    def bare_posts() -> None:
        with httpx.Client() as client:
            for body in bodies:
                client.post(hook_url, content=body).raise_for_status()

    ledger.register_webhook(command(ADMIN), url=hook_url, start_after=0)
    deliverer = Deliverer(ledger, DeliveryConfig(batch=events))

    def deliveries() -> None:
        while deliverer.run_once():
            pass

    print("webhooks (one subscriber, one POST per event)")
    base = timed("baseline: bare httpx POSTs of the same bodies", events, bare_posts)
    delivered = timed("socai deliver: signed, one transaction each", events, deliveries)
    print(f"  ratio {delivered / base:.2f}× the baseline's time")
    deliverer.close()
    server.should_exit = True
    ledger.close()


if __name__ == "__main__":
    main()
