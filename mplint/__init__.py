"""mplint: a static linter and policy checker for SageMaker CreateModelPackage requests."""

__version__ = "0.1.0"
