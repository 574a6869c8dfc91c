"""The CreateModelPackage input shape, loaded once from the generated ``shapes.json``.

The data is made by ``python -m mplint.schema.generate`` from botocore's service model; at run
time only the standard library reads it. Member documentation lives apart in ``docs.json``
(see :func:`load_docs`) so checking a request never loads it.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from mplint import paths
from mplint.schema import patterns

__all__ = ["CLOUDFORMATION_ONLY", "Schema", "Shape", "load", "load_docs"]

# Properties of AWS::SageMaker::ModelPackage that are not CreateModelPackage input.
CLOUDFORMATION_ONLY = frozenset(
    {
        "AdditionalInferenceSpecificationsToAdd",
        "ApprovalDescription",
        "CreationTime",
        "LastModifiedTime",
        "ModelPackageArn",
        "ModelPackageStatus",
        "ModelPackageStatusDetails",
        "ModelPackageVersion",
    }
)


class Shape(NamedTuple):
    """One shape of the API model: its type and constraints; member shapes are named."""

    name: str
    type: str
    members: Mapping[str, str] = MappingProxyType({})
    required: tuple[str, ...] = ()
    member: str | None = None
    key: str | None = None
    value: str | None = None
    min: int | float | None = None
    max: int | float | None = None
    pattern: str | None = None
    enum: tuple[str, ...] = ()
    sensitive: bool = False

    def fullmatch(self, text: str) -> bool:
        """Tell whether text satisfies the shape's pattern (Java full-match); True if none."""
        if self.pattern is None:
            return True
        test = patterns.matcher(self.pattern)
        return True if test is None else test(text)


class Schema:
    """The shapes reachable from the CreateModelPackage input, by name (read-only once built)."""

    __slots__ = ("_at", "api_version", "botocore_version", "output_only", "root_name", "shapes")

    def __init__(
        self,
        shapes: Mapping[str, Shape],
        root_name: str,
        botocore_version: str,
        api_version: str,
        output_only: tuple[str, ...] = (),
    ) -> None:
        self.shapes = shapes
        # Members of a DescribeModelPackage response that the request does not have.
        self.output_only = output_only
        self.root_name = root_name
        self.botocore_version = botocore_version
        self.api_version = api_version
        # shape_at results by path: rules ask for the same few paths on every request.
        self._at: dict[str, Shape | None] = {}

    def __repr__(self) -> str:
        return f"Schema({self.root_name}, {len(self.shapes)} shapes, botocore {self.botocore_version})"

    @property
    def root(self) -> Shape:
        """Return the request's shape (CreateModelPackageInput)."""
        return self.shapes[self.root_name]

    def shape(self, name: str) -> Shape:
        """Return a shape by name; KeyError if the model has none of that name."""
        return self.shapes[name]

    def shape_at(self, path: str) -> Shape | None:
        """Return the shape at a member path (``A.B[0].C``, ``[*]``/``[]`` too), or None."""
        try:
            return self._at[path]
        except KeyError:
            pass
        found = self._shape_at(path)
        if len(self._at) < 4096:
            self._at[path] = found
        return found

    def _shape_at(self, path: str) -> Shape | None:
        try:
            parts = paths.parse(path.replace("[]", "[*]"))
        except ValueError:
            return None
        shape: Shape | None = self.root
        for part in parts:
            shape = self._step(shape, part) if shape is not None else None
        return shape

    def _step(self, shape: Shape, part: str | int) -> Shape | None:
        """Return the shape one path segment below ``shape``."""
        if shape.type == "structure" and isinstance(part, str) and part in shape.members:
            return self.shapes[shape.members[part]]
        if shape.type == "list" and (isinstance(part, int) or part == "[*]"):
            return self.shapes[shape.member] if shape.member else None
        if shape.type == "map" and isinstance(part, str) and part != "[*]":
            return self.shapes[shape.value] if shape.value else None
        return None


def _shape(name: str, entry: dict[str, Any]) -> Shape:
    """Build a Shape from its JSON entry."""
    return Shape(
        name=name,
        type=entry["type"],
        members=entry.get("members", {}),
        required=tuple(entry.get("required", ())),
        member=entry.get("member"),
        key=entry.get("key"),
        value=entry.get("value"),
        min=entry.get("min"),
        max=entry.get("max"),
        pattern=entry.get("pattern"),
        enum=tuple(entry.get("enum", ())),
        sensitive=bool(entry.get("sensitive", False)),
    )


def _read(name: str) -> str:
    """Read a data file shipped beside this module (a plain path: importlib.resources costs
    more to import than the whole read)."""
    with open(os.path.join(os.path.dirname(__file__), name), encoding="utf-8") as fh:
        return fh.read()


@functools.cache
def load() -> Schema:
    """Return the schema shipped with mplint (read and built once per process)."""
    data = json.loads(_read("shapes.json"))
    return Schema(
        shapes={name: _shape(name, entry) for name, entry in data["shapes"].items()},
        root_name=data["root"],
        botocore_version=data["botocore_version"],
        api_version=data["api_version"],
        output_only=tuple(data.get("output_only", ())),
    )


@functools.cache
def load_docs() -> Mapping[str, str]:
    """Return member and shape documentation: ``{"Shape.Member": text, "Shape": text}``."""
    text = _read("docs.json")
    docs: dict[str, str] = json.loads(text)
    return docs
