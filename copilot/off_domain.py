"""Messages no business's knowledge answers: weather, tickets, homework, jokes (`knowledge/off_domain.yaml`).

multilingual-e5-small puts "how much is a ticket to Paris" as close to "how much is delivery to
Gyumri" as a real paraphrase would be, so a cosine floor alone lets such questions be answered with
the nearest FAQ entry. A message nearer to one of these exemplars than to the best knowledge entry
is not answered from knowledge: the draft promises a reply instead (H10, H11).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from .cache_files import UNREADABLE, set_aside
from .embeddings import Embedder
from .errors import ConfigError
from .locale_format import is_language_code
from .vector_cache import embed_queries
from .yaml_fast import safe_load

FILE = "off_domain.yaml"


class OffDomain:
    """Query vectors of off-domain exemplar messages, in every language given."""

    def __init__(self, vectors: np.ndarray) -> None:
        self.vectors = np.asarray(vectors, dtype=np.float32)

    def similarity(self, vector: np.ndarray) -> float:
        """Cosine of the nearest exemplar (0 without exemplars)."""
        return float((self.vectors @ vector).max()) if len(self.vectors) else 0.0

    def outranks(self, vector: np.ndarray, *in_domain: float) -> bool:
        """An exemplar is at least as near as every in-domain cosine given (the matched FAQ entry, the
        nearest intent example). The intent examples count because off-domain exemplars share a
        shop's words ("do you deliver khachapuri?"): on the dev sets, weighed against the FAQ entry
        alone they cost 11 of 173 right answers, with the intent examples too 1 (off-topic quotes
        28 -> 15 and 28 -> 16 of 60)."""
        return bool(len(self.vectors)) and self.similarity(vector) >= max(in_domain, default=0.0)

    @classmethod
    def load(cls, paths: list[Path], embedder: Embedder, *, cache_dir: Path | None = None) -> OffDomain:
        """The exemplars of every existing file, embedded once and cached by content and embedder.

        A file with ``use_default: false`` drops the files before it: a restaurant's own list
        replaces the default library's, which holds "do you deliver khachapuri?"."""
        texts = exemplars(paths)
        if not texts:
            return cls(np.zeros((0, embedder.dim), np.float32))
        key = hashlib.sha256("\n".join([embedder.name, *texts]).encode()).hexdigest()[:24]
        path = Path(cache_dir) / f"off-domain-{key}.npy" if cache_dir else None
        if path is not None and path.is_file():
            try:
                cached = np.load(path)
                if cached.shape == (len(texts), embedder.dim):
                    return cls(cached)
                problem: BaseException | str = f"shape {cached.shape}, expected {(len(texts), embedder.dim)}"
            except UNREADABLE as exc:
                problem = exc
            set_aside(path, problem, "off-domain cache")
        vectors = embed_queries(embedder, texts, cache_dir)  # per text: a tenant's own file embeds only its lines
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".npy")
            with os.fdopen(fd, "wb") as f:
                np.save(f, vectors)
            os.replace(tmp, path)  # atomic: a concurrent reader never sees half a file
        return cls(vectors)


def exemplars(paths: list[Path]) -> list[str]:
    """The messages of every existing file, each file adding to (or, with ``use_default: false``, replacing) the
    ones before it, less what it drops."""
    texts: list[str] = []
    for p in (p for p in paths if p.is_file()):
        own = read_messages(p)
        unknown = [m for m in own.drop if m not in texts]
        if unknown:  # else a mistyped line silently keeps the example it meant to drop
            raise ConfigError(f"{p}: drop: {unknown[0]!r} is not a message of the list it adds to (copy it as "
                              "`copilot tenant check` quotes it)")
        texts = [t for t in (texts if own.use_default else []) if t not in own.drop] + own.messages
    return texts


@dataclass(frozen=True)
class Messages:
    """One off_domain.yaml: its messages, whether the files before it still count, which of theirs it drops."""

    use_default: bool
    by_language: dict[str, list[str]]
    drop: list[str]

    @property
    def messages(self) -> list[str]:
        return [m for texts in self.by_language.values() for m in texts]


def read_messages(path: Path) -> Messages:
    """The file's messages; `drop:` lists messages of the default list that are the tenant's own trade (a hostel's
    "do you have a double room free this Friday?"), `use_default: false` drops the whole default list."""
    try:
        data = safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of language code to a list of messages (and optionally "
                          "use_default: false, drop: [messages of the default list])")
    use_default = data.pop("use_default", True)
    if not isinstance(use_default, bool):
        raise ConfigError(f"{path}: use_default: expected true or false, got {use_default!r}")
    drop = data.pop("drop", [])
    if not isinstance(drop, list):
        raise ConfigError(f"{path}: drop: expected a list of messages of the default list, got {type(drop).__name__}")
    for key, texts in data.items():
        if not is_language_code(key):
            raise ConfigError(f"{path}: {key!r} is not a language code (en, ru, uk, hy, lo) nor use_default or drop")
        if not isinstance(texts, list):
            raise ConfigError(f"{path}: {key}: expected a list of messages, got {type(texts).__name__}")
    return Messages(use_default, {lang: [str(t).strip() for t in texts if str(t).strip()] for lang, texts in data.items()},
                    [str(t).strip() for t in drop])
