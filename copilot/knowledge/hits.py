"""Documents and hits: what a stored document id says, and the `KnowledgeHit` made from an entry
loaded here or from a document's stored metadata (see `ingest.doc_records` for both formats)."""

from __future__ import annotations

from typing import Any

from ..models import KnowledgeHit
from .files import Entry


def translations_key(entry_id: str) -> str:
    """'faq:hours:ru' -> 'faq:hours': what an entry and its translations share."""
    return entry_id.rpartition(":")[0]


def parse_doc_id(doc_id: str) -> tuple[str, str]:
    """'ru/faq:hours:ru#2' -> ('ru', 'faq:hours:ru'); see ingest.doc_records."""
    lang, _, rest = doc_id.partition("/")
    return lang, rest.rpartition("#")[0]


def entry_hit(entry: Entry, score: float) -> KnowledgeHit:
    """The hit an entry's stored metadata would give (ingest.doc_records), from the entry itself."""
    return meta_hit({"entry_id": entry.id, "title": entry.title, "text": entry.text, "source": entry.source,
                 "kind": entry.kind, "language": entry.language, **entry.extra}, score)


def meta_hit(meta: dict[str, Any], score: float) -> KnowledgeHit:
    return KnowledgeHit(
        id=str(meta["entry_id"]),
        title=str(meta["title"]),
        text=str(meta["text"]),
        score=round(score, 4),
        source=str(meta["source"]),
        kind=meta["kind"],
        language=meta.get("language"),
        tags=[t for t in str(meta.get("tags") or "").split(",") if t],
        intent=str(meta["intent"]) if meta.get("intent") else None,
    )
