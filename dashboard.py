"""Dasbor Budaya Kerja ASN: the frame (page config, theme, navigation, shared filters).

    streamlit run dashboard.py

Pages live in pages/ (one file each); shared building blocks in pages/ui/.
Presentation mode: `?presentasi=1` (no sidebar or widgets, large type, filters kept).
"""

import streamlit as st

from pages.ui import data, filters, layout, theme
from pages.ui import format as fmt

PRESENTING = layout.presenting()
st.set_page_config(page_title="Dasbor Budaya Kerja ASN", page_icon=":material/insights:", layout="wide",
                   initial_sidebar_state="collapsed" if PRESENTING else "auto")
theme.register()

PAGES = [
    st.Page("pages/overview.py", title="Ringkasan", icon=":material/dashboard:",  # the root URL
            default=True),
    st.Page("pages/culture_index.py", title="Indeks Budaya Kerja", icon=":material/monitoring:",
            url_path="indeks"),
    st.Page("pages/core_values.py", title="BerAKHLAK", icon=":material/diversity_3:", url_path="berakhlak"),
    st.Page("pages/discipline.py", title="Kedisiplinan", icon=":material/schedule:", url_path="kedisiplinan"),
    st.Page("pages/performance.py", title="Kinerja & Produktivitas", icon=":material/trending_up:",
            url_path="kinerja"),
    st.Page("pages/competency.py", title="Pengembangan Kompetensi", icon=":material/school:",
            url_path="kompetensi"),
    st.Page("pages/explore.py", title="Jelajah & Ekspor", icon=":material/table_view:", url_path="jelajah"),
    st.Page("pages/manage_data.py", title="Kelola Data", icon=":material/upload_file:", url_path="kelola-data"),
    st.Page("pages/methodology.py", title="Metodologi", icon=":material/menu_book:", url_path="metodologi"),
]
page = st.navigation(PAGES, position="hidden" if PRESENTING else "sidebar")


def freshness() -> None:
    info = data.build_info()
    st.caption(f"Data s.d. **{fmt.date(info.get('period_end'))}** · terbit "
               f"{fmt.datetime(info.get('built_at'))}  \nBuild `{info.get('build_id', fmt.DASH)}`")


def present_on() -> None:
    st.query_params["presentasi"] = "1"


if data.published() is not None:
    with st.sidebar:
        freshness()
        st.button("Mode presentasi", icon=":material/present_to_all:", on_click=present_on,
                  help="Tanpa menu dan filter, huruf besar, kontras tinggi. Tautan tetap membawa filter.")
    filters.sidebar()  # drawn even when presenting (hidden by CSS) so the URL keeps the filters
if PRESENTING:
    st.html(layout.PRESENT_CSS)
    layout.presentation_nav(PAGES, page)

page.run()
