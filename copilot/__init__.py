"""Reply Copilot: suggested replies for customer messaging that follow the message-hygiene rulebook.

    from copilot import Copilot
    suggestion = Copilot.from_env().suggest({"messages": [{"role": "customer", "text": "where is my order?"}]})
"""

from typing import TYPE_CHECKING, Any

from . import _bootstrap  # noqa: F401  (must run before litellm / tiktoken / chromadb import)
from .models import Conversation, HygieneReport, Suggestion
from .settings import Settings
from .version import __version__

if TYPE_CHECKING:
    from .pipeline import Copilot


__all__ = ["Conversation", "Copilot", "HygieneReport", "Settings", "Suggestion", "__version__"]


def __getattr__(name: str) -> Any:
    # Copilot pulls in the embedder, Chroma and the rule engine: import it only when asked for.
    if name == "Copilot":
        from .pipeline import Copilot

        return Copilot
    raise AttributeError(f"module 'copilot' has no attribute {name!r}")
