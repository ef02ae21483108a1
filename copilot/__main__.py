"""`python -m copilot …` is the `copilot` command (for an environment whose scripts are not on PATH)."""

from .cli import run

if __name__ == "__main__":  # importing the module (doctest discovery walks the package) runs nothing
    run()
