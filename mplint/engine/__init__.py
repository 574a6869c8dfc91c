"""The engine: discovery, configuration, selection, the rule registry, suppressions and the run."""
