"""Waking the followers of the log (the webhook deliverer, live subscriptions) when it grows.

On PostgreSQL every transaction that appends events notifies the library's channel (the
recorder's `channel_name`), so a follower LISTENs there; a notification can be lost (a
dropped connection, a follower that was busy), so followers poll as well. SQLite has no
notifications: followers poll only."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading

import psycopg
from eventsourcing.persistence import PersistenceError
from psycopg import sql as pgsql

from domain.ledger import LedgerCore
from projections.read import head_position
from projections.storage import PostgresLedgerRecorder

log = logging.getLogger("socai.follow")


def _channel(ledger: LedgerCore) -> str | None:
    store = ledger.store
    return store.channel_name if isinstance(store, PostgresLedgerRecorder) else None


class LogWaker:
    """For a worker thread: `wait` returns when the log may have grown, or after `timeout`."""

    def __init__(self, ledger: LedgerCore, channel: str | None = None) -> None:
        self.database = ledger.database
        self.channel = channel or _channel(ledger)
        self._conn: psycopg.Connection[tuple[object, ...]] | None = None

    def _listening(self) -> psycopg.Connection[tuple[object, ...]] | None:
        if self.channel is None:
            return None
        if self._conn is None or self._conn.closed:
            try:
                self._conn = psycopg.connect(self.database.admin_conninfo(), autocommit=True)
                self._conn.execute(pgsql.SQL("LISTEN {}").format(pgsql.Identifier(self.channel)))
            except psycopg.Error as error:
                log.warning("cannot LISTEN (%s); polling only", error)
                self._conn = None
        return self._conn

    def wait(self, timeout: float, stop: threading.Event) -> None:
        conn = self._listening()
        if conn is None:
            stop.wait(timeout)
            return
        try:
            for _ in conn.notifies(timeout=timeout, stop_after=1):
                pass
        except psycopg.Error as error:
            log.warning("lost the LISTEN connection (%s); polling until it is back", error)
            self.close()
            stop.wait(timeout)

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(psycopg.Error):
                self._conn.close()
            self._conn = None


class LiveLog:
    """For the event loop of a server process: the log's head, kept up to date by one task.

    Subscriptions call `wait_beyond(position)`; the task reads the head when notified (on
    PostgreSQL) and every `poll_interval` seconds in any case, and wakes the waiters when it
    has moved. The task starts with the first waiter and runs until `close`."""

    def __init__(
        self,
        ledger: LedgerCore,
        *,
        poll_interval: float = 1.0,
        channel: str | None = None,
    ) -> None:
        self.ledger = ledger
        self.poll_interval = poll_interval
        self.channel = channel or _channel(ledger)
        self.head = 0
        self._moved: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None

    def _read_head(self) -> int:
        with self.ledger.reading() as sql:
            return head_position(sql)

    async def wait_beyond(self, position: int) -> None:
        """Returns once the head is past `position` (at once if it already is)."""
        self._start()
        while True:
            assert self._moved is not None
            moved = self._moved
            if self.head > position:
                return
            await moved.wait()

    def _start(self) -> None:
        if self._task is None or self._task.done():
            self._moved = asyncio.Event()
            self._task = asyncio.get_running_loop().create_task(self._follow())

    async def _refresh(self) -> None:
        head = await asyncio.to_thread(self._read_head)
        if head > self.head:
            self.head = head
            assert self._moved is not None
            moved, self._moved = self._moved, asyncio.Event()
            moved.set()

    async def _follow(self) -> None:
        while True:
            try:
                await self._refresh()
                if self.channel is None:
                    await asyncio.sleep(self.poll_interval)
                else:
                    await self._listen()
            except (psycopg.Error, PersistenceError, OSError) as error:
                log.warning("following the log: %s", error)
                await asyncio.sleep(self.poll_interval)

    async def _listen(self) -> None:
        assert self.channel is not None
        conninfo = self.ledger.database.admin_conninfo()
        async with await psycopg.AsyncConnection.connect(conninfo, autocommit=True) as conn:
            await conn.execute(pgsql.SQL("LISTEN {}").format(pgsql.Identifier(self.channel)))
            await self._refresh()  # what was recorded before the LISTEN took hold
            while True:
                async for _ in conn.notifies(timeout=self.poll_interval, stop_after=1):
                    pass
                await self._refresh()

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
