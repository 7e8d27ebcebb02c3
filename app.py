"""The server: dashboard.py as a Streamlit app (st.App, ASGI) plus the two session-cookie routes.

    BUDAYA_DEMO=1 streamlit run app.py           # or: uvicorn app:app --port 8501

- POST /api/sesi?kode=...   exchanges the one-time code the sign-in form issued for the signed,
  HTTP-only session cookie (warehouse/sessions.py); page JavaScript never sees the session id.
- POST /api/sesi/keluar     revokes the session of the cookie (server-side) and deletes the cookie.

The pages are declared with st.navigation (pages/registry.py); `pages/` beside the entry script is
our Python package, not Streamlit's v1 "pages directory". Streamlit 1.67 decides the latter once
per process (`PagesManager.uses_pages_directory`, from `pages/` existing) and, until the first
st.navigation call switches it off, runs every session through the v1 discovery: the very first
visitor of a deep link after a start got an English "Page not found" dialog (no file
`pages/<url>.py`). Saying so before any session starts is what st.navigation itself does.
"""

from __future__ import annotations

import time

import streamlit as st
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from streamlit.runtime.pages_manager import PagesManager

from warehouse import sessions

PagesManager.uses_pages_directory = False

# What every page run imports, imported when the server starts rather than on the first sign-in
# (the metric registry, Plotly, Polars, python-pptx: seconds on two cores). Streamlit runs the pages
# in this process, so they find these modules loaded.
import pages.registry  # noqa: E402
import pages.ui.charts  # noqa: E402
import pages.ui.layout  # noqa: E402
import pages.ui.rakor  # noqa: E402, F401
import warehouse.query  # noqa: E402, F401


def _secure(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


async def set_cookie(request: Request) -> Response:
    sid = sessions.redeem_code(request.query_params.get("kode"))
    if sid is None:
        return Response("Kode masuk tidak berlaku.", status_code=403)
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    left = max(int((sessions.expires(sid) or 0) - time.time()), 0)
    response.set_cookie(sessions.COOKIE, sessions.cookie_value(sid), max_age=left, path="/",
                        httponly=True, samesite="lax", secure=_secure(request))
    return response


async def sign_out(request: Request) -> Response:
    sessions.revoke(sessions.session_id(request.cookies.get(sessions.COOKIE)))
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    response.delete_cookie(sessions.COOKIE, path="/", httponly=True, samesite="lax", secure=_secure(request))
    return response


app = st.App("dashboard.py", routes=[Route("/api/sesi", set_cookie, methods=["POST"]),
                                     Route("/api/sesi/keluar", sign_out, methods=["POST"])])
