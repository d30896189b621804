"""User-facing wording: answer frames, refusals, citation format, labels (Chinese and English)."""
from prompts.strings import STRINGS, text

__all__ = ["STRINGS", "text"]
