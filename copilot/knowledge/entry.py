"""What the knowledge store holds: entries (one citable fact each) and the documents embedded for them.

Apart from the file readers so that every reader (FAQ, policies, catalogue) builds the same type.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["faq", "policy", "catalogue"]
KINDS: tuple[Kind, ...] = ("faq", "policy", "catalogue")


@dataclass(frozen=True)
class Document:
    """One vector in the store: a question variant, an answer, a section or an item."""

    text: str
    role: Literal["question", "answer", "section", "item"]

    @property
    def as_query(self) -> bool:
        # E5: short customer questions are embedded like the customer's message (query: prefix),
        # so a paraphrase lands next to its variant; longer texts are passages.
        return self.role == "question"


@dataclass(frozen=True)
class Entry:
    """One citable piece of knowledge (H10): what a KnowledgeHit is built from."""

    id: str
    kind: Kind
    language: str
    title: str
    text: str
    source: str
    position: int
    documents: tuple[Document, ...]
    extra: dict[str, str | int | float | bool] = field(default_factory=dict)

    def content_hash(self, salt: str) -> str:
        """Changes whenever anything stored for the entry would change (`salt`: embedder, schema)."""
        payload = json.dumps(
            [salt, self.kind, self.language, self.title, self.text, self.source, self.position,
             [(d.text, d.role) for d in self.documents], sorted(self.extra.items())],
            ensure_ascii=False,
        )
        return hashlib.sha256(payload.encode()).hexdigest()[:32]
