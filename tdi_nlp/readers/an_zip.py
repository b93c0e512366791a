"""A zip archive of the Assemblée nationale's open-data JSON questions, read without unpacking."""
from __future__ import annotations

import io
import zipfile

from . import an_json
from .base import ReaderError, ReadResult
from .text import decode


def read(data: bytes, key: str, path: str, max_member_mb: float) -> ReadResult:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ReaderError(f"corrupt zip archive: {exc}") from exc
    docs, problems = [], []
    members = sorted((i for i in archive.infolist() if not i.is_dir()), key=lambda i: i.filename)
    for info in members:
        name = info.filename
        if name.startswith("__MACOSX/") or name.rsplit("/", 1)[-1].startswith("."):
            continue
        where = f"{key}/{name}"
        if not name.lower().endswith(".json"):
            problems.append((where, "not an AN JSON file (only .json members are read from a zip)"))
            continue
        if info.file_size > max_member_mb * 1024 * 1024:
            problems.append((where, f"member too large: {info.file_size / 1024 / 1024:.1f} MB over the "
                                    f"{max_member_mb:g} MB limit"))
            continue
        try:
            docs.append(an_json.read(decode(archive.read(info)), where, f"{path}!{name}"))
        except ReaderError as exc:
            problems.append((where, str(exc)))
        except (zipfile.BadZipFile, OSError, EOFError) as exc:  # a damaged member, e.g. bad CRC
            problems.append((where, f"damaged zip member: {exc}"))
    if not docs:
        reasons = "; ".join(r for _, r in problems[:3])
        raise ReaderError(f"no AN question in the zip archive{': ' + reasons if reasons else ''}")
    return ReadResult(docs, problems)
