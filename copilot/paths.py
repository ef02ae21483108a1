"""Where the bundled data lives: the repo's top-level folders in a checkout, the wheel's copy otherwise."""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent
_REPO = _PKG.parent


def _bundled(name: str) -> Path:
    checkout = _REPO / name
    return checkout if checkout.is_dir() else _PKG / "_bundled" / name


KNOWLEDGE_DIR = _bundled("knowledge")
PROMPTS_DIR = _bundled("prompts")
