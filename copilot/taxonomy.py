"""A business's intents: ids, what they need, and example customer messages per language.

The same model is read from the YAML the default library ships (``knowledge/taxonomy/intents.yaml``,
see docs/knowledge.md) and built from a labelled CSV or JSONL a business brings
(``copilot taxonomy import FILE --tenant T``). Every bad input is a :class:`TaxonomyError` that
names the file and the row or key, so a typo never becomes a silent default.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections import defaultdict
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import TaxonomyError, validation_problems
from .locale_format import is_language_code
from .models import Message, query_text
from .reasons import REASONS
from .yaml_fast import safe_load

OTHER = "other"  # what the classifier answers when nothing fits; never a taxonomy intent
_REASON_CODES = [r for r in REASONS if r.startswith("E-")]  # an intent hands off with one (rulebook §4)
UNKNOWN_LANGUAGE = "und"  # ISO 639-2 "undetermined": examples imported without a language
_LABEL_COLUMNS = ("intent", "category")  # Banking77 ships `text,category`


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# What an intent is, which decides how the pipeline treats it (docs/knowledge.md, "What an intent does"):
#   answer     knowledge answers it first (FAQ, policy, catalogue); fields are asked only if nothing does
#   collect    a request to act on: ask for its required fields first
#   book       a booking: collect date/time, close with the booking (requested or confirmed), remind before it
#   cancel     change or cancel a booking: close with what changed
#   escalate   always handed to a person (rulebook §4), with `escalation_reason`
#   greeting   an opener with no request yet: route with options (M2)
#   follow_up  "any news?": recall the request and where it stands (M5)
#   feedback   after resolution: one-tap satisfaction, negative goes to a person (M9)
IntentKind = Literal["answer", "collect", "book", "cancel", "escalate", "greeting", "follow_up", "feedback"]
CatalogueUse = Literal["none", "search", "facts", "options"]
FollowUpKind = Literal["booking_reminder"]
# Kinds that are not requests of their own: moving to or from them is no change of topic (M6).
NOT_A_TOPIC_KINDS = frozenset({"greeting", "follow_up", "feedback"})


class IntentSpec(_Model):
    id: str = Field(min_length=1, max_length=100, pattern=r"^[^\s|]+$", description="Stable intent id.")
    description: str = ""
    required_fields: list[str] = Field(
        default_factory=list, description="Most important first; 'a|b' means either field will do (H7)."
    )
    escalate: bool = Field(default=False, description="Always hand to a human (rulebook §4).")
    kind: IntentKind | None = Field(
        default=None, description="What the intent is; unset: escalate if `escalate`, collect if it has "
                                  "required fields, else answer.")
    escalation_reason: str = Field(default="E-human",
                                   description="Reason code when the intent hands off (E-refund, E-legal, …).")
    escalate_from: float | None = Field(
        default=None, ge=0, le=1, description="Hand off when the classifier reads this intent at least this surely; "
                                              "an unsure reading is asked its fields (a complaint: a return read as "
                                              "one is not handed over).")
    escalate_after_help: bool = Field(
        default=False, description="Hand off when the customer is still stuck after one reply (recipe 6).")
    catalogue: CatalogueUse | None = Field(
        default=None, description="none | search (the catalogue is searched too) | facts (a named item's "
                                  "entry is the answer) | options (no item named: offer two, M3). Unset: "
                                  "search for answer intents, none otherwise.")
    vague_when_short: bool = Field(
        default=False, description="A very short message of this intent names no need ('Price?'): route it (M2).")
    follow_ups: list[FollowUpKind] | None = Field(
        default=None, description="Timers beyond the reminders every question gets; unset: "
                                  "booking_reminder for book intents.")
    examples: dict[str, list[str]] = Field(description="Customer messages keyed by ISO 639-1 code or 'und'.")

    @model_validator(mode="after")
    def _resolve_behaviour(self) -> IntentSpec:
        """Fill what was left unset from what was said, so code reads one explicit value."""
        if self.kind is None:
            self.kind = "escalate" if self.escalate else ("collect" if self.required_fields else "answer")
        if self.kind == "escalate":
            self.escalate = True
        if self.catalogue is None:
            self.catalogue = "search" if self.kind == "answer" else "none"
        if self.follow_ups is None:
            self.follow_ups = ["booking_reminder"] if self.kind == "book" else []
        return self

    @property
    def answers_first(self) -> bool:
        """Knowledge may answer it outright (an informational intent), before asking for fields."""
        return self.kind in ("answer", "greeting")

    @property
    def is_topic(self) -> bool:
        return self.kind not in NOT_A_TOPIC_KINDS

    @field_validator("escalation_reason")
    @classmethod
    def _a_rulebook_reason(cls, v: str) -> str:
        if v not in _REASON_CODES:
            raise ValueError(f"{v!r} is not a rulebook reason code; use one of {_REASON_CODES}")
        return v

    @field_validator("id")
    @classmethod
    def _not_reserved(cls, v: str) -> str:
        if v == OTHER:
            raise ValueError(f"{OTHER!r} is reserved for messages that fit no intent; drop or rename it")
        return v

    @field_validator("examples")
    @classmethod
    def _examples_present(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        for lang, texts in v.items():
            if lang != UNKNOWN_LANGUAGE and not is_language_code(lang):
                raise ValueError(f"language key {lang!r} is not an ISO 639-1 code or 'und'")
            if any(not t or not t.strip() for t in texts):
                raise ValueError(f"examples[{lang!r}] contains a blank example")
        if not any(v.values()):
            raise ValueError("an intent needs at least one example")
        return v

    def example_texts(self) -> list[str]:
        return [t for texts in self.examples.values() for t in texts]


class Taxonomy(_Model):
    version: int = 1
    intents: list[IntentSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Taxonomy:
        seen: set[str] = set()
        for intent in self.intents:
            if intent.id in seen:
                raise ValueError(f"duplicate intent id {intent.id!r}")
            seen.add(intent.id)
        return self

    @property
    def ids(self) -> list[str]:
        return [i.id for i in self.intents]

    def get(self, intent_id: str) -> IntentSpec | None:
        return next((i for i in self.intents if i.id == intent_id), None)

    def examples(self) -> list[tuple[str, str]]:
        """Every (text, intent id) pair, in file order."""
        return [(t, i.id) for i in self.intents for t in i.example_texts()]

    def behaviour(self, intent_id: str) -> IntentSpec:
        """The intent's spec; for `other` (fits no intent) an answer-first intent that searches everything."""
        return self.get(intent_id) or OTHER_SPEC

    def examples_hash(self) -> str:
        """sha256 of ids and examples only: what a classifier is trained on (behaviour flags are not)."""
        canonical = json.dumps([[i.id, i.examples] for i in self.intents], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def content_hash(self) -> str:
        """sha256 of the canonical content: equal taxonomies hash equal, whatever the file layout."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# `other` is never listed in a taxonomy; this is how it behaves.
OTHER_SPEC = IntentSpec.model_construct(
    id=OTHER, description="The message fits no intent.", required_fields=[], escalate=False, kind="answer",
    escalation_reason="E-human", escalate_after_help=False, catalogue="search", vague_when_short=True,
    follow_ups=[], examples={})


class LabelledRow(_Model):
    """One labelled message from a CSV or JSONL file; `text` is what gets classified."""

    text: str
    intent: str
    language: str | None = None
    line: int = Field(description="1-based line number in the source file, for error messages.")


# ---------------------------------------------------------------- reading


def read_labelled_rows(path: Path) -> list[LabelledRow]:
    """Rows of a CSV (`text,intent` or `text,category`) or JSONL (`intent` + `text` or `messages`)."""
    path = Path(path)
    if not path.is_file():
        raise TaxonomyError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix in (".jsonl", ".ndjson"):
        return _read_jsonl(path)
    raise TaxonomyError(f"{path}: expected a .csv or .jsonl file of labelled messages")


def _read_csv(path: Path) -> list[LabelledRow]:
    with path.open(newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames or []
        label_col = next((c for c in _LABEL_COLUMNS if c in header), None)
        if "text" not in header or label_col is None:
            raise TaxonomyError(f"{path}: header must be `text,intent` or `text,category`, got {header!r}")
        rows = []
        for row in reader:
            line = reader.line_num
            text, label = (row.get("text") or "").strip(), (row.get(label_col) or "").strip()
            if not text or not label:
                raise TaxonomyError(f"{path}:{line}: row needs a non-empty `text` and `{label_col}`")
            lang = (row.get("language") or "").strip() or None
            rows.append(LabelledRow(text=text, intent=label, language=lang, line=line))
    return rows


def _read_jsonl(path: Path) -> list[LabelledRow]:
    rows = []
    with path.open(encoding="utf-8") as f:
        for line, raw in enumerate(f, start=1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as e:
                raise TaxonomyError(f"{path}:{line}: not valid JSON ({e.msg})") from None
            if not isinstance(obj, dict) or not isinstance(obj.get("intent"), str) or not obj["intent"].strip():
                raise TaxonomyError(f"{path}:{line}: row needs a non-empty string `intent`")
            if isinstance(obj.get("text"), str) and obj["text"].strip():
                text = obj["text"].strip()
            elif isinstance(obj.get("messages"), list):
                try:
                    messages = [Message.model_validate(m) for m in obj["messages"]]
                except ValidationError as e:
                    raise TaxonomyError(f"{path}:{line}: bad `messages`: {_first_error(e)}") from None
                text = query_text(messages)
                if not text:
                    raise TaxonomyError(f"{path}:{line}: `messages` has no customer message")
            else:
                raise TaxonomyError(f"{path}:{line}: row needs `text` or `messages`")
            lang = obj.get("language") if isinstance(obj.get("language"), str) else None
            rows.append(LabelledRow(text=text, intent=obj["intent"].strip(), language=lang, line=line))
    return rows


def taxonomy_from_rows(rows: list[LabelledRow], *, source: str, oos_label: str | None = None) -> Taxonomy:
    """Group labelled rows into intents (first-seen order); `oos_label` rows are not an intent."""
    grouped: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        if oos_label is not None and row.intent == oos_label:
            continue
        if row.intent == OTHER:
            raise TaxonomyError(
                f"{source}:{row.line}: label {OTHER!r} is reserved for 'fits no intent'; "
                f"pass oos_label={OTHER!r} to treat those rows as out of scope"
            )
        grouped[row.intent][row.language or UNKNOWN_LANGUAGE].append(row.text)
    if not grouped:
        raise TaxonomyError(f"{source}: no labelled rows to build intents from")
    data = {"intents": [{"id": k, "examples": {lang: v for lang, v in ex.items()}} for k, ex in grouped.items()]}
    return _validate(data, source)


def _first_error(e: ValidationError) -> str:
    err = e.errors()[0]
    where = ".".join(str(p) for p in err["loc"])
    return f"{where}: {err['msg']}" if where else err["msg"]


def _validate(data: object, source: str) -> Taxonomy:
    try:
        return Taxonomy.model_validate(data)
    except ValidationError as e:
        raise TaxonomyError(f"{source}: {validation_problems(e, Taxonomy, data)}") from None


def _read_yaml(path: Path) -> dict:
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise TaxonomyError(f"{path}: not valid YAML ({e})") from None
    if not isinstance(data, dict):
        raise TaxonomyError(f"{path}: expected a mapping with `intents:` at the top")
    return data


def _patched(data: dict, base: Taxonomy | None) -> dict:
    """An intent with a base intent's id and no `examples` changes only the keys it gives (an extending tenant's
    `- id: estimate` / `catalogue: facts`); the rest, examples included, are the base intent's."""
    intents = data.get("intents")
    if base is None or not isinstance(intents, list):
        return data
    return {**data, "intents": [
        {**spec.model_dump(mode="json"), **raw}
        if isinstance(raw, dict) and "examples" not in raw and (spec := base.get(str(raw.get("id")))) is not None
        else raw for raw in intents]}


