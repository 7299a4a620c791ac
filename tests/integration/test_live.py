"""Followers wake when the log grows: by notification on PostgreSQL, by polling always, since a
notification can be lost."""

from __future__ import annotations

import asyncio
import threading

from domain.application import Ledger
from projections.follow import LiveLog, LogWaker
from projections.read import head_position
from tests.conftest import OFFICE, request_as


def register(ledger: Ledger, code: str) -> None:
    ledger.register_unit(
        request_as(OFFICE), code=code, kind="village", name=f"Thôn {code}", parent_id=None
    )


def head(ledger: Ledger) -> int:
    with ledger.reading() as sql:
        return head_position(sql)


async def test_polling_finds_what_no_notification_told(ledger: Ledger) -> None:
    """A channel nobody notifies stands for every lost notification."""
    register(ledger, "thon-1")
    postgres = ledger.database.backend == "postgres"
    live = LiveLog(ledger, poll_interval=0.05, channel="nobody_notifies" if postgres else None)
    try:
        waiting = asyncio.create_task(live.wait_beyond(1))
        await asyncio.sleep(0)
        assert not waiting.done()
        await asyncio.to_thread(register, ledger, "thon-2")
        await asyncio.wait_for(waiting, 15)
        assert live.head == 2
        await asyncio.wait_for(live.wait_beyond(1), 1)  # already past: at once
    finally:
        await live.close()


async def test_a_notification_wakes_a_live_log_long_before_its_poll(ledger: Ledger) -> None:
    """On PostgreSQL only a notification can wake it within 15 s of a 120 s poll; SQLite has
    no notifications and polls."""
    postgres = ledger.database.backend == "postgres"
    live = LiveLog(ledger, poll_interval=120 if postgres else 0.1)
    try:
        waiting = asyncio.create_task(live.wait_beyond(0))
        await asyncio.sleep(0.2)
        await asyncio.to_thread(register, ledger, "thon-1")
        await asyncio.wait_for(waiting, 15)
        await asyncio.to_thread(register, ledger, "thon-2")
        await asyncio.wait_for(live.wait_beyond(1), 15)
        assert live.head == 2
    finally:
        await live.close()


def test_the_deliverers_waker_returns_on_a_notification(ledger: Ledger) -> None:
    waker = LogWaker(ledger)
    stop = threading.Event()
    timeout = 120 if ledger.database.backend == "postgres" else 0.2
    try:
        waker.wait(0.01, stop)  # sets up the LISTEN
        done = threading.Event()

        def wait() -> None:
            waker.wait(timeout, stop)
            done.set()

        thread = threading.Thread(target=wait)
        thread.start()
        register(ledger, "thon-1")
        assert done.wait(15), "the waker slept through the notification"
        thread.join(15)
        assert head(ledger) == 1
    finally:
        stop.set()
        waker.close()
