"""View documents are stored as canonical JSON: the same text the standard library writes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from projections.storage import dumps

VALUES: list[Any] = [
    {"title": "Lắp đặt Camera an ninh", "percent": 40, "done": False, "note": None},
    {"z": 1, "a": [1, 2, {"é": "Đền Mỗ", "e": "x", "E": "y", "😀": "ok", "\uffff": 0}]},
    {"controls": '\u0000\u001f\u007f\b\f\n\r\t"\\/ \u2028\u2029', "big": 2**62, "neg": -7},
    ["|a|b|", [], {}, "", 0, True],
]


@pytest.mark.parametrize("value", VALUES)
def test_dumps_writes_what_json_dumps_writes(value: Any) -> None:
    expected = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert dumps(value) == expected
