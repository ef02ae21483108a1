"""Multilingual text utilities for the rules: lexicon matching, sentences, questions, options.

Everything works on character offsets of the original draft so a rule can point at the
offending text (RuleCheck.span). Scripts covered: Latin, Cyrillic, Armenian, Lao.
- Armenian ends a sentence with ։ and marks a question with ՞ written ON the questioned word
  («Որտե՞ղ»); some writers use '?' instead. Each ՞ is a question.
- Lao has no spaces between words; spaces separate phrases, and a question often has no '?'
  but ends with a particle (ບໍ່, ແມ່ນບໍ, ໃດ…).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..segment import words
from . import lexicon as lx

_LAO = "\u0e80-\u0eff"
_LAO_CHAR = re.compile(f"[{_LAO}]")

URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+|\b[\w.+-]+@[\w-]+\.[\w.-]+\b", re.IGNORECASE)


# ---------------------------------------------------------------- lexicon matching
#
# Word lists are matched on tokens, not with one big regex alternation: Python's re tries every
# alternative at every position (a 100-term list took ~0.5 ms on a 200-character draft), while a
# set lookup and one str.startswith(tuple) per token take microseconds.

# Lao vowel and tone marks are combining marks, which \w does not include: keep them in the word.
_W = "\\w\u0300-\u036f\u0e80-\u0eff"
_TOKEN = re.compile(f"[{_W}]+(?:['’ʼ\u055b\u055c\u055e][{_W}]*)*")
_MARKS = str.maketrans({"’": "'", "ʼ": "'", "ё": "е", "\u055b": None, "\u055c": None, "\u055e": None})
_ODD = re.compile(r"[^\w\s'’*.\-]")  # terms with '%', '#', '?' are matched by regex


def norm(word: str) -> str:
    """Lower-case, apostrophes unified, ё → е, Armenian marks dropped («Որտե՞ղ» → «որտեղ»)."""
    return word.lower().translate(_MARKS)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    norm: str


@lru_cache(maxsize=1024)
def tokens(text: str) -> tuple[Token, ...]:
    return tuple(Token(m.start(), m.end(), norm(m.group())) for m in _TOKEN.finditer(text))


@dataclass(frozen=True)
class Hit:
    """A lexicon match; quacks like re.Match for start(), end(), span(), group()."""

    _start: int
    _end: int
    _text: str

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return (self._start, self._end)

    def group(self) -> str:
        return self._text


Seq = tuple[tuple[str, bool], ...]  # (word, is_prefix) per word of a term


def _term_pattern(term: str) -> str:
    words = []
    for word in term.split():
        prefix = word.endswith("*")
        body = re.escape(word.rstrip("*"))
        words.append(body + (r"\w*" if prefix else ""))
    head = r"(?<!\w)" if term[0].isalnum() else ""
    return head + r"\s+".join(words)


class Matcher:
    """Finds the terms of a word list in text (syntax in lexicon.py)."""

    def __init__(self, terms: Iterable[str]) -> None:
        self.exact: dict[str, list[Seq]] = {}
        self.prefixed: list[tuple[str, Seq]] = []
        self.lao: list[str] = []
        odd: list[str] = []
        for term in set(terms):
            if re.search(f"[{_LAO}]", term):
                self.lao.append(term.replace(" ", ""))
            elif _ODD.search(term):
                odd.append(term)
            else:
                seq: list[tuple[str, bool]] = []
                for word in term.split():
                    parts = [norm(t) for t in _TOKEN.findall(word)]
                    seq += [(p, False) for p in parts[:-1]] + [(parts[-1], word.endswith("*"))]
                first, is_prefix = seq[0]
                if is_prefix:
                    self.prefixed.append((first, tuple(seq)))
                else:
                    self.exact.setdefault(first, []).append(tuple(seq))
        self.prefixes = tuple(p for p, _ in self.prefixed)
        self.regex = re.compile("|".join(map(_term_pattern, odd)), re.IGNORECASE) if odd else None

    def _at(self, toks: tuple[Token, ...], i: int, text: str) -> int | None:
        """End offset of the longest term starting at token i, or None."""
        tok = toks[i].norm
        candidates = list(self.exact.get(tok, ()))
        if self.prefixes and tok.startswith(self.prefixes):
            candidates += [seq for p, seq in self.prefixed if tok.startswith(p)]
        best = None
        for seq in candidates:
            if i + len(seq) > len(toks):
                continue
            ok = True
            for j, (word, prefix) in enumerate(seq[1:], 1):
                t = toks[i + j]
                gap = text[toks[i + j - 1].end:t.start]
                if len(gap) > 3 or any(ch in "!?։\n" for ch in gap) or not (
                        t.norm == word or prefix and t.norm.startswith(word)):
                    ok = False
                    break
            if ok:
                end = toks[i + len(seq) - 1].end
                best = end if best is None else max(best, end)
        return best

    def finditer(self, text: str) -> list[Hit]:
        hits: list[Hit] = []
        toks = tokens(text)
        for i in range(len(toks)):
            end = self._at(toks, i, text)
            if end is not None:
                hits.append(Hit(toks[i].start, end, text[toks[i].start:end]))
        for term in self.lao:
            at = text.find(term)
            while at >= 0:
                if _lao_word_ends(text, at, at + len(term)):
                    hits.append(Hit(at, at + len(term), term))
                at = text.find(term, at + len(term))
        if self.regex:
            hits += [Hit(m.start(), m.end(), m.group()) for m in self.regex.finditer(text)]
        return sorted(hits, key=lambda h: h.start())

    def search(self, text: str) -> Hit | None:
        hits = self.finditer(text)
        return hits[0] if hits else None

    def sub(self, repl: str, text: str, count: int = 0) -> str:
        hits = self.finditer(text)
        for h in reversed(hits[:count] if count else hits):
            text = text[:h.start()] + repl + text[h.end():]
        return text


def _lao_word_ends(text: str, begin: int, end: int) -> bool:
    """Whether a Lao term found at text[begin:end] is not part of one longer word (Lao has no spaces:
    "ບ້າ", crazy, starts "ບ້ານ", home). A term of several words may end inside the segmenter's next word."""
    if end >= len(text) or not _LAO_CHAR.match(text[end]):
        return True
    start = begin
    while start > 0 and _LAO_CHAR.match(text[start - 1]):
        start -= 1
    stop = end
    while stop < len(text) and _LAO_CHAR.match(text[stop]):
        stop += 1
    at = start
    for word in words(text[start:stop]):
        if at <= begin < at + len(word):
            return at + len(word) <= end
        at += len(word)
    return True


