"""`python -m pipelines laporan --bulan YYYY-MM [--opd KODE…] [--format pdf,pptx] --out DIR [--kirim]`.

Writes the monthly brief of every OPD (or of those named) and the region's from the published
build into DIR (`laporan_<YYYY-MM>_<KODE>.pdf`, and with pptx the deck of the same scope and
month); `--kirim` delivers them (reports/deliver.py). Every file written and every message is
an audit entry. Errors are one line in Bahasa Indonesia; exit 0 done, 1 failed, 2 bad arguments.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from pages.ui import format as fmt
from reports import deliver as delivery
from reports.brief import REGION_KEY, build_briefs
from reports.render import RenderError
from warehouse.audit import AuditUnavailable
from warehouse.paths import warehouse_path
from warehouse.query import ADMIN, Filters, Scope, open_current

FORMATS = ("pdf", "pptx")


class UsageError(ValueError):
    """Bad arguments (exit 2); the message is in Bahasa Indonesia."""


def parse_month(text: str) -> dt.date:
    m = re.fullmatch(r"(\d{4})-(\d{2})", text or "")
    if not m or not 1 <= int(m[2]) <= 12:
        raise UsageError(f"--bulan harus berformat YYYY-MM, mis. 2026-10 (tertulis: {text!r}).")
    return dt.date(int(m[1]), int(m[2]), 1)


def parse_formats(text: str) -> tuple[str, ...]:
    asked = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    bad = [f for f in asked if f not in FORMATS]
    if bad or not asked:
        raise UsageError(f"--format hanya boleh pdf, pptx atau pdf,pptx (tertulis: {text!r}).")
    return asked


def run(args, audit) -> int:
    """The command; `audit(event, details)` writes one audit entry."""
    month, formats = parse_month(args.bulan), parse_formats(args.format)
    pub = open_current(warehouse_path(args.warehouse))
    if pub is None:
        print("Belum ada build terbit: jalankan `python -m pipelines build` dulu.", file=sys.stderr)
        return 1
    months = pub.run("common__months", ADMIN)["month"].to_list()
    if month not in months:
        print(f"Bulan {args.bulan} tidak ada di build terbit (tersedia {fmt.month(months[0])} – "
              f"{fmt.month(months[-1])})." if months else "Build terbit tidak berisi bulan apa pun.", file=sys.stderr)
        return 1
    opd = pub.run("common__opd", ADMIN)
    known = dict(zip(opd["opd_code"].to_list(), opd["opd_name"].to_list()))
    codes = list(dict.fromkeys(args.opd)) if args.opd else list(known)
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise UsageError(f"Kode OPD tidak dikenal: {', '.join(unknown)} (lihat daftar OPD di dasbor).")
    config = delivery.load_config()
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        print(f"Folder keluaran {out} tidak dapat dibuat: {error.strerror}.", file=sys.stderr)
        return 1
    region = not args.opd  # the Sekda's brief comes with a full run
    print(f"Menyusun {len(codes)} laporan OPD{' + wilayah' if region else ''} bulan {fmt.month(month, long=True)} ...",
          flush=True)
    briefs = build_briefs(pub, month, codes, region=region, daerah=config.daerah)
    files: dict[str, list[Path]] = {}
    for b in briefs:
        paths = []
        if "pdf" in formats:
            paths.append(_write(out / b.file_name, b.pdf))
        files[b.key] = paths
    if "pptx" in formats:
        from reports.deck import build_deck
        from reports.view import View

        start = months[max(0, months.index(month) - 11)]
        for b in briefs:
            scope = ADMIN if b.key == REGION_KEY else Scope(opd_codes=(b.key,))
            deck = build_deck(View(pub, scope, Filters(month_from=start, month_to=month)))
            files[b.key].append(_write(out / b.file_name.replace(".pdf", ".pptx"), deck.pptx))
    for b in briefs:
        audit("laporan", {"opd": b.key, "bulan": f"{month:%Y-%m}", "build": b.build_id,
                          "berkas": [p.name for p in files[b.key]], "folder": str(out.resolve()),
                          "nip_disebut": len(set(b.nips))})
    print(f"Ditulis {sum(map(len, files.values()))} berkas ke {out}.")
    if not args.kirim:
        return 0
    titles = {b.key: b.title for b in briefs}
    missing = [k for k in files if not config.recipients.get(k)]
    if config.path is None:
        print(f"Peringatan: berkas penerima {delivery.config_path()} tidak ada; tidak ada yang dikirim.",
              file=sys.stderr)
    elif missing:
        print(f"Peringatan: tanpa penerima di {config.path}: {', '.join(missing)} (laporannya hanya ditulis).",
              file=sys.stderr)
    sent = delivery.deliver(config, files, titles, month, out, audit)
    via = "dikirim lewat SMTP " + config.smtp.host if config.smtp else "ditaruh di kotak keluar"
    print(f"{len(sent)} pesan {via}"
          + ("" if config.smtp or not sent else f" ({Path(sent[0].where).parent / 'manifest.json'})") + ".")
    return 0


def _write(path: Path, data: bytes) -> Path:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path


def main(args, audit) -> int:
    try:
        return run(args, audit)
    except UsageError as error:
        print(error, file=sys.stderr)
        return 2
    except (delivery.DeliveryError, RenderError) as error:
        print(f"GAGAL: {error}", file=sys.stderr)
        return 1
    except AuditUnavailable as error:
        print(f"GAGAL: {error} Laporan tidak dikirim.", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"GAGAL: berkas tidak dapat ditulis ({error.strerror}: {error.filename}).", file=sys.stderr)
        return 1