def load_taxonomy(path: Path, *, oos_label: str | None = None, base: Taxonomy | None = None) -> Taxonomy:
    """Read a taxonomy from a YAML file, a folder of YAML files, a CSV or a JSONL file.

    A folder with ``intents.yaml`` uses that file; otherwise every ``*.yaml`` in it is merged
    (an id defined in two files is an error naming both). ``oos_label`` rows of CSV/JSONL are dropped.
    ``base``: the taxonomy a YAML one extends, whose intents it may change key by key (`_patched`).
    """
    path = Path(path)
    if path.is_dir():
        main = path / "intents.yaml"
        files = [main] if main.is_file() else sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
        if not files:
            raise TaxonomyError(f"{path}: folder has no intents.yaml (or other *.yaml taxonomy files)")
        if len(files) == 1:
            return _validate(_patched(_read_yaml(files[0]), base), str(files[0]))
        return _merge(files, base)
    if not path.is_file():
        raise TaxonomyError(f"{path}: no such taxonomy file or folder")
    if path.suffix.lower() in (".yaml", ".yml"):
        return _validate(_patched(_read_yaml(path), base), str(path))
    return taxonomy_from_rows(read_labelled_rows(path), source=str(path), oos_label=oos_label)


def _merge(files: list[Path], base: Taxonomy | None) -> Taxonomy:
    intents: list[IntentSpec] = []
    origin: dict[str, Path] = {}
    versions = set()
    for f in files:
        part = _validate(_patched(_read_yaml(f), base), str(f))
        versions.add(part.version)
        for intent in part.intents:
            if intent.id in origin:
                raise TaxonomyError(f"{f}: intent {intent.id!r} is already defined in {origin[intent.id]}")
            origin[intent.id] = f
            intents.append(intent)
    return Taxonomy(version=max(versions), intents=intents)


