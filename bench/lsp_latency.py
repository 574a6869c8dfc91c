"""Time the language server from didOpen to publishDiagnostics, as an editor would see it.

    python bench/lsp_latency.py [--runs 9]

Starts ``python -m mplint lsp`` once, then for each case opens a fresh document (a new URI each
run, so nothing is cached per document) and waits for its diagnostics. Cases: a ~60-line YAML
request with findings, and a 2,000-line Python module with one ``create_model_package`` call.
The first open of each case is reported apart (it pays for imports: libcst, the schema);
the median is over the runs after it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from lsp_client import Client  # noqa: E402

REQUEST_HEAD = (HERE.parent / "examples" / "valid-versioned.yaml").read_text("utf-8")
REQUEST = (
    REQUEST_HEAD
    + "".join(f"# padding line {i}\n" for i in range(60 - REQUEST_HEAD.count("\n")))
    + "ModelApprovalStatus: Approve\n"
)

CALL = """
def register(sm):
    return sm.create_model_package(
        ModelPackageGroupName="churn models",
        ModelApprovalStatus="Approve",
        InferenceSpecification={
            "Containers": [{"Image": IMAGE, "ModelDataUrl": "s3://acme/model.tar.gz"}],
            "SupportedContentTypes": ["text/csv"],
            "SupportedResponseMIMETypes": ["text/csv"],
        },
    )
"""


def python_module(lines: int = 2000) -> str:
    """Return a module of ``lines`` lines: ordinary functions and one call site in the middle."""
    chunk = (
        "def helper_{n}(values):\n    total = 0\n    for v in values:\n        total += v * {n}\n    return total\n\n"
    )
    head = 'import boto3\n\nIMAGE = "111122223333.dkr.ecr.us-east-2.amazonaws.com/churn:1"\n\n'
    body = [chunk.format(n=n) for n in range((lines - 20) // 6)]
    half = len(body) // 2
    text = head + "".join(body[:half]) + CALL + "".join(body[half:])
    return text


def measure(client: Client, root: Path, name: str, text: str, language: str, runs: int) -> tuple[float, list[float]]:
    """Return (first open, later opens) in milliseconds."""
    times = []
    for i in range(runs + 1):
        uri = (root / f"{i}-{name}").as_uri()
        t0 = time.perf_counter()
        client.notify(
            "textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}
        )
        params = client.diagnostics(uri, timeout=120)
        times.append((time.perf_counter() - t0) * 1000)
        client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        client.diagnostics(uri)
        if i == 0:
            print(f"  {name}: {len(params['diagnostics'])} diagnostics, {text.count(chr(10))} lines")
    return times[0], times[1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        client = Client(root)
        try:
            client.initialize(root)
            cases = [("request.yaml", REQUEST, "yaml"), ("module.py", python_module(), "python")]
            for name, text, language in cases:
                first, rest = measure(client, root, name, text, language, args.runs)
                print(
                    f"{name:14} first open {first:7.1f} ms   median of {len(rest)} {statistics.median(rest):7.1f} ms"
                    f"   (min {min(rest):.1f}, max {max(rest):.1f})"
                )
            client.close()
        finally:
            client.kill()


if __name__ == "__main__":
    main()
