"""The knowledge store: FAQ, policies and catalogue per tenant, in Chroma (embedded or a server).

One collection per (tenant, kind), cosine space, and the tenant in every document's metadata and
query filter, so one business never sees another's knowledge. Queries take a precomputed vector:
a request embeds the customer message once and reuses it for intent and retrieval.
"""

from __future__ import annotations

import functools
import hashlib
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlparse

import numpy as np

from ..embeddings import CopilotEmbeddingFunction, Embedder, get_embedder
from ..errors import KnowledgeError
from ..models import KnowledgeHit
from ..settings import Settings
from .files import KINDS, Entry, knowledge_files, load_knowledge, manifest_hash
from .ingest import IngestReport, StoredEntry, doc_records, embed_documents, file_changes, stored_entries
from .lexical import LexicalIndex, ngrams

# Bump when the way files become documents changes: every entry is then re-embedded once.
SCHEMA_VERSION = "2"

# Cosine-similarity floors per kind and customer language, measured on
# evals/datasets/retrieval_dev.jsonl plus off-topic questions (`benchmarks/bench_retrieval.py
# --sweep`). multilingual-e5-small packs hy and lo texts closer together, so their floors sit
# higher; FAQ questions are embedded like the customer message, so FAQ similarities run higher
# than message-to-passage ones (policies, catalogue). "*" is for an unknown language.
DEFAULT_MIN_SCORE: dict[str, dict[str, float]] = {
    "faq": {"en": 0.85, "ru": 0.86, "uk": 0.88, "hy": 0.90, "lo": 0.88, "*": 0.88},
    "policy": {"*": 0.85},
    "catalogue": {"*": 0.84},
}


def min_score_for(kind: str, language: str | None) -> float:
    floors = DEFAULT_MIN_SCORE[kind]
    return floors.get(language or "*", floors["*"])


# How far an FAQ hit must clear its language's floor, counting a fifth of its shared wording, to be
# quoted as the answer. Passing the floor is enough to be listed as knowledge, not to be asserted:
# off-topic questions ("how much is a ticket to Paris") pass it by under 0.02, most real matches by
# more, or share the customer's words. On retrieval_dev + bench_retrieval's OFF_TOPIC, drafts quoting
# an off-topic FAQ 10/40 -> 6/40, right answers quoted 77 -> 73 of 200.
QUOTE_MARGIN, QUOTE_WORDING_WEIGHT = 0.05, 0.2


def is_clear_answer(hit: KnowledgeHit, language: str | None) -> bool:
    """Whether an FAQ hit is close enough to quote as the answer (other kinds: their floor is the bar)."""
    if hit.kind != "faq":
        return True
    margin = hit.score - min_score_for("faq", language)
    return margin + QUOTE_WORDING_WEIGHT * (hit.wording or 0.0) >= QUOTE_MARGIN


# Weight of the best cross-language match of an entry when ranking: e5 maps translations close
# together, so five languages' variants vote instead of one's.
TRANSLATION_WEIGHT = 0.5
# Weight of the probability that the message has the intent an FAQ entry was written for (its
# `intent`). Both weights from `bench_retrieval.py --sweep`: recall@1 0.82 with neither, 0.835
# with translations, 0.845-0.855 with both (1-3 questions in 200: modest, not noise-free).
INTENT_WEIGHT = 0.05
# FAQ entries have one document per question variant: fetch enough neighbours to fill k entries.
_FAQ_FANOUT = 8
# Languages a store typically holds (the default library ships five): sizes the unfiltered fetch.
_LANGUAGES = 5


F = TypeVar("F", bound=Callable[..., Any])


def _unavailable(method: F) -> F:
    """A Chroma server that is down or failing raises httpx / chromadb errors: they become a
    KnowledgeError (the API's 503 + Retry-After) instead of an internal error."""

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import httpx
        from chromadb.errors import ChromaError

        try:
            return method(*args, **kwargs)
        except (httpx.HTTPError, ChromaError, ConnectionError) as exc:
            raise KnowledgeError(f"The knowledge store is unavailable: {type(exc).__name__}: {exc}") from exc

    return wrapper  # type: ignore[return-value]


