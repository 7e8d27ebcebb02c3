"""Delivery of the monthly briefs, like a subscription.

Recipients live in a TOML file outside the repository: $BUDAYA_LAPORAN, default
~/.config/budaya/laporan.toml.

    [laporan]
    daerah = "Kabupaten Sukamaju"         # in the memo's "Dari" line
    pengirim = "bkpsdm@sukamaju.go.id"    # From:
    outbox = "/var/lib/budaya/outbox"     # without [smtp]: where the messages go (default <out>/outbox)

    [smtp]                                # optional; without it nothing is sent, the outbox gets the messages
    host = "mail.sukamaju.go.id"
    port = 587
    starttls = true
    user = "bkpsdm"
    password_env = "BUDAYA_SMTP_PASSWORD" # the password is read from this environment variable, never the file

    [penerima]                            # OPD code (or WILAYAH for the Sekda's brief) -> addresses
    "1.02.01" = ["kadinkes@sukamaju.go.id"]
    WILAYAH = ["sekda@sukamaju.go.id"]

Each recipient gets one message per brief of their OPD, the PDF (and PPTX) attached, nothing else.
Every message, sent or put in the outbox, is an audit entry (`laporan_kirim`: who received which
OPD's data, which file, which way).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
import smtplib
import tomllib
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from pages.ui import format as fmt

DEFAULT_PATH = Path("~/.config/budaya/laporan.toml")
MIME = {"pdf": ("application", "pdf"),
        "pptx": ("application", "vnd.openxmlformats-officedocument.presentationml.presentation")}
ADDRESS = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")


class DeliveryError(RuntimeError):
    """Configuration or sending failed; the message is in Bahasa Indonesia."""


@dataclasses.dataclass(frozen=True)
class Smtp:
    host: str
    port: int = 25
    starttls: bool = False
    user: str | None = None
    password_env: str | None = None
    timeout: float = 30


@dataclasses.dataclass(frozen=True)
class DeliveryConfig:
    path: Path | None
    recipients: dict[str, tuple[str, ...]]
    sender: str = "bkpsdm@localhost"
    daerah: str = ""
    smtp: Smtp | None = None
    outbox: Path | None = None


def config_path() -> Path:
    return Path(os.environ.get("BUDAYA_LAPORAN") or DEFAULT_PATH).expanduser()


def load_config(path: Path | None = None) -> DeliveryConfig:
    """The recipients file; a missing file is an empty configuration (the briefs are only written)."""
    path = path or config_path()
    if not path.exists():
        return DeliveryConfig(None, {})
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise DeliveryError(f"Berkas penerima laporan {path} tidak dapat dibaca: {error}") from None
    recipients = {}
    for code, addresses in (raw.get("penerima") or {}).items():
        addresses = [addresses] if isinstance(addresses, str) else list(addresses)
        bad = [a for a in addresses if not isinstance(a, str) or not ADDRESS.match(a)]
        if bad:
            raise DeliveryError(f"Alamat surel tidak sah untuk {code} di {path}: {', '.join(map(str, bad))}")
        recipients[str(code)] = tuple(addresses)
    smtp = None
    if raw.get("smtp"):
        s = raw["smtp"]
        if not s.get("host"):
            raise DeliveryError(f"[smtp] di {path} tidak menyebut host.")
        smtp = Smtp(str(s["host"]), int(s.get("port", 25)), bool(s.get("starttls", False)), s.get("user"),
                    s.get("password_env"), float(s.get("timeout", 30)))
    lap = raw.get("laporan") or {}
    return DeliveryConfig(path, recipients, str(lap.get("pengirim") or "bkpsdm@localhost"),
                          str(lap.get("daerah") or ""), smtp, Path(lap["outbox"]).expanduser() if lap.get("outbox")
                          else None)


@dataclasses.dataclass(frozen=True)
class Delivery:
    recipient: str
    key: str               # OPD code or WILAYAH
    files: tuple[str, ...]
    via: str               # "smtp" or "outbox"
    where: str             # SMTP host, or the .eml file


def message(sender: str, recipient: str, subject: str, body: str, attachments: list[Path]) -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, recipient, subject
    msg["Date"], msg["Message-ID"] = formatdate(localtime=True), make_msgid(domain=sender.split("@")[-1])
    msg.set_content(body)
    for f in attachments:
        maintype, subtype = MIME[f.suffix.lstrip(".")]
        msg.add_attachment(f.read_bytes(), maintype=maintype, subtype=subtype, filename=f.name)
    return msg


def _body(title: str, month: dt.date) -> str:
    return (f"Yth. {title},\n\nTerlampir laporan budaya kerja ASN bulan {fmt.month(month, long=True)}. "
            "Laporan ini memuat data pribadi pegawai dan hanya ditujukan kepada Saudara; mohon tidak "
            "diteruskan.\n\nBKPSDM\n")


def deliver(config: DeliveryConfig, files: dict[str, list[Path]], titles: dict[str, str], month: dt.date,
            out: Path, audit) -> list[Delivery]:
    """Send (SMTP) or put in the outbox (with manifest.json) one message per recipient and brief.

    `files`: key -> the files of that OPD's brief; `audit(event, details)` writes one entry per message."""
    done: list[Delivery] = []
    outbox = (config.outbox or out / "outbox") / f"{month:%Y-%m}"
    server = None
    try:
        if config.smtp:
            server = _connect(config.smtp)
        for key, paths in files.items():
            for recipient in config.recipients.get(key, ()):
                who = ("Sekretaris Daerah" if key == "WILAYAH" else f"Kepala {titles.get(key, key)}")
                msg = message(config.sender, recipient,
                              f"Laporan Budaya Kerja ASN {fmt.month(month, long=True)}: {titles.get(key, key)}",
                              _body(who, month), paths)
                if server is not None:
                    try:
                        server.send_message(msg)
                    except smtplib.SMTPException as error:
                        raise DeliveryError(f"Pengiriman ke {recipient} gagal: {error}") from None
                    d = Delivery(recipient, key, tuple(p.name for p in paths), "smtp", config.smtp.host)
                else:
                    outbox.mkdir(parents=True, exist_ok=True)
                    eml = outbox / f"{len(done) + 1:03d}_{key}_{re.sub(r'[^A-Za-z0-9@._-]', '_', recipient)}.eml"
                    eml.write_bytes(bytes(msg))
                    d = Delivery(recipient, key, tuple(p.name for p in paths), "outbox", str(eml))
                audit("laporan_kirim", {"penerima": recipient, "opd": key, "bulan": f"{month:%Y-%m}",
                                        "berkas": list(d.files), "lewat": d.via, "ke": d.where,
                                        "sha256": [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]})
                done.append(d)
    finally:
        if server is not None:
            try:
                server.quit()
            except smtplib.SMTPException:
                pass
    if server is None and done:
        manifest = {"bulan": f"{month:%Y-%m}", "dibuat": dt.datetime.now(fmt.WIB).isoformat(timespec="seconds"),
                    "pesan": [dataclasses.asdict(d) for d in done]}
        (outbox / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return done


def _connect(s: Smtp) -> smtplib.SMTP:
    try:
        server = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        if s.starttls:
            server.starttls()
        if s.user:
            password = os.environ.get(s.password_env or "", "")
            if not password:
                raise DeliveryError(f"Kata sandi SMTP untuk {s.user} tidak ada: atur variabel {s.password_env}.")
            server.login(s.user, password)
        return server
    except (OSError, smtplib.SMTPException) as error:
        raise DeliveryError(f"Server SMTP {s.host}:{s.port} tidak dapat dihubungi: {error}") from None
