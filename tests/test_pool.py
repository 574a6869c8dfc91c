"""Checking a tree on several processes gives what one process gives, and keeps little."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mplint.api import lint_paths
from mplint.engine import pool, registry
from mplint.engine.config import Config
from mplint.reporters import get

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NOISE = "import atexit\n\natexit.register(print)\n"
SYNTAX_ERROR = "sm.create_model_package(ModelPackageGroupName='g'\n"
CRASH = '{"ModelPackageGroupName": "crash-me", "ModelApprovalStatus": "Approvd"}\n'
SECRET = "Zq3vR8tLm2Wx9Yk4Hs7Dp1Fg6Jc5Nb0Ae2Ui8OoQ"

needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork here")


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A tree with findings, a parse error, notebooks, noise, a secret and a crashing rule."""
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLES, root)
    for i in range(40):
        (root / f"noise{i}.py").write_text(NOISE)
    (root / "python" / "broken_syntax.py").write_text(SYNTAX_ERROR)
    (root / "crash.json").write_text(CRASH)
    rule = registry.find(registry.rule_classes(), "MP222")
    check = rule.check

    def crashing(self, request):  # type: ignore[no-untyped-def]
        group = request.root.get("ModelPackageGroupName") if request.root else None
        if group is not None and group.value == "crash-me":
            raise ValueError("planted")
        return check(self, request)

    monkeypatch.setattr(rule, "check", crashing)
    return root


def outputs(root: Path, jobs: int) -> dict[str, str]:
    run = lint_paths([str(root)], jobs=jobs)
    return {fmt: get(fmt)(run, False) for fmt in ("text", "json", "sarif", "github")}


@pytest.mark.slow
@needs_fork
def test_a_pool_gives_the_serial_output(tree: Path) -> None:
    assert pool.workers(2, 50) == 2
    serial, pooled = outputs(tree, 1), outputs(tree, 2)
    assert pooled == serial
    found = {(d["rule"], Path(d["file"]).name) for d in json.loads(pooled["json"])["diagnostics"]}
    assert {("MP001", "broken_syntax.py"), ("MP002", "crash.json"), ("MP104", "crash.json")} <= found
    assert any(name == "broken.ipynb" for _, name in found)
    assert not any(name.startswith("noise") for _, name in found)
    # Excerpts come from the kept text of files with findings, with secrets masked.
    assert "AWS_SECRET_ACCESS_KEY: ****" in pooled["text"]
    assert SECRET not in pooled["text"]


def test_files_keep_no_requests_and_only_findings_keep_text(tree: Path) -> None:
    run = lint_paths([str(tree)], jobs=1)
    kept = {
        Path(f.file).name: (f.text is not None, bool(f.diagnostics), len(f._unsearched))
        for f in run.files
        if Path(f.file).name in ("noise0.py", "valid-versioned.yaml", "crash.json")
    }
    assert kept == {
        "noise0.py": (False, False, 0),
        "valid-versioned.yaml": (False, False, 0),
        "crash.json": (True, True, 0),
    }


def test_one_job_or_few_files_stay_in_process() -> None:
    assert pool.workers(1, 10_000) == 1
    assert pool.workers(None, pool.MIN_FILES - 1) == 1
    assert pool.workers(8, 10) == 8  # asked for
    assert pool.workers(8, 3) == 3  # never more processes than files


def stage(i: int) -> tuple[int | None, int | None]:
    return (i, None) if i % 2 else (None, i)


def finish_here(task: tuple[int], staged: int) -> tuple[int, int]:
    return (staged, os.getpid())


@needs_fork
def test_files_are_dealt_out_and_put_back_in_order() -> None:
    out = pool.run([(i,) for i in range(41)], stage, finish_here, jobs=3)
    assert [o if isinstance(o, int) else o[0] for o in out] == list(range(41))
    pids = [o[1] for o in out if not isinstance(o, int)]
    # Every third file to each process: this one checks files 0, 6, 12...; two workers the rest.
    by_process: dict[int, list[int]] = {}
    for o in out:
        if not isinstance(o, int):
            by_process.setdefault(o[1], []).append(o[0])
    assert by_process[os.getpid()] == list(range(0, 41, 6))
    assert len(set(pids)) == 3
    assert sorted(by_process.values()) == sorted([list(range(0, 41, 6)), list(range(4, 41, 6)), list(range(2, 41, 6))])


def finish_or_die(task: tuple[int], staged: int) -> tuple[int, int]:
    if os.getpid() != PARENT:
        os._exit(3)  # a worker dies as on a crash of the interpreter
    return (staged, os.getpid())


PARENT = os.getpid()  # the test process


@needs_fork
def test_a_dead_worker_makes_the_run_go_on_in_process() -> None:
    out = pool.run([(i,) for i in range(10)], stage, finish_or_die, jobs=2)
    assert out == [(i, os.getpid()) if i % 2 == 0 else i for i in range(10)]


def finish_unpicklable(task: tuple[int], staged: int) -> object:
    return (lambda: staged) if os.getpid() != PARENT else (staged, os.getpid())


@needs_fork
def test_a_worker_that_cannot_send_its_results_has_its_share_redone_here() -> None:
    out = pool.run([(i,) for i in range(10)], stage, finish_unpicklable, jobs=2)
    assert out == [(i, os.getpid()) if i % 2 == 0 else i for i in range(10)]


