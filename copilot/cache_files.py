"""Derived files on disk (embedding caches) that a bad copy or a full disk can damage: a damaged
one is moved aside, logged and rebuilt — never a failure on every request."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

log = logging.getLogger("copilot")

# What numpy raises for a truncated, garbled or foreign .npy / .npz file.
UNREADABLE = (OSError, ValueError, KeyError, EOFError)


def set_aside(path: Path, problem: BaseException | str, what: str) -> Path:
    """Move a damaged cache file (or a store's folder) to `<name>.corrupt-<time>`, kept for a
    post-mortem, and say so."""
    if isinstance(problem, BaseException):
        problem = f"{type(problem).__name__}: {problem}"
    aside = path.with_name(f"{path.name}.corrupt-{int(time.time())}")
    os.replace(path, aside)  # a file or a folder (same file system)
    log.warning("%s %s is unreadable (%s): moved aside to %s, rebuilding", what, path, problem, aside.name)
    return aside
