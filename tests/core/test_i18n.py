"""Every user-visible string is translated into Russian, and the catalogue is current."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "ru" / "LC_MESSAGES" / "django.po"


def _entries(po_text: str):
    import re

    blocks = po_text.split("\n\n")
    for block in blocks[1:]:
        if block.startswith("#~"):
            continue
        fuzzy = "#, fuzzy" in block
        msgid = (
            "".join(re.findall(r'^msgid "(.*)"$|^"(.*)"$', block.split("msgstr")[0], re.M)[0])
            if "msgid" in block
            else ""
        )
        strs = re.findall(r'^msgstr(?:\[\d\])? "(.*)"((?:\n".*")*)', block, re.M)
        yield msgid, fuzzy, [a + b for a, b in strs]


def test_russian_catalogue_has_no_untranslated_or_fuzzy_entries():
    problems = []
    for msgid, fuzzy, strs in _entries(PO.read_text(encoding="utf-8")):
        if fuzzy or not strs or any(not s.replace('"', "").replace("\n", "").strip() for s in strs):
            problems.append(msgid)
    assert not problems, f"untranslated or fuzzy: {problems}"


@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext is needed to extract messages")
def test_catalogue_holds_every_string_of_the_code(tmp_path):
    """makemessages run now would add nothing: no new string is left untranslated."""
    copy = tmp_path / "django.po"
    shutil.copy(PO, copy)
    subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else "python",
            "manage.py",
            "makemessages",
            "-l",
            "ru",
            "--ignore",
            ".venv/*",
            "--ignore",
            "tests/*",
            "--ignore",
            "bench/*",
            "--no-location",
            "--no-obsolete",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin:/usr/local/bin"},
    )
    try:
        fresh = {msgid for msgid, _f, _s in _entries(PO.read_text(encoding="utf-8"))}
        translated = {msgid for msgid, fuzzy, strs in _entries(copy.read_text(encoding="utf-8")) if not fuzzy}
        missing = sorted(fresh - translated)
        assert not missing, f"strings in the code but not translated (run makemessages and translate): {missing}"
    finally:
        shutil.copy(copy, PO)