def collection_name(tenant: str, kind: str) -> str:
    """`t-<tenant>--<kind>` within Chroma's rules ([A-Za-z0-9._-], no '..', alnum at both ends)."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", tenant)
    if safe != tenant:
        # Sanitising can merge distinct tenants ("a.b" and "a_b"): a hash keeps them apart.
        safe = f"{safe}-{hashlib.sha256(tenant.encode()).hexdigest()[:8]}"
    return f"t-{safe}--{kind}"


def _client(settings: Settings) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url if "://" in settings.chroma_url else f"http://{settings.chroma_url}")
        if not url.hostname:
            raise KnowledgeError(f"COPILOT_CHROMA_URL {settings.chroma_url!r} has no host; use http://host:port.")
        ssl = url.scheme == "https"
        port = url.port or (443 if ssl else 8000)
        try:
            return chromadb.HttpClient(host=url.hostname, port=port, ssl=ssl, settings=chroma_settings)
        except Exception as exc:  # chromadb raises plain ValueError/ConnectError when the server is down
            raise KnowledgeError(f"Cannot reach the Chroma server at {settings.chroma_url!r}: {exc}") from exc
    path = settings.data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


class KnowledgeStore:
    """Per-tenant knowledge in Chroma: ingest folders, search with a query vector."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._client = _client(settings)
        self._ef = CopilotEmbeddingFunction(settings.embedder)
        self._collections: dict[str, Any] = {}
        # Per tenant, from the files last (ensure_)ingested here: derived data, rebuilt on load.
        # The entries make hits without a metadata round trip to Chroma (~1 ms a search).
        self._lexical: dict[str, LexicalIndex] = {}
        self._entries: dict[str, dict[str, Entry]] = {}
        self._batch = int(self._client.get_max_batch_size())

    def heartbeat(self) -> bool:
        """Whether the store answers now (readiness)."""
        try:
            self._client.heartbeat()
        except Exception:  # any failure to answer means not ready; the reason is in the store's own logs
            return False
        return True

    @property
    def embedder(self) -> Embedder:
        return get_embedder(self.settings.embedder)

    # ------------------------------------------------------------ collections

    def _collection(self, tenant: str, kind: str, *, create: bool) -> Any | None:
        name = collection_name(tenant, kind)
        if name in self._collections:
            return self._collections[name]
        from chromadb.errors import NotFoundError

        if create:
            col = self._client.get_or_create_collection(
                name,
                embedding_function=self._ef,
                configuration={"hnsw": {"space": "cosine"}},
                metadata={"tenant": tenant, "kind": kind},
            )
        else:
            try:
                col = self._client.get_collection(name, embedding_function=self._ef)
            except NotFoundError:
                return None  # not ingested (yet): nothing to find, and nothing cached
        self._collections[name] = col
        return col

    def _manifest_salt(self) -> str:
        return f"{SCHEMA_VERSION}:{self.settings.embedder}"

    def _stored_manifest(self, tenant: str) -> str | None:
        col = self._collection(tenant, "manifest", create=False)
        return None if col is None else (col.metadata or {}).get("manifest")

    def _save_manifest(self, tenant: str, directory: Path, value: str) -> None:
        col = self._collection(tenant, "manifest", create=True)
        # modify() replaces the whole metadata dict, so restate tenant and kind.
        col.modify(metadata={"tenant": tenant, "kind": "manifest", "manifest": value, "directory": str(directory)})

    # ------------------------------------------------------------ ingest

    @_unavailable
    def ingest(self, directory: Path, *, tenant: str) -> IngestReport:
        """Make the tenant's knowledge equal the folder's; unchanged entries are not re-embedded."""
        start = time.perf_counter()
        directory = Path(directory)
        manifest = manifest_hash(directory, salt=self._manifest_salt()) if directory.is_dir() else ""
        loaded = load_knowledge(directory)
        self._remember(tenant, loaded.entries)
        report = IngestReport(tenant=tenant, directory=str(directory))
        old_all: dict[str, StoredEntry] = {}
        for kind in KINDS:
            entries = [e for e in loaded.entries if e.kind == kind]
            old_all.update(self._sync_kind(tenant, kind, entries, report))
        file_changes(report, loaded.entries, old_all, loaded.files)
        self._save_manifest(tenant, directory, manifest)
        report.seconds = round(time.perf_counter() - start, 3)
        return report

    def _remember(self, tenant: str, entries: list[Entry]) -> None:
        self._lexical[tenant] = LexicalIndex(entries)
        self._entries[tenant] = {e.id: e for e in entries}

    @_unavailable
    def ensure_ingested(self, directory: Path, *, tenant: str) -> IngestReport:
        """Ingest only if the folder changed since the last ingest (a hash of its files, no embedding)."""
        start = time.perf_counter()
        directory = Path(directory)
        if directory.is_dir() and self._stored_manifest(tenant) == manifest_hash(directory, salt=self._manifest_salt()):
            self._remember(tenant, load_knowledge(directory).entries)
            return IngestReport(
                tenant=tenant,
                directory=str(directory),
                skipped=True,
                files_unchanged=[p.relative_to(directory).as_posix() for p in knowledge_files(directory)],
                seconds=round(time.perf_counter() - start, 3),
            )
        return self.ingest(directory, tenant=tenant)

    def _sync_kind(self, tenant: str, kind: str, entries: list[Entry], report: IngestReport) -> dict[str, StoredEntry]:
        col = self._collection(tenant, kind, create=bool(entries))
        if col is None:
            return {}
        got = col.get(include=["metadatas"])
        old = stored_entries(zip(got["ids"], got["metadatas"] or [], strict=True))
        salt = self._manifest_salt()  # a new embedder or schema re-embeds everything, once
        hashes = {e.id: e.content_hash(salt) for e in entries}
        todo = [e for e in entries if e.id not in old or old[e.id].hash != hashes[e.id]]
        gone = [entry_id for entry_id in old if entry_id not in hashes]

        stale = [d for e in todo if e.id in old for d in old[e.id].doc_ids]
        stale += [d for entry_id in gone for d in old[entry_id].doc_ids]
        for i in range(0, len(stale), self._batch):
            col.delete(ids=stale[i : i + self._batch])

        if todo:
            vectors = embed_documents(self.embedder, todo)
            records = [r for e in todo for r in doc_records(e, tenant=tenant, hash_=hashes[e.id])]
            report.embedded += len(records)
            for i in range(0, len(records), self._batch):
                batch = records[i : i + self._batch]
                # upsert: two workers running ensure_ingested at once on a shared server both write.
                col.upsert(
                    ids=[r[0] for r in batch],
                    documents=[r[1] for r in batch],
                    metadatas=[r[2] for r in batch],
                    embeddings=np.stack(vectors[i : i + self._batch]),
                )
        todo_ids = {e.id for e in todo}
        for e in entries:
            if e.id not in todo_ids:
                report.unchanged.append(e.id)
            else:
                (report.updated if e.id in old else report.added).append(e.id)
        report.removed.extend(gone)
        return old

    # ------------------------------------------------------------ search

    @_unavailable
    def search(
        self,
        query_vector: np.ndarray,
        *,
        tenant: str,
        language: str | None = None,
        k: int = 3,
        kinds: Sequence[str] = KINDS,
        min_score: float | None = None,
        text: str | None = None,
        intents: dict[str, float] | None = None,
    ) -> list[KnowledgeHit]:
        """The k best entries above the relevance floor; the customer's language first (H12).

        If nothing in their language passes the floor, entries in other languages may: an
        answer in another language still beats an invented one (H10). With the message `text`,
        FAQ entries sharing its wording rank higher (see `lexical`); with the message's `intents`
        (id -> probability), so do FAQ entries written for a likely intent. Scores stay cosines.
        """
        vector = np.asarray(query_vector, dtype=np.float32).reshape(-1)
        for kind in kinds:
            if kind not in KINDS:
                raise KnowledgeError(f"Unknown knowledge kind {kind!r}; choose from {list(KINDS)}.")
        if k <= 0:
            return []
        # (score, kind, doc id) of each entry's best document, per entry id
        best: dict[str, tuple[float, str, str]] = {}
        entry_language: dict[str, str] = {}
        across: dict[str, float] = {}  # best score of an entry's translations (other languages)
        for kind in kinds:
            col = self._collection(tenant, kind, create=False)
            if col is None:
                continue
            # The floor depends on the customer's language, not the entry's: similarity levels
            # are set mostly by the query's script.
            floor = min_score_for(kind, language) if min_score is None else min_score
            for doc_id, dist in self._nearest(col, vector, kind, k):
                score = min(1.0, max(0.0, 1.0 - dist))
                lang, entry_id = _parse_doc_id(doc_id)
                if lang != language:
                    key = _translations_key(entry_id)
                    across[key] = max(across.get(key, 0.0), score)
                # Several question variants of one FAQ entry match: the entry scores its best one.
                if score >= floor and (entry_id not in best or best[entry_id][0] < score):
                    best[entry_id] = (score, kind, doc_id)
                    entry_language[entry_id] = lang
        lexical = self._lexical.get(tenant) if text else None
        grams = ngrams(text) if lexical and text else frozenset()
        local = self._entries.get(tenant, {})

        def rank(item: tuple[str, tuple[float, str, str]]) -> float:
            # Wording counts only within the customer's language (their words, their entries).
            own = entry_language[item[0]] == language
            shared = lexical.WEIGHT * lexical.overlap(grams, item[0]) if lexical and own else 0.0
            # The same entry's question variants in other languages are more evidence for it.
            agree = TRANSLATION_WEIGHT * across.get(_translations_key(item[0]), 0.0) if own else 0.0
            entry = local.get(item[0])
            fits = INTENT_WEIGHT * intents.get(str(entry.extra.get("intent")), 0.0) if intents and entry else 0.0
            return -(item[1][0] + shared + agree + fits)

        ranked = sorted(best.items(), key=rank)
        if language:
            own = [item for item in ranked if entry_language[item[0]] == language]
            ranked = own or ranked
        hits = self._hits(tenant, ranked[:k])
        if lexical:
            for hit in hits:  # evidence for the drafter: was the customer's wording in this entry?
                hit.wording = round(lexical.overlap(grams, hit.id), 4) if hit.kind == "faq" else None
        return hits

    def _nearest(self, col: Any, vector: np.ndarray, kind: str, k: int) -> list[tuple[str, float]]:
        # No `where` filter: in Chroma 1.5 a metadata filter turns a ~2 ms HNSW query into tens of
        # ms (benchmarks/bench_retrieval.py). Instead fetch ids and distances only (metadata is
        # the other big cost), enough of them to hold k entries in every language, and filter here.
        n = k * (_FAQ_FANOUT if kind == "faq" else 2) * _LANGUAGES
        res = col.query(query_embeddings=[vector], n_results=n, include=["distances"])
        return list(zip(res["ids"][0], (float(d) for d in res["distances"][0]), strict=True))

    def _hits(self, tenant: str, ranked: list[tuple[str, tuple[float, str, str]]]) -> list[KnowledgeHit]:
        """Hits for the chosen documents: from the tenant's entries loaded here, else from Chroma's
        metadata (a tenant another replica ingested, or an entry newer than our files)."""
        local = self._entries.get(tenant, {})
        by_kind: dict[str, list[str]] = {}
        for entry_id, (_, kind, doc_id) in ranked:
            if entry_id not in local:
                by_kind.setdefault(kind, []).append(doc_id)
        metas: dict[str, dict[str, Any]] = {}
        for kind, doc_ids in by_kind.items():
            got = self._collection(tenant, kind, create=False).get(ids=doc_ids, include=["metadatas"])
            metas.update(zip(got["ids"], got["metadatas"] or [], strict=True))
        hits = []
        for entry_id, (score, _, doc_id) in ranked:
            if entry_id in local:
                hits.append(_entry_hit(local[entry_id], score))
                continue
            meta = metas.get(doc_id)
            # Separate collections already isolate tenants; the metadata check is the second lock.
            if meta and meta.get("tenant") == tenant:
                hits.append(_hit(meta, score))
        return hits

    @_unavailable
    def get(self, entry_id: str, *, tenant: str) -> KnowledgeHit | None:
        """One entry by id (e.g. the catalogue entry of a product the customer named), score 1."""
        kind = entry_id.partition(":")[0]
        col = self._collection(tenant, kind, create=False) if kind in KINDS else None
        if col is None:
            return None
        got = col.get(where={"entry_id": entry_id}, limit=1, include=["metadatas"])
        metas = got["metadatas"] or []
        return _hit(metas[0], 1.0) if metas and metas[0].get("tenant") == tenant else None

    def search_text(self, text: str, **kw: Any) -> list[KnowledgeHit]:
        """Search with a text (embedded as a query), for the CLI and tests."""
        return self.search(self.embedder.embed_queries([text])[0], text=text, **kw)

    @_unavailable
    def entries(self, *, tenant: str, kind: str | None = None) -> list[KnowledgeHit]:
        """Every entry of the tenant (score 0: a listing, not a ranking), in file order."""
        kinds = KINDS if kind is None else (kind,)
        out: list[tuple[tuple[int, str, int, str], KnowledgeHit]] = []
        for i, kd in enumerate(kinds):
            if kd not in KINDS:
                raise KnowledgeError(f"Unknown knowledge kind {kd!r}; choose from {list(KINDS)}.")
            col = self._collection(tenant, kd, create=False)
            if col is None:
                continue
            seen: set[str] = set()
            for meta in col.get(where={"tenant": tenant}, include=["metadatas"])["metadatas"] or []:
                if meta["entry_id"] in seen:
                    continue
                seen.add(str(meta["entry_id"]))
                out.append(((i, str(meta["source"]), int(meta["position"]), str(meta["entry_id"])), _hit(meta, 0.0)))
        return [hit for _, hit in sorted(out, key=lambda p: p[0])]


def _translations_key(entry_id: str) -> str:
    """'faq:hours:ru' -> 'faq:hours': what an entry and its translations share."""
    return entry_id.rpartition(":")[0]


def _parse_doc_id(doc_id: str) -> tuple[str, str]:
    """'ru/faq:hours:ru#2' -> ('ru', 'faq:hours:ru'); see ingest.doc_records."""
    lang, _, rest = doc_id.partition("/")
    return lang, rest.rpartition("#")[0]


def _entry_hit(entry: Entry, score: float) -> KnowledgeHit:
    """The hit an entry's stored metadata would give (ingest.doc_records), from the entry itself."""
    return _hit({"entry_id": entry.id, "title": entry.title, "text": entry.text, "source": entry.source,
                 "kind": entry.kind, "language": entry.language, **entry.extra}, score)


def _hit(meta: dict[str, Any], score: float) -> KnowledgeHit:
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
