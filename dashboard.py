"""Dasbor Budaya Kerja ASN: the frame (page config, access, theme, navigation, shared filters).

    BUDAYA_DEMO=1 streamlit run dashboard.py            # demo accounts, shown on the sign-in page
    BUDAYA_ACCOUNTS=/etc/budaya/akun.toml streamlit run dashboard.py

Without an accounts file and without demo mode the app shows only the reason it refuses
to run (`python -m warehouse.access check` tells the same before starting the server).
Nobody signed in: every URL shows the sign-in page. Signed in: the pages of the account's
role; Kelola Data and Log Audit only for admin (for other roles their URLs show a refusal,
which is audited). Every query carries the account's scope (warehouse/query.py).

Pages live in pages/ (one file each); shared building blocks in pages/ui/.
Presentation mode: `?presentasi=1` (no sidebar or widgets, large type, filters kept).
"""

import streamlit as st

from pages.ui import auth, data, filters, layout, theme
from pages.ui import format as fmt

PRESENTING = layout.presenting()
st.set_page_config(page_title="Dasbor Budaya Kerja ASN", page_icon=":material/insights:", layout="wide",
                   initial_sidebar_state="collapsed" if PRESENTING else "auto")
theme.register()
config = auth.config_or_stop()  # refuses to run without accounts (or demo mode)

PAGES = [  # file, title, icon, url path (the first is the default page, at "/")
    ("pages/overview.py", "Ringkasan", ":material/dashboard:", "ringkasan"),
    ("pages/culture_index.py", "Indeks Budaya Kerja", ":material/monitoring:", "indeks"),
    ("pages/core_values.py", "BerAKHLAK", ":material/diversity_3:", "berakhlak"),
    ("pages/discipline.py", "Kedisiplinan", ":material/schedule:", "kedisiplinan"),
    ("pages/performance.py", "Kinerja & Produktivitas", ":material/trending_up:", "kinerja"),
    ("pages/competency.py", "Pengembangan Kompetensi", ":material/school:", "kompetensi"),
    ("pages/explore.py", "Jelajah & Ekspor", ":material/table_view:", "jelajah"),
    ("pages/manage_data.py", "Kelola Data", ":material/upload_file:", "kelola-data"),
    ("pages/audit_log.py", "Log Audit", ":material/policy:", "log-audit"),
    ("pages/methodology.py", "Metodologi", ":material/menu_book:", "metodologi"),
]
ADMIN_PAGES = {"kelola-data", "log-audit"}

account = auth.resolve(config)
if account is None:
    # Every URL of the app shows the sign-in page (same url paths, so a deep link survives
    # signing in); nothing else runs, no data is read.
    st.navigation([st.Page(auth.sign_in_page, title="Masuk", icon=":material/login:", url_path=url,
                           default=i == 0, visibility="visible" if i == 0 else "hidden")
                   for i, (_, _, _, url) in enumerate(PAGES)], position="hidden").run()
    st.stop()

# Admin-only pages stay reachable by URL for other roles but are hidden from their menu:
# the page itself refuses (auth.require_admin) and audits the attempt.
pages = [st.Page(file, title=title, icon=icon, url_path=url, default=i == 0,
                 visibility="hidden" if url in ADMIN_PAGES and not account.can_manage_data else "visible")
         for i, (file, title, icon, url) in enumerate(PAGES)]
page = st.navigation(pages, position="hidden" if PRESENTING else "sidebar")
st.session_state["_exports"] = {}  # the export buttons drawn on this run (layout.downloads)
st.session_state["_halaman"] = page.url_path or PAGES[0][3]  # for audit entries


def freshness() -> None:
    info = data.build_info()
    st.caption(f"Data s.d. **{fmt.date(info.get('period_end'))}** · terbit "
               f"{fmt.datetime(info.get('built_at'))}  \nBuild `{info.get('build_id', fmt.DASH)}`")


def present_on() -> None:
    st.query_params["presentasi"] = "1"


published = data.published() is not None
auth.sidebar(account, filters.opd_labels() if published and account.opd_codes is not None else None)
if published:
    with st.sidebar:
        freshness()
        st.button("Mode presentasi", icon=":material/present_to_all:", on_click=present_on,
                  help="Tanpa menu dan filter, huruf besar, kontras tinggi. Tautan tetap membawa filter.")
    filters.sidebar()  # drawn even when presenting (hidden by CSS) so the URL keeps the filters
if PRESENTING:
    st.html(layout.PRESENT_CSS)
    layout.presentation_nav(pages, page)

page.run()
