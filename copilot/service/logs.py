"""Structured JSON logs with request ids, and no customer data in them.

What we log on purpose carries no customer text: the access line is method, route, status and
time (`service.requests`); validation errors never echo the input. As a second lock, every record
passes `Redact`, which replaces e-mail addresses and phone-like digit runs in the message and in a
traceback (an exception's message may quote what it failed on). Message texts and names are never
logged at INFO; DEBUG is for a developer's machine.
"""

from __future__ import annotations

import logging
import re
from typing import Any

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# 7+ digits, with the spaces, dots, dashes and brackets phones are written with.
_PHONE = re.compile(r"\+?\d(?:[\s().-]*\d){6,}")


def redact(text: str) -> str:
    return _PHONE.sub("[phone]", _EMAIL.sub("[email]", text))


class Redact(logging.Filter):
    """Removes e-mails and phone numbers from a record's message and traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


def log_config(level: str = "info", fmt: str = "json") -> dict[str, Any]:
    """A `logging.config.dictConfig` for the server (uvicorn's `log_config`): one line per record."""
    formatter = ({"()": "pythonjsonlogger.json.JsonFormatter", "timestamp": True,
                  "fmt": "%(levelname)s %(name)s %(message)s",
                  "rename_fields": {"levelname": "level", "name": "logger"}}
                 if fmt == "json" else {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"})
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact": {"()": Redact}},
        "formatters": {"default": formatter},
        "handlers": {"default": {"class": "logging.StreamHandler", "formatter": "default", "filters": ["redact"],
                                 "stream": "ext://sys.stderr"}},
        "root": {"handlers": ["default"], "level": level.upper()},
        "loggers": {
            "uvicorn": {"handlers": [], "propagate": True},
            "uvicorn.error": {"handlers": [], "propagate": True},
            # Our RequestContext writes the access line, with the request id and without the query.
            "uvicorn.access": {"handlers": [], "propagate": False},
        },
    }