def save_taxonomy(taxonomy: Taxonomy, path: Path) -> None:
    """Write the taxonomy as YAML in the documented layout (unicode kept readable)."""
    data = taxonomy.model_dump(mode="json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")


def import_taxonomy(source: Path, dest_dir: Path, *, oos_label: str | None = None) -> Taxonomy:
    """Validate `source` (YAML, folder, CSV or JSONL) and write it to ``dest_dir/intents.yaml``."""
    taxonomy = load_taxonomy(source, oos_label=oos_label)
    save_taxonomy(taxonomy, Path(dest_dir) / "intents.yaml")
    return taxonomy


def taxonomy_of(root: Path, library: Path, *, extend: bool) -> Taxonomy:
    """A tenant folder's intents: the library's default taxonomy, its own, or both (tenant.yaml `taxonomy:`)."""
    base = load_taxonomy(library / "taxonomy")
    own = root / "taxonomy"
    if root == library or not own.exists():
        return base
    return tenant_taxonomy(own, base, extend=extend)


def tenant_taxonomy(own: Path, base: Taxonomy, *, extend: bool) -> Taxonomy:
    """A tenant's `taxonomy/` folder read as its tenant.yaml says: extending the default (its intents replace or
    change same-id defaults, the rest are added) or replacing it."""
    if not extend:
        return load_taxonomy(own)
    mine = load_taxonomy(own, base=base)
    ids = {i.id for i in mine.intents}
    return Taxonomy(version=max(base.version, mine.version),
                    intents=[*(i for i in base.intents if i.id not in ids), *mine.intents])
