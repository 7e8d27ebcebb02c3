"""Charts to PNG with Plotly's own export (kaleido 1.x), driven by Debian's chromium.

Nothing is downloaded at run time: kaleido's choreographer finds the browser through
BROWSER_PATH (set here to /usr/bin/chromium unless the environment names another), plotly.js
comes from the installed plotly package, and MathJax (a CDN script by default) is switched off.
One browser serves a whole batch (a deck, or every brief of a month).
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import dataclasses
import os
import shutil
import threading
from pathlib import Path

import plotly.graph_objects as go

from pages.ui import charts, theme

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
    charts.fit_labels(out, base_size)  # direct line labels keep their room at the larger type
    legend = [t for t in out.data if t.name and t.showlegend is not False]
    if len(legend) > 1 and out.layout.showlegend is not False:  # room for the legend rows under the title
        rows = -(-sum(len(t.name) + 4 for t in legend) // 70)
        out.update_layout(margin=dict(t=int(base_size * (2.6 + 1.5 * rows))))
    out.update_traces(cliponaxis=False, selector=dict(type="bar"))  # value labels past the longest bar stay whole
    out.update_xaxes(side="bottom", selector=dict(side="top"))      # heatmap columns: labels under, clear of the title
    bars = [t for t in out.data if t.type == "bar" and t.orientation == "h"]
    if bars:
        out.update_layout(margin=dict(r=base_size * 4))
    rows = max((len(t.y) for t in bars if t.y is not None), default=0)
    if rows > 16:  # a long ranking: the category labels shrink to fit, the numbers stay readable
        out.update_yaxes(tickfont=dict(size=max(11, int(base_size * 16 / rows))))
        out.update_traces(textfont=dict(size=max(11, int(base_size * 16 / rows))), selector=dict(type="bar"))
    return out


class Session:
    """One browser (kaleido) in a thread of its own; figures are submitted while the caller goes on
    (the briefs are drafted while the charts of the earlier ones are drawn).

        with Session() as s:
            later = s.submit(fig, width=900, height=380)
            ...
            png = later.result()
    """

    def __enter__(self) -> Session:
        import kaleido  # imported late: it pulls in choreographer

        os.environ["BROWSER_PATH"] = browser_path()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="kaleido", daemon=True)
        self._thread.start()
        self._kaleido = kaleido.Kaleido(n=TABS, timeout=TIMEOUT_SECONDS, mathjax=False)
        try:
            self._call(self._kaleido.__aenter__()).result(TIMEOUT_SECONDS)
        except Exception as error:  # noqa: BLE001 - any start-up failure becomes one Bahasa message
            self._stop()
            raise RenderError(f"Chromium tidak dapat dijalankan untuk menggambar grafik ({type(error).__name__}). "
                              "Periksa pemasangan chromium atau BROWSER_PATH.") from error
        return self

    def _call(self, coro) -> concurrent.futures.Future:
        return asyncio.run_coroutine_threadsafe(coro, self._loop)

    def submit(self, fig: go.Figure, *, width: int, height: int, scale: float = 1.0) -> Image:
        opts = {"format": "png", "width": width, "height": height, "scale": scale}
        return Image(self._call(self._draw(fig.to_dict(), opts)))

    async def _draw(self, spec: dict, opts: dict) -> bytes:
        try:
            return await self._kaleido.calc_fig(spec, opts=opts)
        except Exception:  # noqa: BLE001 - once more: a garbled DevTools message was seen under heavy load
            return await self._kaleido.calc_fig(spec, opts=opts)

    @property
    def alive(self) -> bool:
        return self._thread.is_alive() and not self._loop.is_closed()

    def _stop(self) -> None:
        if self._loop.is_closed():
            return
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()

    def __exit__(self, *exc) -> None:
        try:
            self._call(self._kaleido.__aexit__(None, None, None)).result(TIMEOUT_SECONDS)
        except Exception:  # noqa: BLE001 - the browser is going away anyway
            pass
        finally:
            self._stop()


@dataclasses.dataclass(frozen=True)
class Image:
    """A chart being drawn; result() gives the PNG bytes or raises RenderError in Bahasa."""

    future: concurrent.futures.Future

    def result(self) -> bytes:
        try:
            return self.future.result(TIMEOUT_SECONDS)
        except Exception as error:  # noqa: BLE001 - any browser failure becomes one Bahasa message
            raise RenderError(f"Grafik tidak dapat digambar dengan chromium ({type(error).__name__}). "
                              "Periksa bahwa chromium terpasang dan dapat dijalankan.") from error


def session() -> Session:
    """A browser session (a browser that cannot start is a RenderError)."""
    return Session()


_SHARED: Session | None = None
_SHARED_LOCK = threading.Lock()


def shared() -> Session:
    """One browser kept open for the life of the process (the dashboard server), opened on first use:
    a deck from the button does not wait for chromium to start. Closed at exit."""
    global _SHARED
    with _SHARED_LOCK:
        if _SHARED is None or not _SHARED.alive:
            _SHARED = Session().__enter__()
            atexit.register(_SHARED.__exit__, None, None, None)
        return _SHARED


def forget_shared() -> None:
    """After a failure: the next shared() starts a new browser."""
    global _SHARED
    with _SHARED_LOCK:
        old, _SHARED = _SHARED, None
    if old is not None:
        old.__exit__(None, None, None)


def png(figs: list[go.Figure], *, width: int = 1600, height: int = 800, scale: float = 1.0) -> list[bytes]:
    """PNG bytes of each figure (one browser for all), in order."""
    if not figs:
        return []
    with session() as s:
        later = [s.submit(f, width=width, height=height, scale=scale) for f in figs]
        return [i.result() for i in later]
