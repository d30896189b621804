"""Helpers of the chat app (app.py): rendering, conversation state, feedback log, export, layout."""
import os

# Offline by design: Gradio must not call home (analytics, version checks) from intranets without internet.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