@pytest.mark.slow
def test_jobs_option(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(CRASH)
    for jobs in ("0", "x"):
        done = subprocess.run(
            [sys.executable, "-m", "mplint", "check", "--jobs", jobs, str(tmp_path)], capture_output=True, text=True
        )
        assert done.returncode == 2
        assert "--jobs" in done.stderr
    done = subprocess.run(
        [sys.executable, "-m", "mplint", "check", "-j", "2", "--format", "json", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert [(d["rule"], d["line"], d["column"]) for d in json.loads(done.stdout)["diagnostics"]] == [
        ("MP222", 1, 1),
        ("MP104", 1, 62),
    ]


@pytest.mark.slow
@needs_fork
def test_workers_import_only_what_the_files_need(tmp_path: Path) -> None:
    for i in range(6):
        (tmp_path / f"n{i}.py").write_text(NOISE)
        (tmp_path / f"r{i}.json").write_text(CRASH)
    code = (
        "import sys\n"
        "from mplint import api\nfrom mplint.engine import pool\n"
        "from mplint.engine.config import Config\n"
        "def probe(task, candidate):\n"
        "    api.check_candidate(task, candidate)\n"
        "    return sorted(m for m in ('libcst', 'yaml', 'regex') if m in sys.modules)\n"
        "tasks = [(p, Config(), False, False) for p in sys.argv[1:]]\n"
        "out = pool.run(tasks, api.stage_file, probe, jobs=2)\n"
        "print(sorted(set(tuple(o) for o in out if isinstance(o, list))), 'libcst' in sys.modules)\n"
    )
    files = sorted(str(p) for p in tmp_path.iterdir())
    out = subprocess.run([sys.executable, "-c", code, *files], capture_output=True, text=True, check=True).stdout
    assert out == "[()] False\n"


def test_a_small_run_imports_no_process_machinery(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(CRASH)
    code = (
        "import sys\nfrom mplint.api import lint_paths\nrun = lint_paths(sys.argv[1:])\n"
        "print(len(run.diagnostics), [m for m in ('multiprocessing', 'concurrent.futures', 'libcst')"
        " if m in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True).stdout
    assert out == "2 []\n"


@pytest.mark.slow
@needs_fork
def test_a_pool_keeps_and_reuses_cached_results(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mplint import api

    def report(jobs: int, cache_dir: str | None) -> str:
        return get("json")(lint_paths([str(tree)], jobs=jobs, cache_dir=cache_dir), False)

    serial = report(1, None)
    cache_dir = str(tmp_path / "cache")
    assert report(2, cache_dir) == serial

    from mplint.engine import run

    check = run.check

    def no_check(candidate: api.Candidate, config: Config) -> api.FileResult:
        # A rule's crash is not kept: that file alone is checked again.
        assert candidate.filename.endswith("crash.json"), f"{candidate.filename} was checked again"
        return check(candidate, config)

    monkeypatch.setattr(run, "check", no_check)
    assert report(2, cache_dir) == serial


def test_a_result_travels_whole_and_an_empty_one_travels_small() -> None:
    import pickle

    from mplint.model import Span
    from mplint.result import FileResult

    empty = FileResult("pkg/mod.py", requests=0, skipped=True)
    assert vars(pickle.loads(pickle.dumps(empty))) == vars(empty)
    assert len(pickle.dumps(empty)) < 80
    full = lint_paths([str(EXAMPLES / "broken" / "schema-errors.json")], jobs=1).files[0]
    assert full.diagnostics and full.text
    back = pickle.loads(pickle.dumps(full))
    assert (back.file, back.diagnostics, back.text, back.redactions) == (
        full.file,
        full.diagnostics,
        full.text,
        full.redactions,
    )
    masked = FileResult("a.yaml", skipped=True)
    masked.lexical_redactions.append(Span(1, 1, 1, 5))
    assert pickle.loads(pickle.dumps(masked)).lexical_redactions == [Span(1, 1, 1, 5)]


class _DiesWhilePickled:
    """A result whose pickling ends the worker half-way through its results (exit status 0)."""

    def __reduce__(self) -> tuple[object, ...]:
        os._exit(0)


def finish_dies_while_sending(task: tuple[int], staged: int) -> object:
    if os.getpid() != PARENT and staged > 4:
        return _DiesWhilePickled()
    return ("x" * 200_000, staged)  # past a pipe's buffer, before the bad one


@needs_fork
def test_a_worker_that_stops_half_way_through_its_results_has_its_share_redone_here() -> None:
    out = pool.run([(i,) for i in range(12)], stage, finish_dies_while_sending, jobs=2)
    assert [o if isinstance(o, int) else o[1] for o in out] == list(range(12))
    assert all(isinstance(o, int) or len(o[0]) == 200_000 for o in out)


def finish_big(task: tuple[int], staged: int) -> tuple[str, int]:
    return ("y" * 300_000, staged)


@needs_fork
def test_workers_with_more_results_than_a_pipe_holds_do_not_wait_on_each_other() -> None:
    out = pool.run([(i,) for i in range(40)], stage, finish_big, jobs=4)
    assert [o if isinstance(o, int) else o[1] for o in out] == list(range(40))


@needs_fork
def test_a_pool_gives_the_serial_fixes(tmp_path: Path) -> None:
    from mplint.api import fix_paths

    root = tmp_path / "repo"
    shutil.copytree(EXAMPLES, root)

    def fixes(jobs: int) -> list[tuple[str, bytes, int]]:
        _, fixed = fix_paths([str(root)], unsafe=True, write=False, jobs=jobs)
        return sorted((f.path, f.after, f.fixed) for f in fixed)

    serial = fixes(1)
    assert sum(n for _, _, n in serial) >= 20
    assert fixes(3) == serial
