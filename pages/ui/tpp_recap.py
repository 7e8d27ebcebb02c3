"""Rekomendasi TPP of one OPD-month as the XLSX a BPKAD receives.

No Streamlit here: rows (tpp__recap) and the OPD's totals (tpp__recap_total, i.e. mart_tpp_opd_monthly)
in, bytes out. Layout: title block, one row per employee, a total row (SUM formulas whose cached
values are the mart's totals), the rules version, regulation and data freshness, and the sign-off
block for the Kepala OPD and the Kepala BKPSDM. Amounts are typed numbers with the `#,##0` format
(shown 1.234.567 by an Indonesian Excel); percentages `0,0 %`.
"""

from __future__ import annotations

import dataclasses
import io

import polars as pl
import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from pages.ui import format as fmt
from pages.ui.export import ExportMeta, keterangan_rows, neutralise

# (column of tpp__recap, header, kind): kind = text / int / rupiah / percent
COLUMNS = (
    ("nip", "NIP", "text"), ("name", "Nama", "text"), ("golongan", "Gol.", "text"),
    ("position_name", "Jabatan", "text"), ("kelas_jabatan", "Kelas", "int"), ("status", "Status", "text"),
    ("besaran_amount", "Besaran TPP (Rp)", "rupiah"), ("base_amount", "TPP dasar (Rp)", "rupiah"),
    ("kinerja_max_amount", "Bagian kinerja (Rp)", "rupiah"), ("activity_percent", "Capaian aktivitas", "percent"),
    ("kinerja_amount", "Kinerja dibayar (Rp)", "rupiah"), ("disiplin_max_amount", "Bagian disiplin (Rp)", "rupiah"),
    ("disiplin_cut_amount", "Potongan disiplin (Rp)", "rupiah"), ("leave_cut_amount", "Potongan cuti (Rp)", "rupiah"),
    ("sanction_cut_amount", "Potongan hukdis (Rp)", "rupiah"),
    ("cap_refund_amount", "Pengembalian batas (Rp)", "rupiah"), ("cut_amount", "Jumlah potongan (Rp)", "rupiah"),
    ("final_amount", "TPP diterima (Rp)", "rupiah"), ("reason", "Keterangan potongan", "text"),
)
# columns whose total is the mart's (mart_tpp_opd_monthly) figure
TOTALS = {"base_amount": "base_amount", "disiplin_cut_amount": "disiplin_cut_amount",
          "leave_cut_amount": "leave_cut_amount", "sanction_cut_amount": "sanction_cut_amount",
          "cap_refund_amount": "cap_refund_amount", "cut_amount": "cut_amount", "final_amount": "final_amount"}
HEADER_ROW = 6  # 0-based row of the column headers
SIGN_OFF_BKPSDM = "Kepala BKPSDM"  # the second signer: a fixed title of the layout, not data about an OPD


@dataclasses.dataclass(frozen=True)
class RecapContext:
    opd_name: str
    opd_code: str
    month_label: str
    totals: dict                 # one row of tpp__recap_total
    rules_version: str
    regulation: str
    is_example: bool
    region: str = "Pemerintah Daerah"


def status(row: dict) -> str:
    return "CPNS" if row.get("is_cpns") else (row.get("employment_status") or "")


