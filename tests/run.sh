#!/usr/bin/env bash
# The whole suite, run by `make test` after setup: Rasa's own checks, then pytest
# (unit tests, the real model, and the whole stack end to end). pytest runs last so its
# summary line closes the output.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-artifacts
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 RASA_TELEMETRY_ENABLED=false
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"  # the bot's components are imported as bot.*
export ACTION_ENDPOINT_URL="${ACTION_ENDPOINT_URL:-http://127.0.0.1:15055/webhook}"

echo "== rasa data validate"
.venv-rasa/bin/rasa data validate --domain bot/domain.yml --data bot/data --config bot/config.yml --fail-on-warnings

echo "== rasa test core (end-to-end test stories in tests/stories)"
rm -f test-artifacts/rasa-core-tracker.db  # the stories' conversations, kept apart from var/tracker.db
export TRACKER_STORE_URL="sqlite:///$PWD/test-artifacts/rasa-core-tracker.db"
.venv-rasa/bin/rasa test core --model bot/models/shopping.tar.gz --stories tests/stories \
  --endpoints bot/endpoints.yml --e2e --fail-on-prediction-errors --out test-artifacts/rasa-core

echo "== browser (Debian's Chromium for tests/storefront/test_browser.py)"
bash tests/setup_browser.sh

echo "== PostgreSQL (Debian's server for the store's contract tests in tests/recommender/test_store.py)"
bash tests/setup_postgres.sh install

echo "== pytest"
.venv/bin/python -m pytest "$@"
