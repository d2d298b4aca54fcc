"""Editors saving in the admin while readers load pages: no acknowledged save is lost,
nothing fails, PostgreSQL reports no deadlock, and the optimistic lock still refuses the
second of two saves made at the same instant from one version.

This is `make bench-editors` scaled down: bench/editors.py starts the production server
(gunicorn, a Redis of its own) and drives editors and readers over HTTP, on the database
the suite runs on: SQLite, or a scratch database beside DATABASE_URL's PostgreSQL one.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def test_editors_saving_under_load_lose_nothing_and_meet_no_error(tmp_path):
    report = tmp_path / "editors.json"
    scaled_down = {"EDITORS": "4", "READERS": "8", "EDITORS_SECONDS": "5", "LOCK_ROUNDS": "2"}
    env = os.environ | scaled_down | {"WORKERS": "3", "EDITORS_REPORT": str(report)}
    bench = subprocess.run(
        [sys.executable, "editors.py"],
        cwd=ROOT / "bench",
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert report.exists(), bench.stderr[-3000:]
    figures = json.loads(report.read_text())
    assert (
        figures["database"] == {"postgresql": "PostgreSQL", "sqlite": "SQLite"}[connection.vendor]
    )
    assert figures["errors_by_kind"] == {}
    assert figures["lost_save_details"] == []
    assert figures["saves"] > 0
    assert [r["passed"] for r in figures["lock_rounds"]] == [True, True], figures["lock_rounds"]
    assert figures["deadlocks"] in (0, None)  # None: SQLite has no deadlock counter
    assert bench.returncode == 0
