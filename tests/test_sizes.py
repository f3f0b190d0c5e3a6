"""Sizes `check` accepts must build, and every bound holds before work is done
(issue 13, defects 10, 11, 14)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import textwrap

import pytest

from test_hostile import HANG_GUARD, argmap, assert_located_failure

MINIMAL_HEAD = """
map:
  title: Sizes
statements:
  - id: thesis
    kind: thesis
    text: The US should engage North Korea.
"""


def test_sixty_long_wrong_quotes_check_in_seconds(tmp_project):
    """The did-you-mean search is bounded: it took about 3 s per 500-word quote."""
    words = (tmp_project.root / "seeds" / "broadened-diplomacy-oped.txt").read_text(encoding="utf-8").split()
    lines = [MINIMAL_HEAD.lstrip("\n"), "evidence:\n"]
    for i in range(60):
        start = (i * 37) % max(1, len(words) - 500)
        quote = [w if j % 9 else "zzyzx" for j, w in enumerate(words[start : start + 500])]
        text = " ".join(quote).replace("\\", "").replace('"', "")
        lines.append(f'  - id: ev-{i}\n    source: oped\n    quote: "{text}"\n    supports: [thesis]\n')
    tmp_project.claim("wrong.yaml", "".join(lines))
    proc = argmap(tmp_project.root, "check")  # HANG_GUARD (60 s) would stop the old search, which took minutes
    assert proc.returncode == 1
    assert proc.stdout.count("error[E301]") == 60
    assert "the closest passage" in proc.stdout


def test_the_closest_passage_is_still_found(tmp_project):
    tmp_project.claim("typo.yaml", MINIMAL_HEAD + textwrap.dedent("""
        evidence:
          - id: ev-1
            source: oped
            quote: China accounts for over 95% of North Korea's total imports and exports
            supports: [thesis]
        """))
    proc = argmap(tmp_project.root, "check")
    assert "China accounts for over 90% of North Korea" in proc.stdout, proc.stdout


def test_aliases_that_expand_to_a_huge_text_are_refused(tmp_project):
    """Few aliases, each a long text: the expanded size is bounded, not only the count."""
    big = "x" * 100_000
    lines = [f"a0: &a0 '{big}'"]
    lines.append("many: [" + ", ".join(["*a0"] * 5_000) + "]")
    tmp_project.claim("wide.yaml", "\n".join(lines) + "\nmap: {title: t}\n")
    proc = argmap(tmp_project.root, "check")
    assert_located_failure(proc, "E005")
    assert "characters" in proc.stdout


def _limit_memory():  # 3 GiB of address space: enough for argmap, not for reading a 6 GiB file
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_AS") or sys.platform != "linux", reason="needs Linux rlimits")
@pytest.mark.parametrize("where", ["arguments/huge.yaml", "seeds/huge.txt"])
def test_a_six_gib_file_is_refused_by_build_without_reading_it(tmp_project, minimal_map, where):
    tmp_project.claim("m.yaml", minimal_map)
    huge = tmp_project.root / where
    with huge.open("wb") as f:  # sparse: costs no disk
        f.truncate(6 << 30)
    if where.startswith("seeds"):  # a source that is listed, so that it is read
        sources = tmp_project.root / "seeds" / "sources.yaml"
        sources.write_text(sources.read_text(encoding="utf-8") + "  - {id: huge, file: huge.txt, kind: news, title: Huge, date: \"2023\"}\n",
                           encoding="utf-8")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("ARGMAP_DEBUG", None)
    proc = subprocess.run([sys.executable, "-m", "argmap", "build", "--project", str(tmp_project.root)], capture_output=True,
                          text=True, timeout=HANG_GUARD, env=env, preexec_fn=_limit_memory)
    assert_located_failure(proc, "E004", where + ":1:1")
    expected = "source texts may be at most" if where.startswith("seeds") else "claim files may be at most"
    assert expected in proc.stderr
