#!/usr/bin/env bash
# One entry point for a fresh machine with Python 3.11 and git:
#   bash scripts/dev.sh run    set up, build the demo region if empty, start the dashboard
#   bash scripts/dev.sh test   set up (incl. Debian chromium for browser tests, Java + PySpark
#                              for the Spark tests) and run all tests
#   bash scripts/dev.sh lint   ruff (Python) and sqlfluff (DuckDB SQL of the models, queries, checks)
#   bash scripts/dev.sh setup  only create .venv from the lock
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
VENV=.venv

setup() {
  if [ ! -x "$VENV/bin/python" ]; then
    "$PY" -m venv "$VENV"
  fi
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -r requirements.lock
  "$VENV/bin/python" -m pip install --quiet --no-deps -e .
}

browser() {
  # Real-browser tests and report charts (kaleido) use Debian's chromium (Playwright's own download is not
  # used); pdftoppm (poppler-utils) renders the report pages the tests save under tests/artifacts/laporan/;
  # LibreOffice Impress (headless) opens the rakor deck in a test, as a presenter's laptop would.
  if [ ! -x /usr/bin/chromium ] || ! command -v pdftoppm >/dev/null || ! command -v soffice >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-impress-nogui >/dev/null
    else
      echo "Peringatan: chromium, pdftoppm atau soffice tidak ada; uji peramban dan berkas laporan akan dilewati" \
           "(sudo apt-get install chromium poppler-utils libreoffice-impress-nogui)." >&2
    fi
  fi
}

spark() {
  # Optional Spark engine (python -m pipelines build --engine spark): Debian's Java + pinned PySpark.
  if ! command -v java >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
    else
      echo "Peringatan: java tidak ada; uji Spark akan dilewati (sudo apt-get install default-jre-headless)." >&2
    fi
  fi
  "$VENV/bin/python" -m pip install --quiet -r requirements-spark.lock
}

lint() {
  "$VENV/bin/ruff" check .
  "$VENV/bin/sqlfluff" lint --processes 2 warehouse
}

case "${1:-}" in
  setup) setup ;;
  run)
    setup
    "$VENV/bin/python" -m pipelines demo --if-empty
    # Demo mode: the demo accounts (shown on the sign-in page) unless BUDAYA_ACCOUNTS names a file.
    export BUDAYA_DEMO="${BUDAYA_DEMO:-1}"
    "$VENV/bin/python" -m warehouse.access check
    exec "$VENV/bin/streamlit" run app.py --server.headless true "${@:2}"
    ;;
  lint) setup; lint ;;
  test)
    setup
    lint
    browser
    spark
    exec "$VENV/bin/python" -m pytest "${@:2}"
    ;;
  *) echo "pakai: bash scripts/dev.sh run|test|setup" >&2; exit 2 ;;
esac
