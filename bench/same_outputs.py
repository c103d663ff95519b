"""Guard for refactors: are two runs of the notebooks the same at the defaults?

    .venv/bin/python bench/same_outputs.py BEFORE_DIR AFTER_DIR [ID ...]

BEFORE_DIR and AFTER_DIR are build folders of `./workbook run --build-dir DIR` (each holds
results/ID.json and executed/ID.ipynb). For each notebook it compares the results JSON byte for
byte (cmp) and the sequence of PNG images the executed notebook shows (decoded bytes, in order).
The XChart encoder is deterministic, so equal pixels give equal bytes. Exits 1 on any difference."""

from __future__ import annotations

import base64
import hashlib
import json
import sys
from pathlib import Path


def images(executed: Path) -> list[str]:
    nb = json.loads(executed.read_text())
    out = []
    for cell in nb["cells"]:
        for o in cell.get("outputs", []):
            png = o.get("data", {}).get("image/png")
            if png:
                data = base64.b64decode("".join(png) if isinstance(png, list) else png)
                out.append(hashlib.sha256(data).hexdigest()[:12])
    return out


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    before, after = Path(argv[0]), Path(argv[1])
    ids = argv[2:] or sorted(p.stem for p in (before / "results").glob("*.json"))
    bad = 0
    for nb_id in ids:
        problems = []
        b, a = before / "results" / f"{nb_id}.json", after / "results" / f"{nb_id}.json"
        if not a.exists():
            problems.append("no results after")
        elif b.read_bytes() != a.read_bytes():
            problems.append("results JSON differs")
        if (after / "executed" / f"{nb_id}.ipynb").exists():
            ib, ia = images(before / "executed" / f"{nb_id}.ipynb"), images(after / "executed" / f"{nb_id}.ipynb")
            if ib != ia:
                gone = [h for h in ib if h not in ia]
                new = [h for h in ia if h not in ib]
                problems.append(f"charts differ: {len(ib)} before, {len(ia)} after, {len(gone)} changed or gone, {len(new)} new")
        print(f"{nb_id}: " + ("; ".join(problems) if problems else "same results JSON, same charts"))
        bad += bool(problems)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