def to_xlsx(rows: pl.DataFrame, ctx: RecapContext, meta: ExportMeta) -> bytes:
    data = neutralise(rows.with_columns(pl.col(pl.String).fill_null("")))
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"strings_to_formulas": False, "strings_to_urls": False,
                                   "strings_to_numbers": False, "in_memory": True})
    title = wb.add_format({"bold": True, "font_size": 13})
    bold = wb.add_format({"bold": True})
    head = wb.add_format({"bold": True, "bg_color": "#E8EEF7", "border": 1, "text_wrap": True, "valign": "top"})
    cell = wb.add_format({"border": 1, "valign": "top"})
    wrap = wb.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    money = wb.add_format({"border": 1, "num_format": "#,##0", "valign": "top"})
    pct = wb.add_format({"border": 1, "num_format": "0.0%", "valign": "top"})
    total_f = wb.add_format({"bold": True, "border": 1, "num_format": "#,##0", "bg_color": "#F3F4F6"})
    total_l = wb.add_format({"bold": True, "border": 1, "bg_color": "#F3F4F6"})
    ws = wb.add_worksheet("Rekomendasi TPP")
    ws.write_string(0, 0, "REKOMENDASI PEMBAYARAN TAMBAHAN PENGHASILAN PEGAWAI (TPP)", title)
    ws.write_string(1, 0, ctx.region)
    ws.write_string(2, 0, f"Perangkat Daerah: {ctx.opd_name} ({ctx.opd_code})")
    ws.write_string(3, 0, f"Bulan: {ctx.month_label}")
    if ctx.is_example:
        ws.write_string(4, 0, "PERHATIAN: dihitung dengan aturan CONTOH, bukan Perkada yang berlaku.", bold)
    ws.write_string(HEADER_ROW, 0, "No", head)
    for j, (_c, header, _k) in enumerate(COLUMNS, start=1):
        ws.write_string(HEADER_ROW, j, header, head)
    first = HEADER_ROW + 1
    for i, row in enumerate(data.iter_rows(named=True)):
        r = first + i
        ws.write_number(r, 0, i + 1, cell)
        for j, (col, _h, kind) in enumerate(COLUMNS, start=1):
            value = status(row) if col == "status" else row.get(col)
            if value is None or value == "":
                ws.write_blank(r, j, None, cell)
            elif kind == "rupiah":
                ws.write_number(r, j, value, money)
            elif kind == "percent":
                ws.write_number(r, j, value, pct)
            elif kind == "int":
                ws.write_number(r, j, value, cell)
            else:
                ws.write_string(r, j, str(value), wrap if col in ("reason", "position_name") else cell)
    total_row = first + data.height
    ws.write_string(total_row, 0, "", total_l)
    ws.write_string(total_row, 1, f"JUMLAH ({fmt.integer(data.height)} pegawai)", total_l)
    for j, (col, _h, _k) in enumerate(COLUMNS, start=1):
        if col in TOTALS:
            rng = f"{xl_rowcol_to_cell(first, j)}:{xl_rowcol_to_cell(max(first, total_row - 1), j)}"
            ws.write_formula(total_row, j, f"=SUM({rng})", total_f, ctx.totals[TOTALS[col]])
        elif j > 1:
            ws.write_blank(total_row, j, None, total_l)
    r = total_row + 2
    for label, value in (("Aturan TPP", f"versi {ctx.rules_version}" + (" (CONTOH)" if ctx.is_example else "")),
                         ("Dasar", ctx.regulation), ("Data per", meta.data_as_of or fmt.DASH),
                         ("ID build", meta.build_id or fmt.DASH), ("Dibuat", fmt.datetime(meta.exported_at))):
        ws.write_string(r, 0, label, bold)
        ws.write_string(r, 2, value)
        r += 1
    r += 1
    left, right = 2, 14
    ws.write_string(r, left, "Mengetahui,")
    ws.write_string(r, right, f"................., {ctx.month_label}")
    ws.write_string(r + 1, left, f"Kepala {ctx.opd_name}", bold)
    ws.write_string(r + 1, right, SIGN_OFF_BKPSDM, bold)
    for col in (left, right):
        ws.write_string(r + 5, col, "(.......................................)")
        ws.write_string(r + 6, col, "NIP. ...................................")
    widths = {0: 5, 1: 20, 2: 26, 3: 7, 4: 32, 5: 7, 6: 8}
    for j in range(len(COLUMNS) + 1):
        ws.set_column(j, j, widths.get(j, 16))
    ws.set_column(len(COLUMNS), len(COLUMNS), 60)
    ws.set_row(HEADER_ROW, 45)
    ws.freeze_panes(HEADER_ROW + 1, 3)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(HEADER_ROW)
    _data_sheets(wb, rows, meta)
    wb.close()
    return buf.getvalue()


def _data_sheets(wb: xlsxwriter.Workbook, rows: pl.DataFrame, meta: ExportMeta) -> None:
    """Sheet "Data" (the same rows, warehouse column names, typed: for import) and "Keterangan"."""
    head = wb.add_format({"bold": True, "bg_color": "#E8EEF7", "border": 1})
    data = neutralise(rows)
    ws = wb.add_worksheet("Data")
    for j, name in enumerate(data.columns):
        ws.write_string(0, j, name, head)
        for i, v in enumerate(data[name].to_list(), start=1):
            if v is None:
                continue
            if isinstance(v, str):
                ws.write_string(i, j, v)
            elif isinstance(v, bool):
                ws.write_boolean(i, j, v)
            else:
                ws.write_number(i, j, v)
    info = wb.add_worksheet("Keterangan")
    info.set_column(1, 1, 80)
    for i, (k, v) in enumerate(keterangan_rows(meta, rows)):
        info.write_string(i, 0, k, head)
        info.write_string(i, 1, v)
