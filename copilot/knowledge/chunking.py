"""Split a policy markdown file into `## ` sections, and long sections into token-sized chunks.

A chunk is what a draft quotes and cites (H10), so chunks break at paragraph boundaries, then
at sentences, and only as a last resort inside a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Small enough for multilingual-e5-small's 512-token window even in scripts that tokenise
# densely (hy, lo), and a size a customer reads in one go (H5).
TOKEN_BUDGET = 300

_SENTENCE_END = re.compile(r"(?<=[.!?։။។…])\s+")


@dataclass(frozen=True)
class Chunk:
    number: int
    text: str


@dataclass(frozen=True)
class Section:
    number: int  # 1 for the first `## ` section; 0 for text before it
    title: str
    chunks: tuple[Chunk, ...]


@lru_cache(maxsize=1)
def _encoding():  # type: ignore[no-untyped-def]
    import tiktoken

    from .. import _bootstrap  # noqa: F401  (sets TIKTOKEN_CACHE_DIR: no download)

    return tiktoken.get_encoding("cl100k_base")


def count_tokens(text: str) -> int:
    return len(_encoding().encode(text))


def split_sections(markdown: str, *, default_title: str, budget: int = TOKEN_BUDGET) -> list[Section]:
    """`## ` headings start sections; a leading `# ` title names any text before the first one."""
    title = default_title
    current_title: str | None = None
    current: list[str] = []
    raw: list[tuple[str | None, str]] = []
    in_fence = False
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        if not in_fence and line.startswith("## "):
            raw.append((current_title, "\n".join(current)))
            current_title, current = line[3:].strip(), []
        elif not in_fence and line.startswith("# ") and current_title is None and not any(s.strip() for s in current):
            title = line[2:].strip() or default_title
        else:
            current.append(line)
    raw.append((current_title, "\n".join(current)))

    sections: list[Section] = []
    number = 0
    for heading, body in raw:
        if heading is not None:
            number += 1
        body = body.strip()
        if not body:
            continue
        texts = chunk_text(body, budget=budget)
        sections.append(
            Section(
                number=number,
                title=heading or title,
                chunks=tuple(Chunk(i + 1, t) for i, t in enumerate(texts)),
            )
        )
    return sections


def chunk_text(text: str, *, budget: int = TOKEN_BUDGET) -> list[str]:
    """Greedily pack paragraphs into chunks of at most `budget` tokens."""
    if count_tokens(text) <= budget:
        return [text]
    pieces: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        para = para.strip()
        if para:
            pieces.extend(_split_long(para, budget) if count_tokens(para) > budget else [para])
    return _pack(pieces, budget, sep="\n\n")


def _split_long(paragraph: str, budget: int) -> list[str]:
    sentences = [s for s in _SENTENCE_END.split(paragraph) if s.strip()]
    out: list[str] = []
    for s in sentences:
        if count_tokens(s) <= budget:
            out.append(s)
            continue
        out.extend(_cut_by_tokens(s, budget))
    return _pack(out, budget, sep=" ")


def _cut_by_tokens(text: str, budget: int) -> list[str]:
    """Last resort for a "sentence" longer than the budget; cuts only between whole characters."""
    enc = _encoding()
    out: list[str] = []
    buf, n = b"", 0
    for piece in enc.decode_tokens_bytes(enc.encode(text)):
        buf, n = buf + piece, n + 1
        if n >= budget:
            try:
                out.append(buf.decode("utf-8"))
            except UnicodeDecodeError:
                continue  # a character is split across tokens: take the next token too
            buf, n = b"", 0
    if buf:
        out.append(buf.decode("utf-8", errors="replace"))
    return [t.strip() for t in out if t.strip()]


def _pack(pieces: list[str], budget: int, *, sep: str) -> list[str]:
    chunks: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}{sep}{piece}" if current else piece
        if current and count_tokens(candidate) > budget:
            chunks.append(current)
            current = piece
        else:
            current = candidate
    if current:
        chunks.append(current)
    return chunks
