"""What keeps a `KnowledgeStore` honest about its index (a mixin: the store's own state, kept apart).

- Damage (`integrity`): each tenant's collections are probed after an ingest and when a process
  first finds its knowledge ingested; a damaged one is deleted and rebuilt from the tenant's
  folder, with a WARNING line. A search that gets fewer neighbours than the collection held is
  re-probed and, if damaged, rebuilt before it answers.
- Ingests by other processes (`copilot knowledge ingest` into a shared store, another worker):
  every ingest writes a new `generation` into the tenant's manifest metadata. `refresh_if_changed`
  reads it (one metadata read; `Resources` calls it at most once a second per tenant) and, when
  another process changed it, drops what this process cached. Embedded Chroma holds the vector index
  it loaded in memory and never sees another process's writes, so there the client is reopened.
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path
from typing import Any

from ..errors import KnowledgeError
from .chroma import unavailable
from .files import KINDS, files_hash, folder_hash, load_knowledge, manifest_hash
from .integrity import REPAIRS, Damaged, probe, short_answer

log = logging.getLogger("copilot.knowledge")


class SelfRepair:
    # Provided by KnowledgeStore.
    settings: Any
    _client: Any
    _collections: dict[str, Any]
    _entries: dict[str, Any]
    _entries_hash: dict[str, Any]
    _words: dict[str, Any]
    _lexical: dict[str, Any]

    def _init_repair(self) -> None:
        self._held: dict[str, int] = {}  # collection name -> documents its index answered for
        self._generation: dict[str, str | None] = {}  # tenant -> the ingest generation loaded here
        self._directories: dict[str, Path] = {}  # tenant -> the folder it was last ingested from here
        self._repairing: set[str] = set()  # tenants being rebuilt: a second failure is an error, not a loop

    # Hooks the store implements.
    def _collection(self, tenant: str, kind: str, *, create: bool) -> Any | None: ...
    def _collection_name(self, tenant: str, kind: str) -> str: ...
    def _manifest_salt(self) -> str: ...
    def _remember(self, tenant: str, entries: list[Any]) -> None: ...
    def _open_client(self) -> Any: ...
    def ingest(self, directory: Path, *, tenant: str) -> Any: ...

    # ------------------------------------------------------------ damage

    def _verify(self, tenant: str) -> None:
        """Probe the tenant's collections; rebuild the tenant when one cannot answer for what it holds."""
        for kind in KINDS:
            col = self._collection(tenant, kind, create=False)
            if col is None:
                continue
            held, problem = probe(col)
            if problem is None:
                self._held[col.name] = held
                continue
            if tenant in self._repairing:
                raise KnowledgeError(f"The knowledge index of tenant {tenant!r} is still damaged after a rebuild "
                                     f"({kind}: {problem}).")
            self._rebuild(tenant, kind, problem)
            return

    def _check_answer(self, tenant: str, kind: str, col: Any, returned: int, asked: int) -> None:
        """After a query: fewer neighbours than the collection held means lost documents (raise Damaged)."""
        if not short_answer(returned, asked, self._held.get(col.name)):
            return
        held, problem = probe(col)  # or another process removed documents: then the count just moved
        self._held[col.name] = held
        if problem is not None:
            raise Damaged(tenant, kind, problem)

    def _rebuild(self, tenant: str, kind: str, problem: str) -> None:
        """Delete the damaged collection and ingest the tenant's folder again: only that kind is re-embedded
        (the others' stored hashes still match)."""
        from chromadb.errors import NotFoundError

        why = f"{kind}: {problem}"
        directory = self._directories.get(tenant)
        if directory is None or not directory.is_dir():
            log.warning("knowledge of tenant %s is damaged (%s) and its folder is unknown here", tenant, why)
            raise KnowledgeError(f"The knowledge index of tenant {tenant!r} is damaged ({why}); run "
                                 f"`copilot knowledge ingest DIR --tenant {tenant}` to rebuild it.")
        log.warning("knowledge of tenant %s is damaged (%s): deleted and rebuilt from %s", tenant, why, directory)
        REPAIRS.labels(kind).inc()
        name = self._collection_name(tenant, kind)
        self._collections.pop(name, None)
        self._held.pop(name, None)
        try:
            self._client.delete_collection(name)
        except NotFoundError:
            pass
        self._repairing.add(tenant)
        try:
            self.ingest(directory, tenant=tenant)  # ends with _verify: still damaged is an error
        finally:
            self._repairing.discard(tenant)

    # ------------------------------------------------------------ other processes' ingests

    def _new_generation(self, tenant: str) -> str:
        generation = uuid.uuid4().hex
        self._generation[tenant] = generation
        return generation

    def _stored_metadata(self, tenant: str) -> dict[str, Any]:
        """The tenant's manifest metadata as stored now (not a cached collection's copy)."""
        from chromadb.errors import NotFoundError

        try:
            return dict(self._client.get_collection(self._collection_name(tenant, "manifest")).metadata or {})
        except NotFoundError:
            return {}

    @unavailable
    def refresh_if_changed(self, tenant: str) -> bool:
        """Pick up an ingest of this tenant by another process; True when something was reloaded."""
        meta = self._stored_metadata(tenant)
        generation = meta.get("generation")
        if tenant not in self._generation:
            self._generation[tenant] = generation
            return False
        if generation == self._generation[tenant]:
            return False
        log.info("knowledge of tenant %s was changed by another process: reloading", tenant)
        if not self.settings.chroma_url:
            self._client = self._open_client()  # the embedded index in memory is stale
            self._collections.clear()
        else:
            for kind in (*KINDS, "manifest"):
                self._collections.pop(self._collection_name(tenant, kind), None)
        # Everything read from the old files goes (the answer checks' word index too: it would judge the
        # new entries by the old texts); it comes back below when the new files can be read here.
        self._entries.pop(tenant, None)
        self._entries_hash.pop(tenant, None)
        self._lexical.pop(tenant, None)
        self._words.pop(tenant, None)
        directory = Path(str(meta.get("directory", "")))
        files = files_hash(directory) if meta.get("directory") and directory.is_dir() else None
        folder = folder_hash(directory, files=files) if files else None
        # The files that were ingested, read by this code: the same manifest, or the same files ingested by
        # another version of the code (a rolling deploy; a deploy job's install).
        if folder and (manifest_hash(directory, salt=self._manifest_salt(), folder=folder) == meta.get("manifest")
                       or files == meta.get("files")):
            # wording and entries from the files
            self._remember(tenant, load_knowledge(directory, folder=folder).entries)
            self._directories[tenant] = directory
        self._generation[tenant] = generation
        self._verify(tenant)
        return True
