"""Words of a message in any script: Lao (and Thai) are written without spaces between words.

Counting words by spaces reads a whole Lao sentence as one word. Lao text is segmented with
LaoNLP's dictionary tokenizer (Thai with PyThaiNLP, which LaoNLP depends on); other scripts split
on letters and digits. The tokenizers are imported on the first unspaced text (~0.45 s, a quarter
of a warm CLI call, for the Lao names of any tenant's catalogue), so the runs they split are kept in
the data dir (`keep_in`): a process meets a new run before it imports them.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import re
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from .cache_files import set_aside

log = logging.getLogger("copilot")

_LAO = re.compile(r"[\u0E80-\u0EFF]")
_THAI = re.compile(r"[\u0E00-\u0E7F]")
# Lao and Thai vowel and tone marks are not \w: keep them in the run they belong to.
_WORD = re.compile(r"(?:[^\W_]|[\u0E00-\u0EFF])+(?:['’][^\W_]+)?", re.UNICODE)


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """The words of ``text``: letters/digits runs, unspaced scripts split by a dictionary tokenizer."""
    out: list[str] = []
    for run in _WORD.findall(text):
        if _LAO.search(run):
            out += _split(run, "lo")
        elif _THAI.search(run):
            out += _split(run, "th")
        else:
            out.append(run)
    return tuple(out)


@lru_cache(maxsize=4096)
def spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where each of `words(text)` is in ``text`` (start, end)."""
    out: list[tuple[int, int]] = []
    for run in _WORD.finditer(text):
        at = run.start()
        for part in words(run.group()):
            start = text.find(part, at, run.end())
            if start < 0:  # a tokenizer that changed the text: keep the run whole
                return tuple(out) + tuple((r.start(), r.end()) for r in _WORD.finditer(text, run.start()))
            out.append((start, start + len(part)))
            at = start + len(part)
    return tuple(out)


def word_count(text: str) -> int:
    return len(words(text))


_known: dict[str, list[str]] = {}  # "lo:run" -> its words: read from the file, then added to
_new: dict[str, list[str]] = {}
_file: Path | None = None
# Runs customers write are kept too; past this many a process stops adding (memory, file size).
MAX_KEPT = 50_000


def _split(run: str, script: str) -> list[str]:
    key = f"{script}:{run}"
    got = _known.get(key)
    if got is None:
        if script == "lo":
            from laonlp.tokenize import word_tokenize
        else:
            from pythainlp.tokenize import word_tokenize
        got = [w for w in word_tokenize(run) if w.strip()]
        if len(_known) < MAX_KEPT:
            _known[key] = _new[key] = got
    return got


def keep_in(folder: Path) -> None:
    """Read the runs split before from `folder` and write the new ones there at exit (and on `save`).
    Only a cache: the file is named for the tokenizer versions; a damaged one is set aside."""
    global _file
    path = Path(folder) / f"segments-{version('laonlp')}-{version('pythainlp')}.json"
    if path == _file:
        return
    if _file is None:
        atexit.register(save)
    else:
        save()
    _file = path
    try:
        _known.update(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as exc:
        set_aside(path, exc, "segmentation cache")


def save() -> None:
    """Write the runs split since the last save (merged with what other processes wrote)."""
    if _file is None or not _new:
        return
    try:
        try:
            on_disk = json.loads(_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            on_disk = {}
        _file.parent.mkdir(parents=True, exist_ok=True)
        tmp = _file.with_name(f"{_file.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({**on_disk, **_new}, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, _file)  # readers see the old file or the new one, never half
        _new.clear()
    except OSError as exc:  # read-only or full disk: the next process splits again
        log.warning("segmentation cache %s not written (%s: %s)", _file, type(exc).__name__, exc)
