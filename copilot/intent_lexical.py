"""The intent classifier's lexical view: TF-IDF character and word n-grams with a linear SVM.

Exact wordings ("top up", "PIN", "card arrival") that e5 smooths over decide some close intents;
character n-grams need no tokeniser (hy, lo). See the classifier's docstring for what it adds.
"""

from __future__ import annotations

import json
import pickle
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

LEXICAL_TAU = 0.1  # softness of the SVM margins (they sit roughly in [-1, 1])
_SVM_C = 0.5


_WHITE_SPACES = re.compile(r"\s\s+")


@dataclass(frozen=True)
class NgramView:
    """One fitted TF-IDF vectorizer as scoring needs it: how it cuts text, its vocabulary and idf.

    The analyzers below reproduce scikit-learn's (lower-case, then `char_wb` or `word` n-grams;
    tests/test_intent_lexical.py compares them on every default example), so loading a cached
    classifier never imports scikit-learn (~1.8 s of CPU in a CLI call)."""

    analyzer: str  # "char_wb" | "word"
    ngram_range: tuple[int, int]
    token_pattern: str
    vocabulary: dict[str, int]
    idf: np.ndarray  # float32, one per vocabulary entry

    def analyze(self, text: str) -> list[str]:
        text = text.lower()
        lo, hi = self.ngram_range
        if self.analyzer == "char_wb":
            return _char_wb_ngrams(text, lo, hi)
        return _word_ngrams(re.findall(self.token_pattern, text), lo, hi)

    @classmethod
    def of(cls, vectorizer: Any) -> NgramView:
        """From a fitted scikit-learn TfidfVectorizer."""
        return cls(vectorizer.analyzer, tuple(vectorizer.ngram_range), vectorizer.token_pattern,
                   dict(vectorizer.vocabulary_), vectorizer.idf_.astype(np.float32))


def _char_wb_ngrams(text: str, lo: int, hi: int) -> list[str]:
    out: list[str] = []
    for word in _WHITE_SPACES.sub(" ", text).split():
        w = f" {word} "
        for n in range(lo, hi + 1):
            offset = 0
            out.append(w[offset:offset + n])
            while offset + n < len(w):
                offset += 1
                out.append(w[offset:offset + n])
            if offset == 0:  # a short word (shorter than n) counts once
                break
    return out


def _word_ngrams(tokens: list[str], lo: int, hi: int) -> list[str]:
    out = list(tokens) if lo == 1 else []
    for n in range(max(lo, 2), min(hi + 1, len(tokens) + 1)):
        out.extend(" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
    return out


@dataclass(frozen=True)
class LexicalView:
    """TF-IDF character and word n-grams with one linear SVM over both."""

    views: tuple[NgramView, ...]  # (char_wb, word), fitted
    coef: np.ndarray  # (n_features, k) float32
    intercept: np.ndarray  # (k,)
    # The fitted scikit-learn vectorizers when this process has them (after fitting, or from an old
    # cache): saved too, pickled, so a cache written here still loads in code before NgramView.
    sklearn_vectorizers: tuple | None = None

    def probs(self, texts: list[str]) -> np.ndarray:
        margins = np.array([self._margins(t) for t in texts], np.float32).reshape(len(texts), -1)
        z = margins / LEXICAL_TAU
        e = np.exp(z - z.max(axis=-1, keepdims=True))  # scipy.special.softmax, without importing scipy
        return e / e.sum(axis=-1, keepdims=True)

    def _margins(self, text: str) -> np.ndarray:
        # Same features as sklearn's transform (sublinear tf x idf, L2 per view) without its ~0.8 ms
        # of input validation per message.
        out = self.intercept.astype(np.float32).copy()
        offset = 0
        for view in self.views:
            vocab = view.vocabulary
            counts = Counter(j for j in map(vocab.get, view.analyze(text)) if j is not None)
            if counts:
                cols = np.fromiter(counts.keys(), np.int64, len(counts))
                weights = (1.0 + np.log(np.fromiter(counts.values(), np.float32, len(counts)))) * view.idf[cols]
                weights /= np.linalg.norm(weights)
                out += weights @ self.coef[cols + offset]
            offset += len(vocab)
        return out

    def to_arrays(self) -> dict[str, np.ndarray]:
        meta = [{"analyzer": v.analyzer, "ngram_range": list(v.ngram_range), "token_pattern": v.token_pattern,
                 "vocabulary": sorted(v.vocabulary, key=v.vocabulary.__getitem__)} for v in self.views]
        blob = np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), np.uint8)
        idf = {f"lex_idf_{i}": v.idf for i, v in enumerate(self.views)}
        legacy = {}
        if self.sklearn_vectorizers is not None:
            pickled = pickle.dumps(self.sklearn_vectorizers, protocol=pickle.HIGHEST_PROTOCOL)
            legacy["lex_vectorizers"] = np.frombuffer(pickled, np.uint8)
        return {"lex_views": blob, **idf, "lex_coef": self.coef, "lex_intercept": self.intercept, **legacy}

    @classmethod
    def from_arrays(cls, z: Any) -> LexicalView | None:
        if "lex_views" in z.files:
            meta = json.loads(z["lex_views"].tobytes().decode("utf-8"))
            views = tuple(NgramView(m["analyzer"], tuple(m["ngram_range"]), m["token_pattern"],
                                    {t: i for i, t in enumerate(m["vocabulary"])}, z[f"lex_idf_{n}"])
                          for n, m in enumerate(meta))
            return cls(views, z["lex_coef"], z["lex_intercept"])
        if "lex_vectorizers" in z.files:  # a cache written before NgramView: pickled sklearn vectorizers
            vectorizers = pickle.loads(z["lex_vectorizers"].tobytes())  # our own cache entry, never user input
            return cls(tuple(NgramView.of(v) for v in vectorizers), z["lex_coef"], z["lex_intercept"], vectorizers)
        return None

    @staticmethod
    def is_legacy(z: Any) -> bool:
        """A cache entry with only the pickled vectorizers (loading it imports scikit-learn)."""
        return "lex_vectorizers" in z.files and "lex_views" not in z.files


def make_vectorizers() -> tuple[Any, Any]:
    """The two unfitted scikit-learn vectorizers the view is fitted with (char_wb, word)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return (
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, dtype=np.float32),
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, dtype=np.float32,
                        token_pattern=r"(?u)\b\w+\b"),
    )


def fit_lexical(texts: list[str], labels: np.ndarray, n_classes: int) -> LexicalView | None:
    """Fit on the examples; None when there is nothing per class to learn from."""
    from scipy import sparse  # import cost only when fitting
    from sklearn.svm import LinearSVC

    if len(np.unique(labels)) < n_classes or n_classes < 2:
        return None  # an intent without examples (or a single intent): no per-class margin to learn
    vectorizers = make_vectorizers()
    try:
        x = sparse.hstack([v.fit_transform(texts) for v in vectorizers]).tocsr()
    except ValueError:  # no n-gram at all (examples of digits or punctuation only)
        return None
    svm = LinearSVC(C=_SVM_C, class_weight="balanced").fit(x, labels)
    coef, intercept = svm.coef_, svm.intercept_
    if n_classes == 2:  # binary LinearSVC keeps one margin; spell out both classes
        coef, intercept = np.vstack([-coef, coef]) / 2, np.array([-intercept[0], intercept[0]]) / 2
    return LexicalView(tuple(NgramView.of(v) for v in vectorizers), np.ascontiguousarray(coef.T, np.float32),
                       intercept.astype(np.float32), vectorizers)
