"""How an expected field value matches an extracted one (scorers and dataset assertions share it)."""

from __future__ import annotations

import unicodedata
from typing import Any


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip().casefold()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return round(float(value), 4)
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_norm(v) for v in value]
    return value


def field_matches(expected: Any, got: Any) -> bool:
    """Values match after normalisation; an expected mapping (money) needs only the keys it gives."""
    if isinstance(expected, dict) and isinstance(got, dict):
        return all(k in got and field_matches(v, got[k]) for k, v in expected.items())
    return _norm(expected) == _norm(got)
