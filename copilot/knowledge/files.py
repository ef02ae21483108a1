"""Read a knowledge folder (``faq.yaml``, ``policies/*.<lang>.md``, ``catalogue.yaml``) into entries.

``availability.yaml`` (the catalogue's stock wording, ``availability.py``) is no entry of its own: it
is read with the catalogue, and counts in the folder's hash so a new wording re-ingests.

Every file is validated with unknown keys rejected, so a typo is a KnowledgeError naming the
file and the key, not a silent default. The store embeds the entries; this module knows nothing
of Chroma.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import KnowledgeError, validation_problems
from ..yaml_fast import safe_load
from .availability import FILE as AVAILABILITY_FILE
from .availability import availability_words, default_words_hash
from .chunking import split_sections
from .entry import KINDS, Document, Entry, Kind

__all__ = ["KINDS", "Document", "Entry", "Kind", "KnowledgeFiles", "catalogue_entries", "knowledge_files",
           "files_hash", "folder_hash", "load_knowledge", "manifest_hash"]

FAQ_FILE = "faq.yaml"
POLICIES_DIR = "policies"
CATALOGUE_FILE = "catalogue.yaml"
_LANG = r"^[a-z]{2,3}$"
_ID = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
_POLICY_NAME = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9_-]*)\.(?P<lang>[a-z]{2,3})\.md$")


# ---------------------------------------------------------------- file models


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FaqEntry(_Strict):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)  # tags: [18, 17] are words too

    id: str = Field(pattern=_ID)
    intent: str | None = None
    tags: list[str] = Field(default_factory=list)
    questions: dict[str, list[str]] = Field(description="Question variants per language.")
    answers: dict[str, str] = Field(description="The answer per language, quoted verbatim in drafts (H10).")

    @field_validator("questions", "answers")
    @classmethod
    def _language_codes(cls, v: dict[str, Any]) -> dict[str, Any]:
        for lang in v:
            if not re.match(_LANG, lang):
                raise ValueError(f"{lang!r} is not an ISO 639-1 language code")
        return v


class FaqFile(_Strict):
    business: str | None = None
    entries: list[FaqEntry] = Field(default_factory=list)


@dataclass
class KnowledgeFiles:
    """Every entry of a knowledge folder, plus the files they came from."""

    entries: list[Entry]
    files: list[str]


def knowledge_files(directory: Path) -> list[Path]:
    """The files of a knowledge folder that feed the store, in a stable order."""
    found: list[Path] = []
    if (directory / FAQ_FILE).is_file():
        found.append(directory / FAQ_FILE)
    policies = directory / POLICIES_DIR
    if policies.is_dir():
        found.extend(sorted(p for p in policies.glob("*.md") if p.is_file()))
    if (directory / CATALOGUE_FILE).is_file():
        found.append(directory / CATALOGUE_FILE)
    if (directory / AVAILABILITY_FILE).is_file():
        found.append(directory / AVAILABILITY_FILE)
    return found


def files_hash(directory: Path) -> str:
    """A hash of the tenant's own files alone (every knowledge file's path and bytes, its tenant.yaml),
    whatever code reads them: another version's ingest of the same files is recognised as such."""
    h = hashlib.sha256()
    if (config := directory.parent / "tenant.yaml").is_file():  # its `money:` writes the catalogue's prices
        h.update(hashlib.sha256(config.read_bytes()).digest())
    for path in knowledge_files(directory):
        h.update(path.relative_to(directory).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def folder_hash(directory: Path, *, files: str | None = None) -> str:
    """A hash of the folder's files (`files`: their `files_hash`, when just computed) and of the code that
    reads them: unchanged folder and code, unchanged hash. New code (a new price format) re-ingests once:
    only entries whose text changed are re-embedded, and the store's copies never keep an old wording. The
    one read of the folder's bytes per (re)ingest check: the manifest and the loaded entries derive from it."""
    h = hashlib.sha256()
    h.update(default_words_hash().encode())  # catalogue entries quote the default stock wording
    h.update(_code_stamp().encode())
    h.update((files or files_hash(directory)).encode())
    return h.hexdigest()


def manifest_hash(directory: Path, *, salt: str, folder: str | None = None) -> str:
    """The folder's hash under a salt (the store's schema and embedder); `folder`: its `folder_hash`
    already computed."""
    return hashlib.sha256(f"{salt}\0{folder or folder_hash(directory)}".encode()).hexdigest()


@cache
def _code_stamp() -> str:
    """The bytes of every module of the package (~5 ms, once per process). Not their modification times:
    replicas sharing one store install the same code at different times, and each would take the other's
    manifest for a change and re-ingest whenever it built the tenant."""
    package = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


# Folder -> (its folder_hash, what was read): the store and the answer check both read a tenant's
# folder; the second read of unchanged files is a hash (~ms), not a re-chunking (~0.2 s of tiktoken).
_LOADED: dict[str, tuple[str, KnowledgeFiles]] = {}


def load_knowledge(directory: Path, *, folder: str | None = None) -> KnowledgeFiles:
    """Validate and split a knowledge folder into entries; raise KnowledgeError naming the file.
    `folder`: its `folder_hash`, when the caller just computed it (else it is computed here)."""
    if not directory.is_dir():
        raise KnowledgeError(f"Knowledge folder {str(directory)!r} does not exist.")
    key = folder or folder_hash(directory)
    known = _LOADED.get(str(directory))
    if known is None or known[0] != key:
        known = _LOADED[str(directory)] = (key, _read_knowledge(directory))
    return KnowledgeFiles(entries=list(known[1].entries), files=list(known[1].files))


def remember_loaded(directory: Path, entries: list[Entry], *, folder: str) -> None:
    """Entries read from this folder (hash `folder`) elsewhere (the store's entry cache): the next
    load is a hash."""
    files = [p.relative_to(directory).as_posix() for p in knowledge_files(directory) if p.name != AVAILABILITY_FILE]
    _LOADED[str(directory)] = (folder, KnowledgeFiles(list(entries), files))


def _read_knowledge(directory: Path) -> KnowledgeFiles:
    entries: list[Entry] = []
    files: list[str] = []
    for path in knowledge_files(directory):
        if path.name == AVAILABILITY_FILE:
            availability_words(directory)  # validated even without a catalogue; read by catalogue_entries
            continue
        rel = path.relative_to(directory).as_posix()
        files.append(rel)
        if path.name == FAQ_FILE:
            entries.extend(faq_entries(path, rel))
        elif path.name == CATALOGUE_FILE:
            entries.extend(catalogue_entries(path, rel))
        else:
            entries.extend(policy_entries(path, rel))
    seen: set[str] = set()
    for e in entries:
        if e.id in seen:
            raise KnowledgeError(f"{e.source}: duplicate entry id {e.id!r}.")
        seen.add(e.id)
    return KnowledgeFiles(entries=entries, files=files)


def read_yaml(path: Path) -> Any:
    try:
        return safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"{path}: cannot read YAML: {exc}") from exc


