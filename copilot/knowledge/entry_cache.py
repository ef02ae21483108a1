"""A tenant's entries as last read from its knowledge folder, kept in the data dir by folder hash.

Reading a folder chunks its policies by tokens, which loads tiktoken's encoding (~0.5 s); a warm CLI
call re-reads an unchanged folder only to rebuild the store's in-memory index. The folder hash
covers every file's bytes and the package's code (`files.folder_hash`), so an entry file under it
is the same entries. A damaged file (a bad copy, a full disk) is set aside with a
WARNING, counted on /metrics (`copilot_knowledge_repairs_total{kind="entries"}`) and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ..cache_files import set_aside
from .entry import Document, Entry
from .files import load_knowledge, remember_loaded
from .integrity import REPAIRS


def cached_entries(directory: Path, folder: str, cache_dir: Path, *, tenant: str) -> list[Entry]:
    """The folder's entries (`folder`: its `folder_hash`): from `cache_dir` when read under this hash
    before, else read now."""
    prefix = hashlib.sha256(tenant.encode()).hexdigest()[:12]
    path = cache_dir / f"{prefix}-{folder[:32]}.json"
    try:
        cached = [_entry(d) for d in json.loads(path.read_text(encoding="utf-8"))]
    except FileNotFoundError:
        pass  # not cached yet: read the folder
    except (OSError, ValueError, KeyError, TypeError) as exc:
        _damaged(path, exc)
    else:
        remember_loaded(directory, cached, folder=folder)  # the answer check reads the same folder
        return cached
    entries = load_knowledge(directory, folder=folder).entries
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for old in cache_dir.glob(f"{prefix}-*.json"):  # one file per tenant: older hashes are stale
            old.unlink(missing_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps([_data(e) for e in entries], ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)  # atomic: a concurrent reader sees the old file or the whole new one
    except OSError:
        pass  # a read-only data dir only costs the next call the same read
    return entries


def _damaged(path: Path, problem: Exception) -> None:
    try:
        set_aside(path, problem, "knowledge entry cache")
    except OSError:
        return  # another process set it aside (or rewrote it) first: its repair, its count
    REPAIRS.labels("entries").inc()


def _data(e: Entry) -> dict:
    return {"id": e.id, "kind": e.kind, "language": e.language, "title": e.title, "text": e.text, "source": e.source,
            "position": e.position, "documents": [[d.text, d.role] for d in e.documents], "extra": e.extra}


def _entry(d: dict) -> Entry:
    return Entry(id=d["id"], kind=d["kind"], language=d["language"], title=d["title"], text=d["text"],
                 source=d["source"], position=d["position"], documents=tuple(Document(t, r) for t, r in d["documents"]),
                 extra=d["extra"])
