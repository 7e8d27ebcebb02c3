"""Kelola Data: map the columns of a layout nobody shipped, save the mapping, load with it.

For each contract column of the chosen source the admin picks the file's column; five rows
show what the mapping reads and each row's validation result. A saved mapping
(pipelines/mappings.py) is recognised again from the header of later files."""

from __future__ import annotations

import tempfile
from pathlib import Path

import polars as pl
import streamlit as st

from pages.ui import layout, manage
from pipelines import mappings
from pipelines.readers import FileRejected, read_grid
from pipelines.sources import SOURCES
from warehouse.paths import warehouse_path

NONE = "(tidak ada)"


def warehouse_dir() -> Path:
    return warehouse_path(None).parent


def sample_of_upload(name: str, data: bytes) -> tuple[tuple[str, ...], ...]:
    """The header (best guess) and five rows of an uploaded file."""
    with tempfile.TemporaryDirectory(prefix="peta_") as tmp:
        path = Path(tmp) / Path(name).name
        path.write_bytes(data)
        rows = read_grid(path).rows
    return mappings.sample_of(rows, mappings.likely_header(rows))


def editor(key: str, sample: tuple[tuple[str, ...], ...], name: str, existing: mappings.Mapping | None = None):
    """The mapping form; returns the Mapping to save when the admin presses the button, else None."""
    headers = [h for h in sample[0] if h]
    guess = existing.source if existing else mappings.likely_source(headers).name
    names = list(SOURCES)
    source = st.selectbox("Sumber data berkas ini", names, index=names.index(guess), key=f"{key}_sumber")
    st.caption("Pilih kolom berkas untuk tiap kolom kontrak (bertanda * wajib).")
    columns: dict[str, str] = {}
    grid = st.columns(3)
    for i, field in enumerate(SOURCES[source].fields):
        current = (existing.columns.get(field.header) if existing and existing.source == source
                   else mappings.guess_column(field, headers)) or NONE
        options = [NONE, *headers]
        chosen = grid[i % 3].selectbox(f"{field.header}{' *' if field.required else ''}", options,
                                       index=options.index(current) if current in options else 0,
                                       key=f"{key}_{source}_{field.header}")
        if chosen != NONE:
            columns[field.header] = chosen
    frame, problem = mappings.preview(sample, source, columns)
    missing = [f.header for f in SOURCES[source].fields if f.required and f.header not in columns]
    if missing:
        st.warning(f"Kolom wajib belum dipetakan: {', '.join(missing)}.", icon=":material/info:")
    if problem:
        st.warning(problem, icon=":material/info:")
    else:
        layout.table(frame, title="Pratinjau 5 baris dan hasil validasinya", slug=f"pratinjau_{key}",
                     key=f"{key}_pratinjau", filtered=False)
    label = st.text_input("Nama peta", value=existing.name if existing else mappings.safe_name(Path(name).stem),
                          key=f"{key}_nama")
    if st.button("Simpan peta" + ("" if existing else " dan muat berkas"), type="primary", key=f"{key}_simpan",
                 icon=":material/save:", disabled=bool(problem or missing)):
        return mappings.Mapping(mappings.safe_name(label), source, columns, mappings.fingerprint(headers), sample)
    return None


def section(username: str) -> None:
    """Pending files (layout unknown) and the saved mappings."""
    outcome = st.session_state.get("kelola_hasil")
    pending = dict(outcome.pending) if outcome else {}
    if pending:
        st.subheader("Petakan kolom tata letak baru")
        st.caption("Tata letak berkas berikut tidak dikenali. Petakan kolomnya sekali; berkas berikutnya dengan "
                   "judul kolom yang sama dimuat tanpa ditanya lagi.")
        name = st.selectbox("Berkas", list(pending), key="peta_berkas")
        try:
            sample = sample_of_upload(name, pending[name])
        except FileRejected as error:
            st.error(str(error))
            return
        made = editor(f"baru_{name}", sample, name)
        if made:
            mappings.save(warehouse_dir(), made)
            st.session_state["kelola_hasil"] = manage.ingest_uploads([manage.Upload(name, pending[name])],
                                                                     username=username, mapping=made.name)
            st.rerun()
    saved = mappings.saved(warehouse_dir())
    if saved:
        st.subheader("Peta kolom tersimpan")
        layout.table(
            pl.DataFrame({
                "name": [m.name for m in saved], "source": [m.source for m in saved],
                "columns": [", ".join(f"{h} ← {c}" for h, c in m.columns.items()) for m in saved]}),
            title="Peta kolom", slug="peta_kolom", key="peta_daftar", filtered=False,
            labels={"name": "Nama", "source": "Sumber", "columns": "Kolom kontrak ← kolom berkas"})
        chosen = st.selectbox("Ubah peta", [None, *[m.name for m in saved]], key="peta_ubah",
                              format_func=lambda n: "—" if n is None else n)
        mapping = next((m for m in saved if m.name == chosen), None)
        if mapping and mapping.sample:
            edited = editor(f"ubah_{mapping.name}", mapping.sample, mapping.name, mapping)
            if edited:
                mappings.save(warehouse_dir(), edited)
                st.success(f"Peta {edited.name} disimpan.")
        elif mapping:
            st.info("Peta ini dibuat dari templat baris perintah; ubah berkasnya langsung: "
                    f"{mappings.folder(warehouse_dir()) / (mapping.name + '.toml')}.")
