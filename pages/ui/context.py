"""This run's viewer and filters: set once per run by dashboard.py (the entry point), read by the
data access (scope), the audit entries (account, page) and the pages (filters).

Kept in the server-side session state, so a URL or widget cannot set it; nobody set (a bare
call outside the app, or before sign-in) means a viewer who sees nothing.
"""

from __future__ import annotations

import dataclasses

import streamlit as st

from warehouse.access import Account
from warehouse.query import Filters, Scope

VIEWER_KEY = "_viewer"
FILTERS_KEY = "_filters"
NOBODY = Scope(opd_codes=(), show_personal=False, pseudonym_key=b"tanpa-akses", raw_data=False)


@dataclasses.dataclass(frozen=True)
class Viewer:
    account: Account | None
    scope: Scope
    page: str = "-"  # url path of the page on this run (audit entries)

    @property
    def username(self) -> str:
        return self.account.username if self.account else "-"

    @property
    def can_manage(self) -> bool:
        return bool(self.account and self.account.can_manage_data)


def set_viewer(found: Viewer) -> None:
    st.session_state[VIEWER_KEY] = found


def viewer() -> Viewer:
    return st.session_state.get(VIEWER_KEY) or Viewer(None, NOBODY)


def set_filters(f: Filters) -> None:
    st.session_state[FILTERS_KEY] = f


def filters() -> Filters | None:
    """The filters drawn on this run (None before the sidebar is drawn)."""
    return st.session_state.get(FILTERS_KEY)
