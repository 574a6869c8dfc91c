"""Plugins and rule files come only from configuration the user chose; untrusted editors skip rules-dirs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from running import ROOT, mplint

RULES = ROOT / "tests" / "fixtures" / "rulefiles" / "good"
REQUEST = "ModelPackageGroupName: churn-models\nModelPackageDescription: churn model\n"
# Importing this module would leave a marker file: the proof that code ran.
PAYLOAD = "import pathlib\npathlib.Path(__file__).with_name('IMPORTED').write_text('yes')\n"


def _repository(tmp_path: Path, config: str) -> Path:
    repo = tmp_path / "repo"
    (repo / "rules").mkdir(parents=True)
    shutil.copy(RULES / "team.yaml", repo / "rules" / "team.yaml")
    for name in ("__init__.py", "plugin.py", "team.py", "conftest.py"):
        (repo / "rules" / name).write_text(PAYLOAD, encoding="utf-8")
    (repo / ".mplint.yaml").write_text(config, encoding="utf-8")
    (repo / "request.yaml").write_text(REQUEST, encoding="utf-8")
    return repo


def test_rules_dirs_are_read_as_yaml_never_imported(tmp_path: Path) -> None:
    repo = _repository(tmp_path, "select: [MP950]\nrules-dirs: [rules]\n")
    ran = mplint("check", "request.yaml", "--format", "github", cwd=repo)
    assert (ran.status, ran.stderr) == (1, "")
    assert ran.stdout.startswith("::error file=request.yaml,line=2,col=26,")
    assert not (repo / "rules" / "IMPORTED").exists()


@pytest.mark.parametrize(
    "key",
    ["plugins: [rules]", "plugin-dirs: [rules]", "entry-points: [rules.plugin]", "allow-repository-plugins: true"],
)
def test_unknown_keys_are_config_errors_and_import_nothing(tmp_path: Path, key: str) -> None:
    repo = _repository(tmp_path, key + "\n")
    ran = mplint("check", "request.yaml", cwd=repo)
    assert (ran.status, ran.stdout) == (2, "")
    assert ran.stderr.startswith(f"mplint: error: {repo / '.mplint.yaml'}:1: unknown configuration key")
    assert not (repo / "rules" / "IMPORTED").exists()


def _lsp_codes(repo: Path, options: object) -> tuple[list[str], list[dict]]:  # type: ignore[type-arg]
    pytest.importorskip("pygls")
    import sys

    sys.path.insert(0, str(ROOT / "tests"))
    from test_lsp import Client

    client = Client(repo)
    try:
        params = {"processId": None, "rootUri": repo.as_uri(), "capabilities": {}}
        if options is not None:
            params["initializationOptions"] = options
        client.request("initialize", params)
        client.notify("initialized", {})
        uri = (repo / "request.yaml").as_uri()
        client.notify(
            "textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": REQUEST}}
        )
        shown: list[dict] = []  # type: ignore[type-arg]

        def match(m: dict) -> bool:  # type: ignore[type-arg]
            if m.get("method") == "window/showMessage":
                shown.append(m["params"])
            return m.get("method") == "textDocument/publishDiagnostics"

        published = client.wait(match)
        assert client.close() == 0
    finally:
        client.kill()
    return [d["code"] for d in published["params"]["diagnostics"]], shown


@pytest.mark.slow
def test_untrusted_workspace_ignores_rules_dirs_and_says_so(tmp_path: Path) -> None:
    repo = _repository(tmp_path, "rules-dirs: [rules]\n")
    # MP950 comes from the repository's rule file.
    codes, shown = _lsp_codes(repo, {"trusted": False})
    assert "MP950" not in codes and "MP222" in codes
    assert shown == [
        {"type": 2, "message": f"mplint: untrusted workspace: ignoring rules-dirs (rules) of {repo / '.mplint.yaml'}"}
    ]
    assert not (repo / "rules" / "IMPORTED").exists()


@pytest.mark.slow
def test_trusted_workspace_loads_rules_dirs(tmp_path: Path) -> None:
    repo = _repository(tmp_path, "rules-dirs: [rules]\n")
    codes, shown = _lsp_codes(repo, None)
    assert ("MP950" in codes, shown) == (True, [])
