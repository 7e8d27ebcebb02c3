"""Charts to PNG with Plotly's own export (kaleido 1.x), driven by Debian's chromium.

Nothing is downloaded at run time: kaleido's choreographer finds the browser through
BROWSER_PATH (set here to /usr/bin/chromium unless the environment names another), plotly.js
comes from the installed plotly package, and MathJax (a CDN script by default) is switched off.
One browser serves a whole batch (a deck, or every brief of a month).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
from pathlib import Path

import plotly.graph_objects as go

from pages.ui import theme

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT_SECONDS = 90
TABS = 1  # browser tabs drawing at once (2 was slower on this 2-core machine); results keep their order


class RenderError(RuntimeError):
    """A chart could not be drawn; the message is in Bahasa Indonesia."""


def browser_path() -> str:
    """The browser kaleido drives: $BROWSER_PATH, else Debian's chromium, else one on PATH."""
    found = os.environ.get("BROWSER_PATH") or (str(DEBIAN_CHROMIUM) if DEBIAN_CHROMIUM.exists() else None) \
        or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise RenderError("Grafik tidak dapat digambar: peramban chromium tidak ditemukan "
                          "(pasang dengan: sudo apt-get install chromium, atau atur BROWSER_PATH).")
    return found


def projector(fig: go.Figure, *, base_size: int = 22) -> go.Figure:
    """The presentation template (large type, black ink, thick lines) on a copy of the figure."""
    out = go.Figure(fig)
    out.update_layout(template=theme.template(True), font=dict(size=base_size), height=None, width=None)
    bars = [t for t in out.data if t.type == "bar" and t.orientation == "h"]
    rows = max((len(t.y) for t in bars if t.y is not None), default=0)
    if rows > 16:  # a long ranking: the category labels shrink to fit, the numbers stay readable
        out.update_yaxes(tickfont=dict(size=max(11, int(base_size * 16 / rows))))
        out.update_traces(textfont=dict(size=max(11, int(base_size * 16 / rows))), selector=dict(type="bar"))
    return out


async def _render(figs: list[go.Figure], width: int, height: int, scale: float) -> list[bytes]:
    import kaleido  # imported late: it starts nothing on import, but pulls in choreographer

    opts = {"format": "png", "width": width, "height": height, "scale": scale}
    async with kaleido.Kaleido(n=min(TABS, len(figs)), timeout=TIMEOUT_SECONDS, mathjax=False) as k:
        return list(await asyncio.gather(*(k.calc_fig(f.to_dict(), opts=opts) for f in figs)))


def png(figs: list[go.Figure], *, width: int = 1600, height: int = 800, scale: float = 1.0) -> list[bytes]:
    """PNG bytes of each figure (one browser for all), in order."""
    if not figs:
        return []
    os.environ["BROWSER_PATH"] = browser_path()
    out: dict[str, object] = {}

    def work() -> None:  # own thread: the caller may already run an event loop (Streamlit)
        try:
            out["images"] = asyncio.run(_render(figs, width, height, scale))
        except Exception as error:  # noqa: BLE001 - any browser failure becomes one Bahasa message
            out["error"] = error

    t = threading.Thread(target=work, name="kaleido")
    t.start()
    t.join()
    if "error" in out:
        raise RenderError(f"Grafik tidak dapat digambar dengan chromium ({type(out['error']).__name__}). "
                          "Periksa bahwa chromium terpasang dan dapat dijalankan.") from out["error"]
    return out["images"]  # type: ignore[return-value]
