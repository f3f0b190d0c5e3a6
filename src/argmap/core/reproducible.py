"""One fixed date for every file format that stamps one (PDF, .docx).

A build of the same inputs must give byte-identical files, so nothing takes
the clock: SOURCE_DATE_EPOCH (the reproducible-builds convention) when it is
set, else a fixed date.
"""

from __future__ import annotations

import os

FIXED_TIMESTAMP = 1672531200  # 2023-01-01T00:00:00Z


def timestamp() -> int:
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw and raw.strip().isdigit():
        return int(raw)
    return FIXED_TIMESTAMP
