"""Bahan rakor and monthly briefs (reports/): the files themselves, opened as a reader would.

The PPTX is opened with python-pptx and the PDFs with pypdf; every number checked is compared
with a direct query of the published mart for the same filters. Delivery runs the real CLI against
an SMTP server started here on 127.0.0.1 (aiosmtpd), and into the outbox without SMTP; both are
read back from the audit log. Rendered pages go to tests/artifacts/laporan/ (pdftoppm) to be looked at.
"""

from __future__ import annotations

import datetime as dt
import email
import io
import json
import re
import shutil
import subprocess
import sys
from email import policy
from pathlib import Path

import duckdb
import pytest
from pptx import Presentation
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "dashboard"))

from fixture_warehouse import make_fixture_warehouse  # noqa: E402

from pages import registry  # noqa: E402
from pages.ui import format as fmt  # noqa: E402
from pages.ui.text import COMPONENTS  # noqa: E402
from reports import deck as decks  # noqa: E402
from reports import render  # noqa: E402
from reports.brief import REGION_KEY, build_briefs  # noqa: E402
from reports.view import View  # noqa: E402
from warehouse.audit import read_audit  # noqa: E402
from warehouse.paths import current_build_file  # noqa: E402
from warehouse.query import ADMIN, Filters, Published, Scope  # noqa: E402

FIRST, LAST = dt.date(2026, 7, 1), dt.date(2026, 10, 1)  # the fixture's months
ARTIFACTS = ROOT / "tests" / "artifacts" / "laporan"
NIP = re.compile(r"(?<!\d)\d{18}(?!\d)")
try:
    render.browser_path()
    HAS_BROWSER = True
except render.RenderError:
    HAS_BROWSER = False


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return make_fixture_warehouse(tmp_path_factory.mktemp("laporan"))


@pytest.fixture(scope="module")
def pub(warehouse) -> Published:
    p = Published(current_build_file(warehouse))
    yield p
    p.close()


