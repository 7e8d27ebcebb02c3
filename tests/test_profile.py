"""Profil Pegawai: its queries against hand computations from the fixture's stories
(tests/fixtures/dashboard/make_raw.py: every value is a formula of the employee and the day), its
scope (an OPD account sees only its people; the analyst no profile at all), and the page itself."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "dashboard"))

import make_raw  # noqa: E402
from fixture_warehouse import make_fixture_warehouse  # noqa: E402

from pages.ui import format as fmt  # noqa: E402
from warehouse.config import load_config  # noqa: E402
from warehouse.paths import current_build_file  # noqa: E402
from warehouse.query import ADMIN, Published, Scope, bind_params, sql_for  # noqa: E402

OCT = dt.date(2026, 10, 1)
YANTI, ANDI = make_raw.NIP["Yanti Susanti"], make_raw.NIP["Andi Wijaya"]
START = dt.time(7, 30)
EXCUSED = {"S": "izin", "I": "izin", "DL": "dinas", "TB": "dinas", "CT": "cuti", "CB": "cuti", "CM": "cuti",
           "CAP": "cuti", "L": "libur", "TK": "tanpa_keterangan"}


@pytest.fixture(scope="module")
def pub(tmp_path_factory):
    wh = make_fixture_warehouse(tmp_path_factory.mktemp("profil"))
    p = Published(current_build_file(wh))
    yield p
    p.close()


def hand_status(nip: str, day: dt.date, n: int) -> str:
    """The calendar status a reader gets from the story: the recap code, else late or on time (the
    departure is always after the end of the day; no October day has punches)."""
    code = make_raw.day_code(nip, day, n)
    if code in EXCUSED:
        return EXCUSED[code]
    return "terlambat" if make_raw.arrival(nip, day, n) > START else "hadir"


@pytest.mark.parametrize("nip", [s[0] for s in make_raw.STAFF])
def test_the_calendar_colours_every_october_day_as_the_story_says(pub, nip):
    cal = pub.run("profile__calendar", ADMIN, nip=nip, month=OCT)
    # every day from 1 October to the calendar's end (the build's last data day, 30 Oct in the fixture)
    assert cal["date"].to_list() == [OCT + dt.timedelta(days=i) for i in range(cal.height)] and cal.height >= 30
    workdays = make_raw.workdays(OCT)
    expected = {d: hand_status(nip, d, n) for n, d in enumerate(workdays)}
    shown = {r["date"]: r["calendar_status"] for r in cal.iter_rows(named=True) if r["is_workday"]}
    assert shown == expected
    assert cal.filter(~cal["is_workday"])["calendar_status"].null_count() == cal.height - len(workdays)  # libur


def test_yanti_has_three_tk_days_a_month_and_is_late_every_other_october_day(pub):
    cal = pub.run("profile__calendar", ADMIN, nip=YANTI, month=OCT)
    counts = dict(zip(*cal.group_by("calendar_status").len().sort("calendar_status").to_dict().values()))
    assert counts["tanpa_keterangan"] == 3  # workdays n = 2, 9, 16
    assert counts["terlambat"] + counts.get("izin", 0) + counts.get("dinas", 0) == len(make_raw.workdays(OCT)) - 3
    assert "hadir" not in counts  # Kec. Kota arrives 07.50–08.10 every October day


def test_the_ladder_position_is_the_hand_count(pub):
    """12 TK days (3 a month) + (late minutes // 450) → 11–13 days: the first Sedang step, 1 day to the next."""
    late = 0
    for month in make_raw.MONTHS:
        for n, day in enumerate(make_raw.workdays(month)):
            if make_raw.day_code(YANTI, day, n) == "H":
                a = make_raw.arrival(YANTI, day, n)
                late += max(0, (a.hour * 60 + a.minute) - (7 * 60 + 30))
    d = pub.run("profile__discipline", ADMIN, nip=YANTI, month_to=OCT).row(0, named=True)
    assert d["absent_days"] == 12 and d["late_minutes"] == late
    assert d["equivalent_absent_days"] == 12 + late // 450 == 13
    assert d["sanction_level"] == "Pemotongan tunjangan kinerja 25% selama 6 bulan" and d["sanction_category"] == "Sedang"
    assert d["next_sanction_level"] == "Pemotongan tunjangan kinerja 25% selama 9 bulan" and d["days_to_next_level"] == 1
    ladder = pub.run("profile__ladder", ADMIN)
    assert ladder.filter(ladder["sanction_rank"] == d["sanction_rank"])["min_days"][0] <= 13


def test_activity_minutes_per_month_are_the_sum_of_the_approved_rows(pub):
    rows = pub.run("profile__activity", ADMIN, nip=ANDI, month_from=make_raw.MONTHS[0], month_to=OCT)
    assert rows["month"].to_list() == make_raw.MONTHS
    for month, minutes in zip(rows["month"], rows["approved_minutes"]):
        hand = sum(make_raw.approved_minutes(ANDI, d, n) for n, d in enumerate(make_raw.workdays(month))
                   if make_raw.day_code(ANDI, d, n) == "H")
        assert minutes == hand, month
    oct_ = rows.row(-1, named=True)
    assert oct_["attainment_rate"] == pytest.approx(oct_["approved_minutes"] / oct_["target_minutes"])


def test_skp_history_is_in_period_order_not_text_order(pub):
    skp = pub.run("profile__skp", ADMIN, nip=ANDI)
    assert skp["period"].to_list() == ["7", "8", "9", "10"]  # as text '10' would come first
    # Andi (index 2): SESUAI/SESUAI = BAIK, in October DI BAWAH/SESUAI = BUTUH PERBAIKAN
    assert skp["predikat"].to_list() == ["BAIK", "BAIK", "BAIK", "BUTUH PERBAIKAN"]
    assert [fmt.skp_period(y, p) for y, p in zip(skp["year"], skp["period"])] == [
        "Jul 2026", "Agu 2026", "Sep 2026", "Okt 2026"]


def test_jp_is_the_kompetensi_definition(pub):
    """Yanti: 8 JP (BerAKHLAK training) + 12 JP (fungsional) = 20 JP, the target reached; Andi: 2 JP,
    behind, with the same figures as Kompetensi's 'tertinggal' list."""
    yanti = pub.run("profile__competency", ADMIN, nip=YANTI, month_to=OCT).row(0, named=True)
    assert yanti["jp_total"] == 20 and yanti["target_jp"] == 20 and yanti["has_reached_target"]
    andi = pub.run("profile__competency", ADMIN, nip=ANDI, month_to=OCT).row(0, named=True)
    assert andi["jp_total"] == 2 and not andi["is_on_track"]
    behind = pub.run("competency__behind", ADMIN, month_to=OCT, opd_codes=None, rumpun=None, position_types=None,
                     statuses=None)
    behind = behind.filter(behind["nip"] == ANDI)
    assert behind.height == 1
    row = behind.row(0, named=True)
    assert (row["jp_total"], row["prorated_target_jp"], row["jp_shortfall"]) == (
        andi["jp_total"], andi["prorated_target_jp"], andi["jp_shortfall"])


def test_berakhlak_by_role_is_the_latest_period_and_the_raters_scores(pub):
    rows = pub.run("profile__berakhlak", ADMIN, nip=YANTI)
    assert set(rows["period"]) == {"2026-S2"}  # the latest of S1 and S2
    i = make_raw.IDX[YANTI]
    by = {(r["core_value_label"], r["assessor_role"]): r for r in rows.iter_rows(named=True)}
    labels = rows.unique("value_order", maintain_order=True)["core_value_label"].to_list()
    assert len(labels) == 7
    for v, label in enumerate(labels):
        assert by[(label, "ATASAN")]["assessors"] == 1
        assert (label, "REKAN") not in by  # two rekan: each one's answer would be readable, so not shown
        assert not by[(label, "DIRI")]["is_counted"] and by[(label, "ATASAN")]["is_counted"]
        if (i + v) % 4:  # no item of this value lowered: the value's score is the story's number
            assert by[(label, "ATASAN")]["role_score"] == make_raw.value_score(YANTI, v, "ATASAN", 2)
            assert by[(label, "DIRI")]["role_score"] == make_raw.value_score(YANTI, v, "DIRI", 2)


def test_a_rater_group_under_three_is_not_shown(pub):
    hidden = pub.sql("select assessor_role, assessors, is_shown from mart_berakhlak_employee_role "
                     f"where nip = '{YANTI}' and is_latest_period", ADMIN)
    rekan = hidden.filter(assessor_role="REKAN")
    assert rekan.height == 7 and set(rekan["assessors"]) == {2} and not any(rekan["is_shown"])
    assert all(hidden.filter(assessor_role="ATASAN")["is_shown"])


def test_tpp_cut_lines_say_why(pub):
    """Yanti, October: a Fungsional 4.000.000 (60/40), 3 TK days at 3 % of the discipline part, and the
    decided sanction (25 % for 6 months from October)."""
    rules = load_config().tpp
    t = pub.run("profile__tpp", ADMIN, nip=YANTI, month_to=OCT).row(0, named=True)
    assert t["base_amount"] == 4_000_000 and t["final_amount"] == t["base_amount"] - t["cut_amount"]
    cuts = {r["cut_code"]: r for r in pub.run("profile__tpp_cuts", ADMIN, nip=YANTI, month_to=OCT).iter_rows(named=True)}
    disiplin = 4_000_000 * rules.w_disiplin / 100
    assert cuts["TK"]["occurrences"] == 3 and cuts["TK"]["amount"] == round(3 * rules.absent_day_percent / 100 * disiplin)
    sanction = next(r for c, r in cuts.items() if r["cut_group"] == "hukuman")
    assert sanction["amount"] == 1_000_000 and "Hukuman disiplin" in sanction["label"]
    assert sum(r["amount"] for r in cuts.values()) == t["cut_amount"]


def test_outlier_flags_are_the_persons_own(pub):
    andi = pub.run("profile__outliers", ADMIN, nip=ANDI)
    assert andi.select("kind", "month").rows() == [("low_productivity", OCT)]
    joko = pub.run("profile__outliers", ADMIN, nip=make_raw.NIP["Joko Susilo"])
    assert ("present_not_working", dt.date(2026, 8, 1)) in joko.select("kind", "month").rows()


PROFILE = ("profile__employee", "profile__months", "profile__discipline", "profile__activity", "profile__skp",
           "profile__competency", "profile__berakhlak", "profile__tpp", "profile__tpp_cuts", "profile__outliers")
PARAMS = {"nip": YANTI, "month": OCT, "month_from": make_raw.MONTHS[0], "month_to": OCT}


def _run(pub, name, scope):
    nip = make_raw.NIP["Joko Susilo"] if name == "profile__outliers" else YANTI  # Kec. Kota, both
    return pub.run(name, scope, **bind_params(sql_for(name), {**PARAMS, "nip": nip}))


@pytest.mark.parametrize("name", PROFILE)
def test_an_opd_account_sees_nothing_of_another_opds_person(pub, name):
    assert _run(pub, name, ADMIN).height > 0  # Yanti (Joko for the flags) has a row in every part
    disdik = Scope(opd_codes=("1.01",))
    assert _run(pub, name, disdik).height == 0
    assert _run(pub, name, Scope(opd_codes=("7.01",))).height > 0  # her own OPD's account does


def test_the_calendar_of_another_opds_person_shows_no_day_of_theirs(pub):
    cal = pub.run("profile__calendar", Scope(opd_codes=("1.01",)), nip=YANTI, month=OCT)
    assert cal["calendar_status"].null_count() == cal.height and cal["arrival_time"].null_count() == cal.height


@pytest.mark.parametrize("name", PROFILE + ("profile__calendar", "profile__search"))
def test_the_analyst_gets_no_profile(pub, name):
    analis = Scope(show_personal=False, pseudonym_key=b"kunci-uji")
    params = {**PARAMS, "text": "Yanti"}
    assert pub.run(name, analis, **bind_params(sql_for(name), params)).height == 0


def test_search_finds_by_name_or_nip_in_scope(pub):
    assert pub.run("profile__search", ADMIN, text="yanti")["nip"].to_list() == [YANTI]
    assert pub.run("profile__search", ADMIN, text=YANTI[:12])["nip"].to_list() == [YANTI]
    assert pub.run("profile__search", Scope(opd_codes=("1.01",)), text="yanti").is_empty()
