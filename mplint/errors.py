"""Errors in what the user gave mplint (config, rule files, usage), reported with file and line."""

from __future__ import annotations


class MplintError(Exception):
    """A problem the CLI reports as ``file:line: message`` and exits with status 2."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        return where + self.message


class ConfigError(MplintError):
    """A configuration file or option is wrong."""

    # The rule option the error is about (its line is then found in the config file).
    option: str | None = None


class RuleFileError(MplintError):
    """A declarative rule file is wrong."""


class UsageError(MplintError):
    """The command line asks for something impossible."""
