"""reqlint: a linter for pip requirements files, pip configuration and index settings."""

__version__ = "0.1.0"
