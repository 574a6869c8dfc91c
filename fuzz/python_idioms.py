"""Python idioms that stress the static evaluator: ``python fuzz/python_idioms.py --inputs 1000000``.

Each input is a small module built from the shapes that once crashed or hung mplint: values that
hold themselves (cycles), values doubled statement by statement, calls inside ``match``, long
chains of statements, integers past Python's digit limit, and the idioms of real registration
code (SDK positional arguments, pipeline parameters, partial strings, a class's own helper named
like the API). Every input must end within ``--timeout`` seconds with positions inside the file
and strict-JSON output; an input that does not is saved under ``fuzz/crashes/``.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import random
import signal
import sys
import time
import traceback
from collections.abc import Callable

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from fuzz.checks import problems

CRASHES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "crashes")
CHUNK = 500
_MEMBERS = (
    "ModelPackageName",
    "ModelPackageGroupName",
    "ModelPackageDescription",
    "Tags",
    "SamplePayloadUrl",
    "ModelApprovalStatus",
    "CustomerMetadataProperties",
    "ClientToken",
)
_VALUES = (
    "'churn'",
    "'bad name'",
    "'Aproved'",
    "[]",
    "{}",
    "None",
    "True",
    "1",
    "'s3://b/m.tar.gz'",
    "[{'Key': 'k', 'Value': 'v'}]",
    "{'k': 'v'}",
    "'x' * 3",
    "f'{a}-{b}'",
)


class _Module:
    """Lines of a module being built, with the names it has bound."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.lines: list[str] = []

    def value(self) -> str:
        return self.rng.choice(_VALUES)

    def call(self, indent: str = "", argument: str = "d") -> None:
        rng = self.rng
        member = rng.choice(_MEMBERS)
        style = rng.random()
        if style < 0.5:
            self.lines.append(f"{indent}sm.create_model_package({member}={argument}, ModelPackageName='m')")
        elif style < 0.7:
            self.lines.append(f"{indent}sm.create_model_package(**{argument})")
        elif style < 0.85:
            self.lines.append(
                f"{indent}model.register(['text/csv'], ['text/csv'], {argument}, model_package_group_name='g')"
            )
        else:
            self.lines.append(
                f"{indent}sess.create_model_package_from_containers({argument}, model_package_name={argument})"
            )


def _cycle(m: _Module) -> None:
    rng = m.rng
    m.lines.append("d = {}")
    for _ in range(rng.randint(1, 4)):
        shape = rng.choice(
            (
                "d['Tags'] = [d, d]",
                "d['K'] = d",
                "t = [d]\nt.append(t)\nd['Tags'] = t",
                "d.update(Self=d)",
                "d.setdefault('Tags', [d])",
                "e = {'X': d}\nd['Y'] = e",
            )
        )
        m.lines.append(shape)
    m.call()


def _doubling(m: _Module) -> None:
    rng = m.rng
    start, step = rng.choice(
        (
            ("d = {}", "d = [d, d]"),
            ("d = 's'", "d = d + d"),
            ("d = [1]", "d.extend(d)"),
            ("d = [1]", "d = [*d, *d]"),
            ("d = {}", "d = {'a': d, 'b': d}"),
            ("d = [1]", "d = d + d"),
            ("d = 'ab'", "d = f'{d}{d}'"),
            ("d = {'ModelPackageName': 'm'}", "d = dict(**d, X=[d, d])"),
        )
    )
    m.lines.append(start)
    m.lines.extend([step] * rng.choice((10, 30, 60, 100)))
    m.call()


def _match(m: _Module) -> None:
    rng = m.rng
    m.lines.append(f"d = {{'ModelPackageGroupName': {m.value()}}}")
    m.lines.append("match command:")
    for pattern in rng.sample(
        ("{'name': name}", "[first, *rest] if first", "Point(x=0)", "'go' | 'run'", "str() as s", "_"),
        rng.randint(1, 4),
    ):
        m.lines.append(f"    case {pattern}:")
        if rng.random() < 0.5:
            m.lines.append(f"        d['ModelPackageDescription'] = {m.value()}")
        m.call("        ")


def _chain(m: _Module) -> None:
    rng = m.rng
    n = rng.choice((100, 1000, 2000))
    shape = rng.choice(
        (
            "d = d + 'a'",
            "d[{i}] = {i}",
            "d['k{i}'] = d",
            "d = {{'k': d}}",
            "d.append({i})",
            "if c{i}:\n    d['ModelPackageName'] = 'n{i}'",
            "x{i} = d",
            "d = [d]",
        )
    )
    m.lines.append(rng.choice(("d = ''", "d = {}", "d = []")))
    m.lines.extend(shape.format(i=i) for i in range(n))
    m.call()


