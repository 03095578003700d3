"""cv: a command-line fact sheet for Cosmetic Valley.

For scripts: `from cosmetic_valley_cli import load_facts`; `load_facts()` returns the
validated dataset as a `Facts` model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .version import __version__

__all__ = ["DataError", "Facts", "__version__", "load_document", "load_facts", "main"]

if TYPE_CHECKING:
    from .dataset import load_document
    from .errors import DataError
    from .loader import load_facts
    from .model import Facts


def main() -> None:
    """The `cv` console script: the command line, with Ctrl-C covered from the first import."""
    try:
        from .cli import main as run
    except KeyboardInterrupt:  # interrupted while typer and friends were being imported
        raise SystemExit(130) from None
    run()


def __getattr__(name: str) -> Any:
    # Imported on first use, so that `cv --version` and shell completion need not load
    # pydantic and PyYAML.
    if name == "load_facts":
        from .loader import load_facts

        return load_facts
    if name == "load_document":
        from .dataset import load_document

        return load_document
    if name == "Facts":
        from .model import Facts

        return Facts
    if name == "DataError":
        from .errors import DataError

        return DataError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
