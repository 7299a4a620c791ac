"""`--as-of` takes a log position or a date-time with its offset, and says so otherwise."""

from __future__ import annotations

from datetime import datetime

import pytest

from cli import _as_of, main


def test_as_of_reads_a_position_or_a_date_time_with_offset() -> None:
    assert _as_of("1500") == 1500
    assert _as_of("2026-06-30T17:00+07:00") == datetime.fromisoformat("2026-06-30T17:00+07:00")


@pytest.mark.parametrize(
    ("given", "said"),
    [("2026-06-30T17:00", "offset"), ("yesterday", "neither a log position nor a date-time")],
)
def test_a_bad_as_of_is_refused_with_its_reason(
    given: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["replay", "log.jsonl", "--as-of", given])
    assert stopped.value.code == 2
    assert said in capsys.readouterr().err
