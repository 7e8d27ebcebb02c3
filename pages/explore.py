"""Jelajah & Ekspor: browse any published table with the shared filters, export exactly that slice."""

import streamlit as st

from pages.ui import auth, data, filters, layout, text
from pages.ui import format as fmt

PREVIEW_ROWS = 5_000

layout.require_build()
layout.page_header("Jelajah & Ekspor", "Tabel yang diterbitkan, dengan filter di sisi kiri. Unduhan berisi "
                   "seluruh irisan yang terfilter (bukan hanya pratinjau), dengan nama kolom tetap.")
f = filters.current()
pub = data.published()
tables = pub.tables(data.scope())
marts = [t for t in tables if t.startswith(("mart_", "fct_", "dim_"))]
others = [t for t in tables if t not in marts]
asked = st.query_params.get("tabel")
if asked and asked not in tables:  # a table this account may not browse (or none at all)
    auth.denied_once("url_tabel", {"parameter": "tabel", "nilai": asked, "halaman": "jelajah"})
    st.warning(f"Tabel {auth.plain(asked)} tidak tersedia untuk akun ini; percobaan dicatat di log audit.",
               icon=":material/block:")
options = marts + others
default = asked if asked in options else "mart_opd_monthly" if "mart_opd_monthly" in options else options[0]
# shown by what it holds; the URL keeps the table name (not bound: a bound widget would store the label)
name = st.selectbox("Tabel", options, index=options.index(default), key="tabel", format_func=text.table_label)
st.query_params["tabel"] = name
applied = pub.applied_filters(name)
labels = {"periode": "periode", "opd": "OPD dan rumpun", "pegawai": "jenis jabatan dan status"}
st.caption("Filter yang berlaku: " + (", ".join(labels[a] for a in applied) if applied else
                                      "tidak ada (tabel referensi)") + ".")
rows = data.count(name, f)
preview = data.table(name, f, limit=PREVIEW_ROWS)
layout.headline(f"{text.table_label(name)}: {fmt.integer(rows)} baris sesuai filter "
                f"({fmt.month(f.month_from)}–{fmt.month(f.month_to)}).")
st.caption(f"Nama tabel di gudang data: `{name}`")
layout.table(preview, title=f"Pratinjau {fmt.integer(preview.height)} dari {fmt.integer(rows)} baris",
             slug=f"{name}", key="explore_table", profile=True, full=data.full_table(name, f), rows=rows, height=520)
with st.expander("Kolom dan tipe"):
    st.dataframe({"Kolom": [text.label(c) for c in pub.columns(name)], "Nama teknis": list(pub.columns(name)),
                  "Tipe": list(pub.columns(name).values())}, hide_index=True)