def _big_literal(m: _Module) -> None:
    rng = m.rng
    digits = rng.choice((4000, 4001, 4300, 4301, 6000))
    literal = rng.choice(
        (
            "9" * digits,
            "-" + "1" * digits,
            "0x" + "f" * digits,
            "1_" * (digits // 2) + "1",
            "1e" + "9" * 10,
            repr("a" * 100_000),
            "0b" + "1" * 20000,
        )
    )
    m.lines.append(f"d = {literal}")
    m.call()


def _idioms(m: _Module) -> None:
    rng = m.rng
    m.lines.extend(
        rng.sample(
            (
                "class Stack:\n    def create_model_package(self, **kw):\n        pass\n"
                "    def build(self):\n        self.create_model_package(ModelPackageGroupName='bad name')",
                "h = Stack()\nh.create_model_package(ModelPackageGroupName='bad name')",
                "p = ParameterString(name='P', default_value='Aproved')",
                "q = ParameterInteger('Q', 'not an int')",
                "u = f's3://{bucket}/{key}/input.csv'",
                "v = 's3://{}/{}'.format(a) + '.json'",
                "w = os.path.join(base, 'model.tar.gz')",
                "def approve():\n    d['ModelApprovalStatus'] = 'Approved'\n    again()\n"
                "def again():\n    approve()\n    d.update(d)\napprove()",
            ),
            rng.randint(1, 4),
        )
    )
    args = ", ".join(
        f"{member}={rng.choice(('p', 'q', 'u', 'v', 'w', m.value()))}" for member in rng.sample(_MEMBERS, 3)
    )
    m.lines.append(f"sm.create_model_package({args})")
    m.lines.append("model.register(['text/csv'], ['text/csv'], ['ml.m5.xlarge'], None, p, model_package_group_name=p)")


def _shared_lines(m: _Module) -> None:
    """Statements that share a line with the call (``;`` after a multi-line bracket), and
    nesting and ``elif`` chains on both sides of the guard's limits."""
    rng = m.rng
    m.lines.append(f"d = ({m.value()},\n     {m.value()}); e = 1")
    m.lines.append(f"x = [1,\n  2]; sm.create_model_package(ModelPackageName={m.value()}); y = {{'a':\n 1}}")
    depth = rng.choice((20, 60, 99, 100, 101, 150))
    m.lines.append("d = " + "(" * depth + "1" + ")" * depth)
    chain = rng.choice((10, 200, 999, 1001))
    m.lines.append("if c0:\n    d = 0\n" + "".join(f"elif c{i}:\n    d = {i}\n" for i in range(1, chain)))
    m.call()


def _function_chain(m: _Module) -> None:
    """Module functions calling each other in a chain (or a ring) down to one that changes the
    dict the request reads."""
    rng = m.rng
    n = rng.choice((2, 50, 1000, 3000))
    m.lines.append(f"d = {{'ModelApprovalStatus': {m.value()}}}")
    m.lines.append("def g0():\n    d['ModelApprovalStatus'] = 'Approved'")
    ring = rng.random() < 0.3
    m.lines.extend(
        f"def g{i}():\n    g{i - 1}()" + (f"\n    g{n - 1}()" if ring and i == 1 else "") for i in range(1, n)
    )
    m.lines.append(f"g{n - 1}()")
    m.call()


SHAPES: dict[str, Callable[[_Module], None]] = {
    "shared-lines": _shared_lines,
    "function-chain": _function_chain,
    "cycle": _cycle,
    "doubling": _doubling,
    "match": _match,
    "chain": _chain,
    "big-literal": _big_literal,
    "idioms": _idioms,
}


def generate(rng: random.Random) -> str:
    """Return a module of one to three idiom shapes."""
    m = _Module(rng)
    for shape in rng.sample(sorted(SHAPES), rng.randint(1, 3)):
        SHAPES[shape](m)
    return "\n".join(m.lines) + "\n"


class _Timeout(Exception):
    pass


def _alarm(_signum: int, _frame: object) -> None:
    raise _Timeout


def _chunk(job: tuple[int, int, int]) -> tuple[int, list[tuple[str, bytes]]]:
    from mplint.api import lint_text
    from mplint.engine.config import Config

    seed, count, timeout = job
    rng = random.Random(seed)
    config = Config()
    found: list[tuple[str, bytes]] = []
    signal.signal(signal.SIGALRM, _alarm)
    for _ in range(count):
        text = generate(rng)
        signal.alarm(timeout)
        try:
            result = lint_text(text.encode("utf-8"), "x.py", config=config, forced=True)
            reasons = problems(result) + _unreadable_but_valid(text, result)
        except _Timeout:
            reasons = [f"did not end within {timeout} s"]
        except Exception:
            reasons = [traceback.format_exc(limit=-3)]
        finally:
            signal.alarm(0)
        if reasons:
            found.append(("; ".join(reasons), text.encode("utf-8")))
    return count, found


def _unreadable_but_valid(text: str, result: object) -> list[str]:
    """An MP001 other than a limit on code that Python compiles is a wrong finding."""
    wrong = [
        d
        for d in getattr(result, "diagnostics", ())
        if d.code == "MP001" and not d.message.startswith("too deeply nested")
    ]
    if not wrong:
        return []
    try:
        compile(text, "x.py", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    return [f"MP001 on code Python compiles: {d.message}" for d in wrong]


def main() -> int:
    """Parse arguments, run the inputs on every core, save and summarise the failures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--timeout", type=int, default=20, help="seconds one input may take")
    args = parser.parse_args()
    jobs = [
        (args.seed * 1_000_003 + i, min(CHUNK, args.inputs - i * CHUNK), args.timeout)
        for i in range((args.inputs + CHUNK - 1) // CHUNK)
    ]
    os.makedirs(CRASHES, exist_ok=True)
    start, ran, failures = time.monotonic(), 0, 0
    with multiprocessing.Pool(args.jobs) as pool:
        for count, found in pool.imap_unordered(_chunk, jobs):
            ran += count
            for reason, data in found:
                failures += 1
                name = "python-idioms-" + hashlib.sha1(data).hexdigest()[:12]
                with open(os.path.join(CRASHES, name + ".py"), "wb") as fh:
                    fh.write(data)
                with open(os.path.join(CRASHES, name + ".txt"), "w", encoding="utf-8") as fh:
                    fh.write(reason)
    elapsed = time.monotonic() - start
    print(f"python idioms: {ran:,} inputs in {elapsed:.0f}s, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