def terms_matcher(terms: Iterable[str] | Mapping[str, Iterable[str]]) -> Matcher:
    """A matcher for a word list, or for a lexicon across all its languages."""
    if isinstance(terms, Mapping):
        terms = [t for ts in terms.values() for t in ts]
    return Matcher(terms)


@lru_cache(maxsize=64)
def lexicon(name: str) -> Matcher:
    """The matcher of a lexicon in ``lexicon.py`` by its name ('CTA', 'EMPATHY', …)."""
    return terms_matcher(getattr(lx, name))


# ---------------------------------------------------------------- sentences and questions


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


_ABBREVIATIONS = frozenset({"e.g", "i.e", "etc", "mr", "mrs", "ms", "dr", "no", "approx", "vs", "т.е", "т.д", "т.п",
                            "г", "ул", "д", "руб", "грн", "тыс", "им", "напр", "էլ", "бул", "вул", "пр"})
_END = re.compile(r"[.!?։…]+[\"'»”)\]]*(?=\s|$)|\n")
_LAO_GAP = re.compile(f"(?<=[{_LAO}])[ \\t]+(?=[{_LAO}])")
_LAST_WORD = re.compile(r"([\w.]+)\.+$")


def mask_urls(text: str) -> str:
    """URLs and e-mail addresses blanked to spaces (same length): their '?' and '.' are not punctuation."""
    if "@" not in text and "http" not in text and "www." not in text:
        return text
    return URL.sub(lambda m: " " * len(m.group()), text)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with offsets. Lao phrases separated by spaces count as sentences."""
    masked = mask_urls(text)
    cuts = {0, len(text)}
    for m in _END.finditer(masked):
        token = m.group()
        if token.startswith(".") and "?" not in token and "!" not in token:
            rest = masked[m.end():].lstrip()
            word = _LAST_WORD.search(masked[max(0, m.start() - 12):m.end()])
            if rest and rest[0].islower():  # "էլ. փոստ", "т. е." — not an end
                continue
            if word and word.group(1).lower() in _ABBREVIATIONS:
                continue
        cuts.add(m.end())
    for m in _LAO_GAP.finditer(masked):
        cuts.add(m.start())
    out: list[Sentence] = []
    edges = sorted(cuts)
    for a, b in zip(edges, edges[1:]):
        chunk = text[a:b]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            out.append(Sentence(a + lead, a + lead + len(stripped), stripped))
    return out


def question_count(sentence: str) -> int:
    """How many questions a sentence asks: '?' (outside URLs), each Armenian ՞, a Lao end particle. The ՞ on
    "թե" (or) joins an alternative to the question before it: "Ո՞րն եք նախընտրում՝ A, թե՞ B" asks one."""
    masked = mask_urls(sentence)
    marks = masked.count("\u055e")
    if marks:
        return max(1, marks - len(re.findall("(?<![^\\W_])թե\u055e", masked)))
    if "?" in masked:
        # Each run of "?" is one question: "order number?, and your email?" asks two.
        return len(re.findall(r"\?+", masked))
    return 1 if masked.rstrip(" \t\n.!…").endswith(lx.LAO_QUESTION_PARTICLES) else 0


_LAO_QUESTION = re.compile("|".join(lx.LAO_QUESTION_WORDS))
_LOWER_OPENING = re.compile(r"(?<=[^\W\d_]{3}[.!])\s+(?=[^\W\d_])")  # "Ереван. сколько": after a word, not "т. е."


def asks_question(message: str) -> bool:
    """Whether a customer's message asks something: a question mark (or ՞, a Lao end particle) in
    any sentence, or a sentence that opens like a question ("can I return it", "можно вернуть")."""
    if _LAO_QUESTION.search(message):
        return True
    for s in split_sentences(message):
        if question_count(s.text):
            return True
        # A customer's next sentence often opens in lower case ("…релоцируемся в Ереван. сколько у вас кабинет"),
        # which split_sentences keeps as one (for "т. е."): each part may open like a question.
        for part in _LOWER_OPENING.split(s.text):
            hit = lexicon("QUESTION_OPENER").search(part)
            if hit and _opens(part[:hit.start()].strip(" ,-—–\"'«")):
                return True
    return False


def _opens(before: str) -> bool:
    """Nothing before the question word but a conjunction ("and how much"), and one preposition ("за сколько", "at
    what time")."""
    lead = lexicon("QUESTION_LEAD").search(before)
    if lead is not None and lead.start() == 0:
        before = before[lead.end():].strip(" ,")
    if not before:
        return True
    hit = lexicon("QUESTION_PREPOSITION").search(before) if " " not in before else None
    return hit is not None and hit.start() == 0 and hit.end() == len(before)


def is_optional(sentence: str) -> bool:
    """'If you already know the time range, add it too' — an optional extra (H3)."""
    return bool(lexicon("OPTIONAL").search(sentence))


# ---------------------------------------------------------------- options (M2, M3, H2, H4)

_LABEL = re.compile(
    r"(?:^|(?<=[\s(:—–-]))\(?([1-9]|[A-CАБВ])\)(?=\s)"  # (1)  1)  A)  (Б)
    r"|^[ \t]*(?:[-•*][ \t]*)?([1-9]|[A-C])[.:][ \t]"  # line "1. …" / "A: …"
    r"|([1-9])\ufe0f?\u20e3"  # 1️⃣
    r"|(?:" + "|".join(lx.OPTION_WORD) + r")\s+([1-9A-CАБВԱԲԳ])(?!\w)",
    re.IGNORECASE | re.MULTILINE,
)
_CYR_TO_LATIN = {"А": "A", "Б": "B", "В": "C", "Ա": "A", "Բ": "B", "Գ": "C"}


def option_labels(text: str) -> list[str]:
    """Distinct labels of the options offered ('1', '2' or 'A', 'B'), in order of appearance."""
    seen: list[str] = []
    for m in _LABEL.finditer(mask_urls(text)):
        label = next(g for g in m.groups() if g).upper()
        label = _CYR_TO_LATIN.get(label, label)
        if label not in seen:
            seen.append(label)
    return seen


def labelled_options(text: str) -> list[tuple[str, str]]:
    """The options offered, as (label, text): "(1) prices, (2) booking" -> [("1", "prices"), ("2", "booking")]."""
    masked = mask_urls(text)
    found = [m for m in _LABEL.finditer(masked)]
    out: list[tuple[str, str]] = []
    for i, m in enumerate(found):
        label = next(g for g in m.groups() if g).upper()
        label = _CYR_TO_LATIN.get(label, label)
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        piece = re.split(r"[\n?։]|[.!](?:\s|$)", text[m.end():end])[0]
        piece = re.sub(r"[\s,;]*(?:\bor|\bили|\bабо|\bчи|\bկամ|\bթե|ຫຼື)?[\s,;]*$", "", piece.strip(),
                       flags=re.IGNORECASE)
        if label not in dict(out):
            out.append((label, piece.strip(" –-:")))
    return out


# ---------------------------------------------------------------- editing


_SPACE_BEFORE_PUNCT = re.compile(r"[ \t]+([,.!?;:։…])")
_DOUBLE_PUNCT = re.compile(r"([,;:])\s*([,.!?;:։])")
_SPACES = re.compile(r"[ \t]{2,}")
_BLANKS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def tidy(text: str) -> str:
    """Clean up after cutting pieces out: stray spaces before punctuation, doubled commas, blank runs."""
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _DOUBLE_PUNCT.sub(r"\2", text)
    text = _SPACES.sub(" ", text)
    text = _BLANKS.sub("\n\n", text)
    text = re.sub(r"^[ \t,;:]+", "", text, flags=re.MULTILINE)
    return text.strip()


def remove_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + text[end:]
    return tidy(text)
