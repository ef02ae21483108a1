"""Business knowledge (FAQ, policies, catalogue) per tenant: files in, cited hits out (H10)."""

from .files import KINDS, Entry, load_knowledge
from .ingest import IngestReport
from .chroma import collection_name
from .relevance import DEFAULT_MIN_SCORE, is_clear_answer, min_score_for
from .store import KnowledgeStore

__all__ = ["DEFAULT_MIN_SCORE", "KINDS", "Entry", "IngestReport", "KnowledgeStore", "collection_name",
           "is_clear_answer", "load_knowledge", "min_score_for"]
