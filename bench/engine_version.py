"""Which engine produced a bench's figures: short content hashes of its modules."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[1] / "trellis" / "matching" / "engine"


def engine_version(names: Iterable[str] = ("encoders", "scores", "pipeline")) -> str:
    """Short content hashes of engine modules, so a printed result says what produced it.

    A name that is a package (`encoders`) is hashed over all its modules.
    """
    parts = []
    for name in names:
        package = ENGINE / name
        if package.is_dir():
            label, files = f"{name}/", sorted(package.glob("*.py"))
        else:
            label, files = f"{name}.py", [ENGINE / f"{name}.py"]
        files = [path for path in files if path.exists()]
        content = b"".join(path.read_bytes() for path in files)
        parts.append(f"{label} {hashlib.sha256(content).hexdigest()[:8] if files else '-'}")
    return ", ".join(parts)
