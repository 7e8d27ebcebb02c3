"""The analis role's k-anonymity note: one caption under the page title saying that rows about
fewer than k people are hidden, and how many rows this page hid or generalised.

The query layer (warehouse/query.py, `protect`) does the hiding; pages/ui/data.py reports each
result here and the caption is redrawn with the page's running total.
"""

from __future__ import annotations

import streamlit as st

from pages.ui import format as fmt
from warehouse.query import Protection

STATE = "_kanon"


def text(done: Protection) -> str:
    return (f"Perlindungan data (analis): baris tentang kurang dari {done.k} pegawai disembunyikan, dan daftar "
            f"pegawai hanya memuat kombinasi OPD, unit, jabatan, golongan, dst. yang dimiliki sekurang-kurangnya "
            f"{done.k} pegawai (TMT per tahun, golongan per ruang, tanpa eselon, jabatan langka menjadi jenis "
            f"jabatan). Di halaman ini {fmt.integer(done.suppressed)} baris disembunyikan dan "
            f"{fmt.integer(done.generalised)} baris digeneralisasi.")


def slot() -> None:
    """Start the page's note (called under the title); drawn once a protected result arrives."""
    st.session_state[STATE] = {"slot": st.empty(), "seen": {}}


def record(key: tuple, done: Protection | None) -> None:
    """One result's protection (None: the viewer sees personal data, nothing to say)."""
    if done is None:
        return
    state = st.session_state.setdefault(STATE, {"slot": None, "seen": {}})
    state["seen"][key] = done
    total = sum(state["seen"].values(), Protection(done.k))
    if state["slot"] is not None:
        state["slot"].caption(text(total))
