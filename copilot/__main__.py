"""`python -m copilot …` is the `copilot` command (for an environment whose scripts are not on PATH)."""

from .cli import run

run()
