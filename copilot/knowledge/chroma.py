"""The Chroma connection: the client (embedded or a server), collection names, and outages as
`KnowledgeError` (the API's 503 + Retry-After)."""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlparse

from ..errors import KnowledgeError
from ..settings import Settings
from .chroma_auth import root_cause, server_settings
from .integrity import open_or_quarantine

F = TypeVar("F", bound=Callable[..., Any])


def unavailable(method: F) -> F:
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
        except Exception as exc:
            # chromadb's HTTP client raises a bare Exception(body) for an error without Chroma's JSON
            # (a proxy's 502 page); our code never raises a bare Exception.
            if type(exc) is not Exception:
                raise
            raise KnowledgeError(f"The knowledge store is unavailable: {str(exc)[:200]}") from exc

    return wrapper  # type: ignore[return-value]


def collection_name(tenant: str, kind: str) -> str:
    """`t-<tenant>--<kind>` within Chroma's rules ([A-Za-z0-9._-], no '..', alnum at both ends)."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", tenant)
    if safe != tenant:
        # Sanitising can merge distinct tenants ("a.b" and "a_b"): a hash keeps them apart.
        safe = f"{safe}-{hashlib.sha256(tenant.encode()).hexdigest()[:8]}"
    return f"t-{safe}--{kind}"


def client(settings: Settings) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url if "://" in settings.chroma_url else f"http://{settings.chroma_url}")
        if not url.hostname:
            raise KnowledgeError(f"COPILOT_CHROMA_URL {settings.chroma_url!r} has no host; use http://host:port.")
        ssl = url.scheme == "https"
        port = url.port or (443 if ssl else 8000)
        chroma_settings = ChromaSettings(anonymized_telemetry=False, **server_settings(settings, host=url.hostname, ssl=ssl))
        try:
            return chromadb.HttpClient(host=url.hostname, port=port, ssl=ssl, settings=chroma_settings)
        except Exception as exc:  # chromadb raises plain ValueError/ConnectError when the server is down
            raise KnowledgeError(f"Cannot reach the Chroma server at {settings.chroma_url!r}: {exc} "
                                 f"({root_cause(exc)})") from exc
    path = settings.data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return open_or_quarantine(path, lambda: chromadb.PersistentClient(path=str(path), settings=chroma_settings))


# HNSW's candidate list at query time. Chroma's default (100) is below a search's fetch (k × 8 × 5 = 120
# and up, store.FAQ_FANOUT), so the fetch's tail was approximate and changed from one build of the index
# to the next: one swapped document in 120 moved an entry's translation vote, and a fresh data dir sometimes ranked another
# FAQ entry first (a CI run failed on it). At 1000 the fetch equals exact search on the demo's 1,050 FAQ
# documents (200 questions x 120 neighbours x 2 builds: 0 missed, 133 at the default), +0.2 ms a query.
SEARCH_EF = 1000


def open_collection(chroma: Any, name: str, embedding_function: Any, *, metadata: dict[str, Any],
                    create: bool) -> Any | None:
    """The collection (made when `create`; None when it does not exist), searching with SEARCH_EF."""
    from chromadb.errors import NotFoundError

    if create:
        col = chroma.get_or_create_collection(name, embedding_function=embedding_function, metadata=metadata,
                                              configuration={"hnsw": {"space": "cosine", "ef_search": SEARCH_EF}})
    else:
        try:
            col = chroma.get_collection(name, embedding_function=embedding_function)
        except NotFoundError:
            return None
    if (col.configuration_json.get("hnsw") or {}).get("ef_search", SEARCH_EF) < SEARCH_EF:
        # A collection made before SEARCH_EF: Chroma stores the setting; an index already loaded in this
        # process keeps its own until the process restarts.
        col.modify(configuration={"hnsw": {"ef_search": SEARCH_EF}})
    return col
