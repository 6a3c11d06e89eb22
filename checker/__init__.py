"""council-checker: rule-based advisory checks of Swedish municipal council proposals."""

from __future__ import annotations

__version__ = "0.1.0"
