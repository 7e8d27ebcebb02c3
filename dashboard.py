"""Dasbor Budaya Kerja ASN: the frame (page config, access, theme, navigation, shared filters).

    BUDAYA_DEMO=1 streamlit run app.py            # demo accounts, shown on the sign-in page
    BUDAYA_ACCOUNTS=/etc/budaya/akun.toml streamlit run app.py

app.py serves this script (st.App) with the routes that set and delete the session cookie.

Without an accounts file and without demo mode the app shows only the reason it refuses
to run (`python -m warehouse.access check` tells the same before starting the server).
Nobody signed in: every URL shows the sign-in page. Signed in: the pages of the account's
role; Kelola Data and Log Audit only for admin (for other roles their URLs show a refusal,
which is audited). Every query carries the account's scope (warehouse/query.py).

Pages live in pages/ (one file each, listed once in pages/registry.py); shared building blocks
in pages/ui/. The account and its scope are resolved here, once per run, and handed to
pages/ui/context.py, which the data access and the audit entries read.
Presentation mode: `?presentasi=1` (no sidebar or widgets, large type, filters kept).
"""

import streamlit as st

from pages import registry
from pages.ui import auth, context, data, filters, layout, rakor, theme
from pages.ui import format as fmt

PRESENTING = layout.presenting()
st.set_page_config(page_title="Dasbor Budaya Kerja ASN", page_icon=":material/insights:", layout="wide",
                   initial_sidebar_state="collapsed" if PRESENTING else "auto")
theme.register()
st.html(layout.BASE_CSS)
config = auth.config_or_stop()  # refuses to run without accounts (or demo mode)

account = auth.resolve(config)
if account is None:
    context.set_viewer(context.Viewer(None, context.NOBODY))
    # Every URL of the app shows the sign-in page (same url paths, so a deep link survives
    # signing in); nothing else runs, no data is read.
    st.navigation([st.Page(auth.sign_in_page, title="Masuk", icon=":material/login:", url_path=url,
                           default=i == 0, visibility="visible" if i == 0 else "hidden")
                   for i, url in enumerate(p.url for p in registry.PAGES)], position="hidden").run()
    st.stop()

auth.keep_cookie()  # just signed in: the browser fetches its session cookie (reload, new tab)

# Admin-only pages stay reachable by URL for other roles but are hidden from their menu:
# the page itself refuses (auth.require_admin) and audits the attempt.
pages = {p.name: st.Page(p.file, title=p.title, icon=p.icon, url_path=p.url, default=p is registry.DEFAULT,
                         visibility="hidden" if p.admin_only and not account.can_manage_data else "visible")
         for p in registry.PAGES}
page = st.navigation(list(pages.values()), position="hidden" if PRESENTING else "sidebar")
context.set_viewer(context.Viewer(account, config.scope(account), page.url_path or registry.DEFAULT.url))
layout.follow_pending_switch()  # a chart bar or table row clicked: straight to the next level
st.session_state["_exports"] = {}  # the export buttons drawn on this run (layout.downloads)


def freshness() -> None:
    info = data.build_info()
    st.caption(f"Data s.d. **{fmt.date(data.data_until())}** · terbit "
               f"{fmt.datetime(info.get('built_at'))}  \nBuild `{info.get('build_id', fmt.DASH)}`")


def present_on() -> None:
    st.query_params["presentasi"] = "1"


published = data.published() is not None
if published:  # the filters first, right under the menu: above the fold of a 900 px screen
    context.set_filters(filters.sidebar())  # drawn even when presenting (hidden by CSS): the URL keeps them
auth.sidebar(account, filters.opd_labels() if published and account.opd_codes is not None else None)
if published:
    with st.sidebar:
        freshness()
        if page.url_path in {pages[p.name].url_path for p in registry.SLIDES}:  # only a slide is presented
            st.button("Mode presentasi", icon=":material/present_to_all:", on_click=present_on,
                      help="Satu layar per slide, tanpa menu dan tombol; → / ← ganti slide, Esc keluar. "
                           "Tautan tetap membawa filter.")
    if not PRESENTING:
        with st.sidebar:
            rakor.button()  # PPTX + PDF of this view (presentation mode has it in its bar)
if PRESENTING:
    st.html(layout.PRESENT_CSS)
    layout.presentation_nav([pages[p.name] for p in registry.SLIDES], page)

page.run()
