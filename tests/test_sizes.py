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


def test_a_seventeen_kilobyte_statement_builds(tmp_project):
    text = " ".join(f"word{i}" for i in range(2500))  # about 17 KB: over Graphviz's 16 KB string limit
    tmp_project.claim("long.yaml", MINIMAL_HEAD.replace("The US should engage North Korea.", text))
    proc = argmap(tmp_project.root, "build")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_project.root / "output" / "long" / "long.svg").is_file()


def test_a_chain_of_fifteen_hundred_claims_exports_to_docx(tmp_project, tmp_path):
    lines = [MINIMAL_HEAD.lstrip("\n").replace("id: thesis", "id: s0")]
    n = 1500  # deeper than Python's default recursion limit of 1,000
    lines += [f"  - id: s{i}\n    text: Claim {i}.\n" for i in range(1, n)]
    lines.append("evidence:\n  - id: ev\n    source: oped\n    quote: China accounts for over 90% of North Korea's total imports\n"
                 f"    supports: [s{n - 1}]\n")  # its card climbs the whole chain to find its stock issue
    lines.append("arguments:\n")
    lines += [f"  - id: a{i}\n    premises: [s{i}]\n    supports: s{i - 1}\n" for i in range(1, n)]
    tmp_project.claim("chain.yaml", "".join(lines))
    proc = argmap(tmp_project.root, "export", "chain", "--format", "docx", "-o", str(tmp_path / "chain.docx"))
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "chain.docx").stat().st_size > 0


def test_one_map_that_cannot_be_made_does_not_stop_the_others(tmp_project, minimal_map, monkeypatch):
    from click.testing import CliRunner

    from argmap.build import builder
    from argmap.cli import main

    tmp_project.claim("bad.yaml", minimal_map)
    tmp_project.claim("good.yaml", minimal_map)
    real = builder.json_artifacts

    def crash_for_bad(rmap, ctx):
        if rmap.id == "bad":
            raise RecursionError("maximum recursion depth exceeded")
        return real(rmap, ctx)

    monkeypatch.setattr(builder, "PRODUCERS", ["argmap.build.builder:json_artifacts"])
    monkeypatch.setattr(builder, "json_artifacts", crash_for_bad)
    result = CliRunner().invoke(main, ["build", "--project", str(tmp_project.root)])
    assert result.exit_code == 1, result.output
    assert "arguments/bad.yaml:1:1: error[E504]" in result.output
    assert (tmp_project.root / "output" / "good" / "good.json").is_file()
    assert not (tmp_project.root / "output" / "bad" / "bad.json").exists()
