"""The knowledge store: FAQ, policies and catalogue per tenant, in Chroma (embedded or a server).

One collection per (tenant, kind), cosine space, and the tenant in every document's metadata and
query filter, so one business never sees another's knowledge. Queries take a precomputed vector:
a request embeds the customer message once and reuses it for intent and retrieval.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..embeddings import CopilotEmbeddingFunction, Embedder, get_embedder
from ..errors import KnowledgeError
from ..models import KnowledgeHit
from ..settings import Settings
from ..taxonomy import Taxonomy
from . import relevance
from .chroma import client, collection_name, open_collection, unavailable
from .entry_cache import cached_entries
from .integrity import Damaged
from .self_repair import SelfRepair
from .files import KINDS, Entry, files_hash, folder_hash, knowledge_files, load_knowledge, manifest_hash
from .ingest import IngestReport, StoredEntry, doc_id, doc_records, embed_documents, file_changes, stored_entries
from .hits import entry_hit, meta_hit, parse_doc_id, translations_key
from .lexical import LexicalIndex, ngrams
from .relevance import min_score_for
from .words import TenantWords, stems

# Bump when the way files become documents changes: every entry is then re-embedded once.
SCHEMA_VERSION = "2"

# FAQ entries have one document per question variant: fetch enough neighbours to fill k entries.
FAQ_FANOUT = 8
# Languages a store typically holds (the default library ships five): sizes the unfiltered fetch.
LANGUAGES = 5


class KnowledgeStore(SelfRepair):
    """Per-tenant knowledge in Chroma: ingest folders, search with a query vector; a damaged index
    is rebuilt and other processes' ingests are picked up (`SelfRepair`)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._init_repair()
        self._client = client(settings)
        self._ef = CopilotEmbeddingFunction(settings.embedder)
        self._collections: dict[str, Any] = {}
        # Per tenant, from the files last (ensure_)ingested here: derived data, rebuilt on load.
        # The entries make hits without a metadata round trip to Chroma (~1 ms a search).
        self._lexical: dict[str, LexicalIndex] = {}
        self._entries: dict[str, dict[str, Entry]] = {}
        self._words: dict[str, TenantWords] = {}
        self._entries_hash: dict[str, str | None] = {}  # tenant -> folder_hash its entries were read under
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
        col = open_collection(self._client, name, self._ef, metadata={"tenant": tenant, "kind": kind}, create=create)
        if col is None:
            return None  # not ingested (yet): nothing to find, and nothing cached
        self._collections[name] = col
        return col

    def _open_client(self) -> Any:
        """A new client. Embedded, a new Chroma system too: chromadb shares one system per path and
        process, and `close()` (its public API) stops it with its last client, memory included; the
        next client loads the index from disk. (Another client of the same path in this process would
        keep the old system alive; this store is the only one a server opens.)"""
        self._client.close()
        return client(self.settings)

    def _collection_name(self, tenant: str, kind: str) -> str:
        return collection_name(tenant, kind)

    def _manifest_salt(self) -> str:
        return f"{SCHEMA_VERSION}:{self.settings.embedder}"

    def _save_manifest(self, tenant: str, directory: Path, value: str, files: str) -> None:
        col = self._collection(tenant, "manifest", create=True)
        # modify() replaces the whole metadata dict, so restate tenant and kind. `files`: what another
        # version of the code recognises as the same files (`refresh_if_changed`).
        col.modify(metadata={"tenant": tenant, "kind": "manifest", "manifest": value, "directory": str(directory),
                             "files": files, "generation": self._new_generation(tenant)})

    # ------------------------------------------------------------ ingest

    @unavailable
    def ingest(self, directory: Path, *, tenant: str) -> IngestReport:
        """Make the tenant's knowledge equal the folder's; unchanged entries are not re-embedded."""
        start = time.perf_counter()
        directory = Path(directory)
        files = files_hash(directory) if directory.is_dir() else ""
        folder = folder_hash(directory, files=files) if files else None
        manifest = manifest_hash(directory, salt=self._manifest_salt(), folder=folder) if folder else ""
        loaded = load_knowledge(directory, folder=folder)
        self._remember(tenant, loaded.entries)
        self._entries_hash[tenant] = folder
        report = IngestReport(tenant=tenant, directory=str(directory))
        old_all: dict[str, StoredEntry] = {}
        for kind in KINDS:
            entries = [e for e in loaded.entries if e.kind == kind]
            old_all.update(self._sync_kind(tenant, kind, entries, report))
        file_changes(report, loaded.entries, old_all, loaded.files)
        self._save_manifest(tenant, directory, manifest, files)
        self._directories[tenant] = directory
        self._verify(tenant)
        report.seconds = round(time.perf_counter() - start, 3)
        return report

    def _remember(self, tenant: str, entries: list[Entry]) -> None:
        self._lexical[tenant] = LexicalIndex(entries)
        self._entries[tenant] = {e.id: e for e in entries}
        self._words[tenant] = TenantWords(entries, lambda wanted: self._stored_vectors(tenant, wanted))

    def words(self, tenant: str) -> TenantWords | None:
        """The tenant's word index (`words.TenantWords`), for the answer checks; None for a tenant not
        loaded here."""
        return self._words.get(tenant)

    def _stored_vectors(self, tenant: str, entries: list[Entry]) -> dict[str, np.ndarray]:
        """The vectors stored for the entries' documents (one read per kind), for the entries whose
        stored documents are their current texts."""
        out: dict[str, np.ndarray] = {}
        for kind in {e.kind for e in entries}:
            col = self._collection(tenant, kind, create=False)
            mine = [e for e in entries if e.kind == kind and e.documents]
            if col is None or not mine:
                continue
            ids = [doc_id(e, i) for e in mine for i in range(len(e.documents))]
            got = col.get(ids=ids, include=["documents", "embeddings"])
            stored = dict(zip(got["ids"], zip(got["documents"] or [], got["embeddings"], strict=True), strict=True))
            for e in mine:
                own = [doc_id(e, i) for i in range(len(e.documents))]
                if all(stored.get(i, ("",))[0] == d.text for i, d in zip(own, e.documents, strict=True)):
                    out[e.id] = np.asarray([stored[i][1] for i in own], dtype=np.float32)
        return out  # an entry missing here is not (yet) synced: its caller embeds the texts itself

    @unavailable
    def ensure_ingested(self, directory: Path, *, tenant: str) -> IngestReport:
        """Ingest only if the folder changed since the last ingest (a hash of its files, no embedding)."""
        start = time.perf_counter()
        directory = Path(directory)
        stored = self._stored_metadata(tenant)
        folder = folder_hash(directory) if directory.is_dir() else None  # the folder's one read
        manifest = manifest_hash(directory, salt=self._manifest_salt(), folder=folder) if folder else None
        if folder and stored.get("manifest") == manifest:
            # A touched but unchanged folder keeps the index built here (its rebuild is most of the check).
            if self._entries_hash.get(tenant) != folder or tenant not in self._entries:
                entries = cached_entries(directory, folder, self.settings.data_dir / "knowledge-entries", tenant=tenant)
                self._remember(tenant, entries)
                self._entries_hash[tenant] = folder
            self._directories[tenant] = directory
            self._generation[tenant] = stored.get("generation")
            self._verify(tenant)
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

    @unavailable
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
        taxonomy: Taxonomy | None = None,
        business: str = "",
    ) -> list[KnowledgeHit]:
        """The k best entries above the relevance floor; the customer's language first (H12).

        If nothing in their language passes the floor, entries in other languages may: an
        answer in another language still beats an invented one (H10). With the message `text`,
        FAQ entries sharing its wording rank higher (see `lexical`); with the message's `intents`
        (id -> probability), so do FAQ entries written for a likely intent; with the tenant's `taxonomy`,
        so do FAQ entries holding more of the message's rarer words (`words.TenantWords.coverage`; the words of
        `business`, the tenant's name, weigh as everyday words).
        Scores stay cosines.
        A damaged index found on the way is rebuilt first (`SelfRepair`).
        """
        try:
            return self._search(query_vector, tenant=tenant, language=language, k=k, kinds=kinds,
                                min_score=min_score, text=text, intents=intents, taxonomy=taxonomy, business=business)
        except Damaged as exc:
            self._rebuild(tenant, exc.kind, exc.why)
            return self._search(query_vector, tenant=tenant, language=language, k=k, kinds=kinds,
                                min_score=min_score, text=text, intents=intents, taxonomy=taxonomy, business=business)

    def _search(self, query_vector: np.ndarray, *, tenant: str, language: str | None, k: int,
                kinds: Sequence[str], min_score: float | None, text: str | None,
                intents: dict[str, float] | None, taxonomy: Taxonomy | None, business: str) -> list[KnowledgeHit]:
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
            for doc_id, dist in self._nearest(col, vector, kind, k, tenant):
                score = min(1.0, max(0.0, 1.0 - dist))
                lang, entry_id = parse_doc_id(doc_id)
                if lang != language:
                    key = translations_key(entry_id)
                    across[key] = max(across.get(key, 0.0), score)
                # Several question variants of one FAQ entry match: the entry scores its best one.
                if score >= floor and (entry_id not in best or best[entry_id][0] < score):
                    best[entry_id] = (score, kind, doc_id)
                    entry_language[entry_id] = lang
        lexical = self._lexical.get(tenant) if text else None
        grams = ngrams(text) if lexical and text else frozenset()
        local = self._entries.get(tenant, {})
        # With the taxonomy, the rarity-weighted share of the message's words each FAQ entry holds counts too.
        index = self._words.get(tenant) if text and taxonomy is not None else None
        rarity = index.rarity(taxonomy, business) if index is not None and taxonomy is not None else None
        message = stems(text) if rarity is not None and text else frozenset()

        def rank(item: tuple[str, tuple[float, str, str]]) -> float:
            # Wording counts only within the customer's language (their words, their entries).
            own = entry_language[item[0]] == language
            shared = lexical.WEIGHT * lexical.overlap(grams, item[0]) if lexical and own else 0.0
            # The same entry's question variants in other languages are more evidence for it.
            agree = relevance.TRANSLATION_WEIGHT * across.get(translations_key(item[0]), 0.0) if own else 0.0
            entry = local.get(item[0])
            fits = relevance.INTENT_WEIGHT * intents.get(str(entry.extra.get("intent")), 0.0) if intents and entry else 0.0
            covers = relevance.COVER_WEIGHT * index.coverage(message, item[0], rarity) \
                if rarity is not None and index is not None and own and item[1][1] == "faq" else 0.0
            return -(item[1][0] + shared + agree + fits + covers)

        ranked = sorted(best.items(), key=rank)
        if language:
            own = [item for item in ranked if entry_language[item[0]] == language]
            ranked = own or ranked
        hits = self._hits(tenant, ranked[:k])
        if lexical:
            for hit in hits:  # evidence for the drafter: was the customer's wording in this entry?
                hit.wording = round(lexical.overlap(grams, hit.id), 4) if hit.kind == "faq" else None
        return hits

    def _nearest(self, col: Any, vector: np.ndarray, kind: str, k: int, tenant: str) -> list[tuple[str, float]]:
        # No `where` filter: in Chroma 1.5 a metadata filter turns a ~2 ms HNSW query into tens of
        # ms (benchmarks/bench_retrieval.py). Instead fetch ids and distances only (metadata is
        # the other big cost), enough of them to hold k entries in every language, and filter here.
        n = k * (FAQ_FANOUT if kind == "faq" else 2) * LANGUAGES
        res = col.query(query_embeddings=[vector], n_results=n, include=["distances"])
        self._check_answer(tenant, kind, col, len(res["ids"][0]), n)  # Damaged: rebuilt by search
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
                hits.append(entry_hit(local[entry_id], score))
                continue
            meta = metas.get(doc_id)
            # Separate collections already isolate tenants; the metadata check is the second lock.
            if meta and meta.get("tenant") == tenant:
                hits.append(meta_hit(meta, score))
        return hits

    @unavailable
    def get(self, entry_id: str, *, tenant: str) -> KnowledgeHit | None:
        """One entry by id (e.g. the catalogue entry of a product the customer named), score 1."""
        kind = entry_id.partition(":")[0]
        col = self._collection(tenant, kind, create=False) if kind in KINDS else None
        if col is None:
            return None
        got = col.get(where={"entry_id": entry_id}, limit=1, include=["metadatas"])
        metas = got["metadatas"] or []
        return meta_hit(metas[0], 1.0) if metas and metas[0].get("tenant") == tenant else None

    def local_entries(self, tenant: str) -> dict[str, Entry]:
        """The tenant's entries as loaded from its files here (empty for one only another replica ingested)."""
        return self._entries.get(tenant, {})

    def search_text(self, text: str, **kw: Any) -> list[KnowledgeHit]:
        """Search with a text (embedded as a query), for the CLI and tests."""
        return self.search(self.embedder.embed_queries([text])[0], text=text, **kw)

    @unavailable
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
                out.append(((i, str(meta["source"]), int(meta["position"]), str(meta["entry_id"])), meta_hit(meta, 0.0)))
        return [hit for _, hit in sorted(out, key=lambda p: p[0])]
