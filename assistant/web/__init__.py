"""Corroborate in the browser: a Gradio app over the library's public API.

``serve(assistant, host=..., port=...)`` builds and launches it; :mod:`assistant.web.ui` lays out
the page, and the other modules render answers, evidence, disagreements and the timeline as
escaped HTML, so no document text can inject markup or script into the page.
"""

from __future__ import annotations

import os

# Before gradio is imported: it reads this at import time. The app must not phone home.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

from pathlib import Path  # noqa: E402

STATIC = Path(__file__).resolve().parent / "static"


def launch_options(max_bytes: int) -> dict:
    """What every launch of the app needs: our script and styles, system fonts (no font CDN),
    the upload size limit and no server-side rendering (it needs Node)."""
    import gradio as gr

    theme = gr.themes.Default(font=["ui-sans-serif", "system-ui", "sans-serif"],
                              font_mono=["ui-monospace", "monospace"])
    return {"js": (STATIC / "corroborate.js").read_text(encoding="utf-8"),
            "css": (STATIC / "corroborate.css").read_text(encoding="utf-8"),
            "theme": theme, "max_file_size": max_bytes, "ssr_mode": False}


def serve(assistant, *, host: str, port: int, uploads: Path, examples=(), share: bool = False,
          max_bytes: int):
    """Build and launch the app; returns ``(demo, url)`` once it listens, without blocking
    (``demo.block_thread()`` waits until it is stopped, ``demo.close()`` stops it)."""
    from assistant.web.ui import build

    demo = build(assistant, uploads=uploads, examples=examples)
    demo.queue(default_concurrency_limit=1)
    _, url, share_url = demo.launch(server_name=host, server_port=port, share=share,
                                    prevent_thread_lock=True, quiet=True,
                                    footer_links=["api"], **launch_options(max_bytes))
    return demo, share_url or url