def faq_entries(path: Path, rel: str) -> list[Entry]:
    try:
        data = read_yaml(path) or {}
        faq = FaqFile.model_validate(data)
    except ValidationError as exc:
        raise KnowledgeError(f"{path}: {validation_problems(exc, FaqFile, data)}") from exc
    out: list[Entry] = []
    for pos, item in enumerate(faq.entries):
        for lang, answer in item.answers.items():
            questions = [q.strip() for q in item.questions.get(lang, []) if q.strip()]
            if not answer.strip():
                raise KnowledgeError(f"{path}: entries.{pos}.answers.{lang}: the answer is empty.")
            docs = [Document(q, "question") for q in questions] + [Document(answer.strip(), "answer")]
            extra: dict[str, str | int | float | bool] = {"faq_id": item.id}
            if item.intent:
                extra["intent"] = item.intent
            if item.tags:
                extra["tags"] = ",".join(item.tags)  # Chroma metadata values are scalars
            out.append(
                Entry(
                    id=f"faq:{item.id}:{lang}",
                    kind="faq",
                    language=lang,
                    title=questions[0] if questions else item.id,
                    text=answer.strip(),
                    source=rel,
                    position=pos,
                    documents=tuple(docs),
                    extra=extra,
                )
            )
    return out


def policy_entries(path: Path, rel: str) -> list[Entry]:
    m = _POLICY_NAME.match(path.name)
    if not m:
        raise KnowledgeError(f"{path}: policy files are named <name>.<lang>.md, e.g. returns.en.md.")
    name, lang = m["name"], m["lang"]
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"{path}: cannot read: {exc}") from exc
    out: list[Entry] = []
    for section in split_sections(text, default_title=name):
        for chunk in section.chunks:
            suffix = f"{section.number}.{chunk.number}" if len(section.chunks) > 1 else f"{section.number}"
            out.append(
                Entry(
                    id=f"policy:{name}:{lang}:{suffix}",
                    kind="policy",
                    language=lang,
                    title=section.title,
                    text=chunk.text,
                    source=rel,
                    position=len(out),
                    # The heading travels with every chunk: it names the topic the chunk is about.
                    documents=(Document(f"{section.title}\n{chunk.text}", "section"),),
                    extra={"policy": name},
                )
            )
    return out


def catalogue_entries(path: Path, rel: str) -> list[Entry]:
    from .catalogue_entries import catalogue_entries as build

    return build(path, rel)