def direct(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(current_build_file(warehouse)), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def pptx_slides(data: bytes) -> list[dict]:
    prs = Presentation(io.BytesIO(data))
    out = []
    for s in prs.slides:
        texts = [sh.text_frame.text for sh in s.shapes if sh.has_text_frame]
        out.append({"title": s.shapes.title.text if s.shapes.title is not None else "",
                    "text": "\n".join(texts), "pictures": sum(sh.shape_type == 13 for sh in s.shapes),
                    "notes": s.notes_slide.notes_text_frame.text if s.has_notes_slide else ""})
    return out


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def save_png(pdf: bytes, stem: str) -> list[Path]:
    """Rendered pages for a person to look at (tests/artifacts/laporan/<stem>-N.png)."""
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) tidak terpasang")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    src = ARTIFACTS / f"{stem}.pdf"
    src.write_bytes(pdf)
    for old in ARTIFACTS.glob(f"{stem}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(src), str(ARTIFACTS / stem)], check=True)
    return sorted(ARTIFACTS.glob(f"{stem}-*.png"))


# -- the deck ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def admin_deck(pub) -> decks.Deck:
    return decks.build_deck(View(pub, ADMIN, Filters(month_from=FIRST, month_to=LAST)), charts=HAS_BROWSER)


def test_deck_has_a_title_slide_then_one_slide_per_presentation_slide(admin_deck, warehouse):
    slides = pptx_slides(admin_deck.pptx)
    assert [s["title"] for s in slides[1:]] == [p.title for p in registry.SLIDES]
    build_id, period_end = direct(warehouse, "select build_id, period_end from build_info")[0]
    first = slides[0]["text"]
    assert build_id in first and "Seluruh OPD" in first and "Juli 2026 – Oktober 2026" in first
    assert f"Data s.d. {fmt.date_long(period_end)}" in first
    pages = pdf_pages(admin_deck.pdf)
    assert len(pages) == len(slides)
    for s, page in zip(slides[1:], pages[1:]):  # the PDF says what the PPTX says
        assert s["title"] in page
        assert flat(s["text"].split("\n")[0]) in flat(page)  # the headline
    if HAS_BROWSER:
        assert all(s["pictures"] == 1 for s in slides[1:]), "one chart per slide"
    assert all(s["notes"] for s in slides[1:]), "speaker notes on every slide"
    assert "PP 94/2021" in slides[4]["notes"] and "PermenPANRB 6/2022" in slides[5]["notes"]


def test_deck_numbers_equal_the_marts(admin_deck, warehouse):
    text = {s["title"]: flat(s["text"]) for s in pptx_slides(admin_deck.pptx)}
    idx, mom, disc = direct(warehouse, "select culture_index, culture_index_mom_delta, discipline_score "
                                       "from mart_region_monthly where month = ?", [LAST])[0]
    assert (f"Indeks Budaya Kerja wilayah Oktober 2026: {fmt.number(idx)} ({fmt.signed(mom)} dari bulan lalu)"
            in text["Ringkasan"])
    assert f"{COMPONENTS['discipline']} {fmt.number(disc)}" in text["Ringkasan"]

    ranked = direct(warehouse, "select o.opd_short, m.culture_index from mart_opd_monthly m join dim_opd o "
                               "using (opd_code) where month = ? and culture_index is not null "
                               "order by culture_index desc", [LAST])
    (top, top_v), (low, low_v) = ranked[0], ranked[-1]
    assert (f"tertinggi {top} ({fmt.number(top_v)}), terendah {low} ({fmt.number(low_v)})"
            in text["Indeks Budaya Kerja"])

    period, label, score = direct(warehouse, "select period, core_value_label, score from mart_berakhlak_region "
                                             "order by period_first_month desc, score asc limit 1")[0]
    assert f"Nilai terlemah {fmt.period(period)}: {label} ({fmt.number(score, 2)} dari 5)" in text["BerAKHLAK"]

    sanctioned, berat = direct(warehouse, "select count(*) filter (where sanction_rank > 0), count(*) filter "
                                          "(where sanction_category = 'Berat') from mart_discipline_yearly "
                                          "where year = 2026")[0]
    assert f"{sanctioned} pegawai sudah mencapai anak tangga sanksi PP 94/2021 tahun 2026 ({berat} berat)" \
        in text["Kedisiplinan"]

    outliers = direct(warehouse, "select count(*) from mart_outliers where month between ? and ?", [FIRST, LAST])[0][0]
    assert f"{outliers} temuan tidak wajar {fmt.month(FIRST)}–{fmt.month(LAST)};" in text["Kinerja & Produktivitas"]

    on, emp = direct(warehouse, "select sum(employees_on_track), sum(employees) from mart_competency_opd_monthly "
                                "where month = ?", [LAST])[0]
    assert f"{fmt.percent(on / emp)} pegawai sesuai target JP" in text["Pengembangan Kompetensi"]  # hand computation
    assert f"{fmt.integer(on)} dari {fmt.integer(emp)} pegawai sesuai target prorata" in text["Pengembangan Kompetensi"]


def test_deck_follows_the_opd_filter_and_scope(pub, warehouse):
    code, short = direct(warehouse, "select opd_code, opd_short from dim_opd order by opd_code limit 1")[0]
    d = decks.build_deck(View(pub, Scope(opd_codes=(code,)), Filters(month_from=FIRST, month_to=LAST)), charts=False)
    text = flat(" ".join(s["text"] for s in pptx_slides(d.pptx)))
    idx, = direct(warehouse, "select culture_index from mart_opd_monthly where opd_code = ? and month = ?",
                  [code, LAST])[0]
    assert f"Indeks Budaya Kerja {short} Oktober 2026: {fmt.number(idx)}" in text
    others = [s for c, s in direct(warehouse, "select opd_code, opd_short from dim_opd") if c != code]
    assert not any(f" {o} (" in text for o in others), "an OPD account's deck names no other OPD's values"


def test_analyst_deck_is_pseudonymised_and_k_anonymous(pub, warehouse):
    sizes = direct(warehouse, "select o.opd_short, m.employees from mart_opd_monthly m join dim_opd o "
                              "using (opd_code) where month = ? order by employees", [LAST])
    small, n = sizes[0]
    analyst = Scope(None, show_personal=False, pseudonym_key=b"kunci-uji-laporan", k=n + 1)
    d = decks.build_deck(View(pub, analyst, Filters(month_from=FIRST, month_to=LAST)), charts=False)
    opened = pptx_slides(d.pptx)
    slides = {s["title"]: flat(s["text"]) for s in opened[1:]}
    assert f"NIP dan nama disamarkan, kelompok < {n + 1} orang disembunyikan" in flat(opened[0]["text"])
    assert small not in slides["Indeks Budaya Kerja"], "an OPD below k people is not shown to an analyst"
    names = {r[0] for r in direct(warehouse, "select name from dim_pegawai")}
    everything = " ".join(slides.values()) + " ".join(pdf_pages(d.pdf))
    assert not NIP.search(everything) and not any(nm in everything for nm in names)


@pytest.mark.skipif(not HAS_BROWSER, reason="chromium tidak ada")
def test_deck_pages_are_saved_as_png(admin_deck):
    pngs = save_png(admin_deck.pdf, "bahan_rakor")
    assert len(pngs) == 1 + len(registry.SLIDES)


def test_deck_opens_in_libreoffice_impress(admin_deck, tmp_path):
    """A deck that needs repair does not convert: Impress reads every slide with its picture."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (libreoffice-impress-nogui) tidak terpasang")
    deck = tmp_path / "bahan_rakor.pptx"
    deck.write_bytes(admin_deck.pptx)
    done = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
                          capture_output=True, text=True, timeout=180)
    converted = tmp_path / "bahan_rakor.pdf"
    assert converted.exists(), done.stderr
    pages = PdfReader(converted).pages
    assert len(pages) == 1 + len(registry.SLIDES)
    assert "Ringkasan" in pages[1].extract_text()
    if HAS_BROWSER:
        assert all(page.images for page in pages[1:])  # each slide's chart survived


# -- the monthly briefs --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def briefs(pub):
    return {b.key: b for b in build_briefs(pub, LAST, daerah="Kabupaten Uji")}


def test_a_brief_names_only_its_own_opds_people(briefs, warehouse):
    people = direct(warehouse, "select nip, name, opd_code from dim_pegawai")
    for code, b in briefs.items():
        if code == REGION_KEY:
            continue
        text = " ".join(pdf_pages(b.pdf))
        own = {nip for nip, _, opd in people if opd == code}
        found = set(NIP.findall(text))
        assert found and found <= own, (code, found - own)
        own_names = {nm for _, nm, opd in people if opd == code}
        foreign = {nm for _, nm, opd in people if opd != code} - own_names
        assert not [nm for nm in foreign if nm in text], code
    assert not NIP.search(" ".join(pdf_pages(briefs[REGION_KEY].pdf))), "the region brief names nobody"


def test_brief_numbers_equal_the_marts(briefs, warehouse):
    for code, b in briefs.items():
        if code == REGION_KEY:
            continue
        pages = pdf_pages(b.pdf)
        assert 2 <= len(pages) <= 4
        text = flat(" ".join(pages))
        idx, rank, mom, short = direct(warehouse, "select culture_index, culture_index_rank, culture_index_mom_delta, "
                                                  "opd_short from mart_opd_monthly join dim_opd using (opd_code) "
                                                  "where opd_code = ? and month = ?", [code, LAST])[0]
        region, = direct(warehouse, "select culture_index from mart_region_monthly where month = ?", [LAST])[0]
        n_opd = direct(warehouse, "select count(*) from dim_opd")[0][0]
        assert (f"Indeks Budaya Kerja {short} bulan Oktober 2026 {fmt.number(idx)} (peringkat {rank} dari {n_opd} OPD), "
                f"{fmt.signed(mom)} dari bulan lalu") in text
        assert f"rata-rata wilayah {fmt.number(region)}" in text
        near = direct(warehouse, "select p.name from mart_discipline_yearly y join dim_pegawai p using (nip) "
                                 "where y.opd_code = ? and y.year = 2026 and y.next_sanction_level is not null "
                                 "and y.days_to_next_level <= 2", [code])
        assert all(nm in text for (nm,) in near)
        behind = direct(warehouse, "select count(*) from mart_competency_yearly where opd_code = ? and year = 2026 "
                                   "and not is_on_track", [code])[0][0]
        assert f"{behind} pegawai tertinggal" in text
        month_outliers = direct(warehouse, "select reason from mart_outliers where opd_code = ? and month = ?",
                                [code, LAST])
        assert all(flat(r)[:40] in text for (r,) in month_outliers if r)
        weakest = direct(warehouse, "select core_value_label, score from mart_berakhlak_opd where opd_code = ? "
                                    "and is_weakest order by period desc limit 1", [code])
        if weakest:
            assert f"{weakest[0][0]} {fmt.number(weakest[0][1], 2)} dari 5" in text
    region_text = flat(" ".join(pdf_pages(briefs[REGION_KEY].pdf)))
    for name, v in direct(warehouse, "select o.opd_name, m.culture_index from mart_opd_monthly m join dim_opd o "
                                     "using (opd_code) where month = ?", [LAST]):
        assert f"{name} {fmt.number(v)}" in region_text


@pytest.mark.skipif(not HAS_BROWSER, reason="chromium tidak ada")
def test_brief_pages_are_saved_as_png(briefs):
    code = sorted(k for k in briefs if k != REGION_KEY)[0]
    assert len(save_png(briefs[code].pdf, f"laporan_{code}")) >= 2
    assert save_png(briefs[REGION_KEY].pdf, "laporan_wilayah")


# -- the command line and delivery ---------------------------------------------------------------

def cli(warehouse: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-m", "pipelines", "--warehouse", str(warehouse), "laporan", *args],
                          cwd=ROOT, capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=600)


@pytest.mark.parametrize(("args", "code", "says"), [
    (["--bulan", "2026-13"], 2, "--bulan harus berformat YYYY-MM"),
    (["--bulan", "2031-01"], 1, "tidak ada di build terbit"),
    (["--bulan", "2026-10", "--opd", "9.99"], 2, "Kode OPD tidak dikenal: 9.99"),
    (["--bulan", "2026-10", "--format", "docx"], 2, "--format hanya boleh pdf, pptx"),
])
def test_cli_refuses_in_bahasa(warehouse, tmp_path, args, code, says):
    r = cli(warehouse, *args, "--out", str(tmp_path / "keluar"))
    assert r.returncode == code and says in r.stderr and "Traceback" not in r.stderr


def recipients_file(tmp_path: Path, codes: list[str], smtp: tuple[str, int] | None) -> tuple[Path, dict]:
    wanted = {c: [f"kepala{i}@opd.uji", f"sekretaris{i}@opd.uji"] if i == 0 else [f"kepala{i}@opd.uji"]
              for i, c in enumerate(codes)}
    wanted[REGION_KEY] = ["sekda@pemda.uji"]
    lines = ['[laporan]', 'daerah = "Kabupaten Uji"', 'pengirim = "bkpsdm@pemda.uji"']
    if smtp:
        lines += ["[smtp]", f'host = "{smtp[0]}"', f"port = {smtp[1]}"]
    lines += ["[penerima]"] + [f'"{c}" = {json.dumps(a)}' for c, a in wanted.items()]
    path = tmp_path / "laporan.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, wanted


def attachments(msg) -> list[tuple[str, bytes]]:
    return [(part.get_filename(), part.get_payload(decode=True)) for part in msg.iter_attachments()]


def test_kirim_over_smtp_gives_every_recipient_exactly_their_opds_brief(warehouse, tmp_path):
    from aiosmtpd.controller import Controller

    class Collect:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append((list(envelope.rcpt_tos), envelope.content))
            return "250 OK"

    import socket

    with socket.socket() as probe:  # aiosmtpd checks its server by connecting: it needs a real port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        codes = [c for (c,) in direct(warehouse, "select opd_code from dim_opd order by opd_code")]
        config, wanted = recipients_file(tmp_path, codes[:2], (controller.hostname, controller.port))
        out = tmp_path / "keluar"
        r = cli(warehouse, "--bulan", "2026-10", "--out", str(out), "--kirim", env={"BUDAYA_LAPORAN": str(config)})
    finally:
        controller.stop()
    assert r.returncode == 0, r.stderr
    assert f"tanpa penerima di {config}: {codes[2]}" in r.stderr  # the third OPD has no recipient: said, not sent
    got: dict[str, list[tuple[str, bytes]]] = {}
    for rcpts, content in handler.messages:
        assert len(rcpts) == 1, "one message per recipient"
        got.setdefault(rcpts[0], []).extend(attachments(email.message_from_bytes(content, policy=policy.default)))
    expected = {a: [(f"laporan_2026-10_{c}.pdf", (out / f"laporan_2026-10_{c}.pdf").read_bytes())]
                for c, addrs in wanted.items() for a in addrs}
    assert got == expected
    log = read_audit(warehouse, limit=200)
    sent = {(json.loads(d)["penerima"], json.loads(d)["opd"], json.loads(d)["lewat"])
            for e, d in zip(log["event"], log["details"]) if e == "laporan_kirim"}
    assert {(a, c, "smtp") for c, addrs in wanted.items() for a in addrs} <= sent
    written = {json.loads(d)["opd"] for e, d in zip(log["event"], log["details"]) if e == "laporan"}
    assert set(codes) | {REGION_KEY} <= written


def test_kirim_without_smtp_fills_the_outbox_with_a_manifest(warehouse, tmp_path):
    codes = [c for (c,) in direct(warehouse, "select opd_code from dim_opd order by opd_code")]
    config, wanted = recipients_file(tmp_path, codes, None)
    out = tmp_path / "keluar"
    r = cli(warehouse, "--bulan", "2026-10", "--opd", codes[0], codes[1], "--format", "pdf,pptx", "--out", str(out),
            "--kirim", env={"BUDAYA_LAPORAN": str(config)})
    assert r.returncode == 0, r.stderr
    box = out / "outbox" / "2026-10"
    manifest = json.loads((box / "manifest.json").read_text(encoding="utf-8"))
    pairs = {(m["recipient"], m["key"]) for m in manifest["pesan"]}
    assert pairs == {(a, c) for c in codes[:2] for a in wanted[c]}  # --opd: only those OPDs, no region brief
    for m in manifest["pesan"]:
        msg = email.message_from_bytes(Path(m["where"]).read_bytes(), policy=policy.default)
        assert msg["To"] == m["recipient"]
        names = [n for n, _ in attachments(msg)]
        assert names == [f"laporan_2026-10_{m['key']}.pdf", f"laporan_2026-10_{m['key']}.pptx"]
        assert attachments(msg)[0][1] == (out / names[0]).read_bytes()
    log = read_audit(warehouse, limit=200)
    boxed = [json.loads(d) for e, d in zip(log["event"], log["details"]) if e == "laporan_kirim"]
    assert {(d["penerima"], d["opd"]) for d in boxed if d["lewat"] == "outbox"} >= pairs


@pytest.mark.parametrize("page", [p.name for p in registry.SLIDES])
def test_slide_headline_is_the_pages_presentation_headline(page, warehouse, pub, monkeypatch, tmp_path):
    """The deck says what the screen says: the page in presentation mode and its slide, same filters."""
    import html

    from reports import slides
    from tests.test_pages import open_page

    monkeypatch.setenv("BUDAYA_DEMO", "1")
    monkeypatch.setenv("BUDAYA_ACCOUNTS", str(tmp_path / "tidak-ada.toml"))
    monkeypatch.setenv("BUDAYA_WAREHOUSE", str(warehouse))
    at = open_page(page, presentasi="1")
    shown = [html.unescape(re.sub(r"<[^>]+>", "", m.value)) for m in at.markdown if 'class="headline"' in m.value]
    slide = slides.BUILDERS[page](View(pub, ADMIN, Filters(month_from=FIRST, month_to=LAST)))
    assert shown == [slide.headline]


def test_unduh_bahan_rakor_gives_the_viewers_scope_and_is_audited(warehouse, monkeypatch):
    """The button's download (pages/ui/rakor.produce) for an analyst: pseudonymised scope, audited."""
    from pages.ui import context, rakor
    from warehouse.access import Account

    monkeypatch.setenv("BUDAYA_WAREHOUSE", str(warehouse))
    analyst = Account("analis-uji", "Analis Uji", "analis", None)
    scope = Scope(None, show_personal=False, pseudonym_key=b"kunci-uji-tombol")
    context.set_viewer(context.Viewer(analyst, scope, "indeks"))
    f = Filters(month_from=FIRST, month_to=LAST)
    pptx = rakor.produce(str(current_build_file(warehouse)), f, "pptx")
    pdf = rakor.produce(str(current_build_file(warehouse)), f, "pdf")
    slides = pptx_slides(pptx)
    assert [s["title"] for s in slides[1:]] == [p.title for p in registry.SLIDES]
    assert "NIP dan nama disamarkan" in slides[0]["text"] and pdf_pages(pdf)[0].count("disamarkan") == 1
    log = read_audit(warehouse, limit=20)
    mine = [json.loads(d) for u, e, d in zip(log["username"], log["event"], log["details"])
            if u == "analis-uji" and e == "ekspor"]
    assert sorted(d["format"] for d in mine if d["tabel"] == "bahan_rakor") == ["pdf", "pptx"]
