# TwoMatch: `make run` for a local trial, `make test` for the whole suite.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip -q --disable-pip-version-check
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev ocr-models migrate seed messages bench bench-ocr bench-vllm bench-web devset heldout heldout2 heldout3 heldout4 heldout5 heldout6 heldout7 heldout8 heldout9 heldout10 heldout11 heldout12 heldout13 heldout14 scanset clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PIP) install -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Tesseract's Japanese `best` model (tessdata_best, integer weights) from the npm registry, checked
# against its pinned SHA-256, into var/tessdata (settings.OCR_MODEL_DIR); the OCR reads scans better
# with it (docs/keyer.md, "OCR"). Without it the OCR uses Debian's `fast` model. Nothing is fetched
# when the app runs.
ocr-models: $(VENV)/.installed
	$(PY) scripts/fetch_ocr_model.py var/tessdata
	@# the tables touch no database: built with the embedded settings whatever the environment names
	env -u DATABASE_URL -u REDIS_URL SECRET_KEY=ocr-tables-build-only-never-used-to-sign-anything $(PY) manage.py build_ocr_tables

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

run: seed
	@$(PY) scripts/fetch_ocr_model.py var/tessdata || echo "  (OCR: the best model was not fetched; Debian's data is used)"
	@env -u DATABASE_URL -u REDIS_URL SECRET_KEY=ocr-tables-build-only-never-used-to-sign-anything $(PY) manage.py build_ocr_tables || echo "  (OCR: the name step's tables were not built; it works them out per process)"
	@echo ""
	@echo "  TwoMatch is starting on http://$(HOST):$(PORT)/"
	@echo "  Log in as operator1, operator2, reviewer1 or manager1 (password: twomatch-demo, demo only)."
	@echo "  Celery tasks run in-process; the machine keyer is the local keyer (text layer, OCR for scans)."
	@echo ""
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

# With DATABASE_URL set the settings demand a SECRET_KEY and HTTPS settings; the suite brings a
# throw-away key and speaks plain HTTP to its own test servers on purpose.
test: install-dev ocr-models
	SECRET_KEY="$${SECRET_KEY:-twomatch-test-suite-only-not-a-secret-0123456789}" ALLOW_PLAIN_HTTP="$${ALLOW_PLAIN_HTTP:-1}" $(PY) -m pytest $(PYTEST_ARGS)

# Translations (needs gettext): refresh locale/ja from the Python code, templates and static/js, then
# compile the .mo that is committed beside the .po (so `make run` and the image need no gettext).
# tests/test_translations.py names every message left untranslated or fuzzy.
MESSAGES_IGNORE := --ignore=tests --ignore=var --ignore=media --ignore=staticfiles --ignore=scripts
messages: install
	$(PY) manage.py makemessages -l ja $(MESSAGES_IGNORE)
	$(PY) manage.py makemessages -d djangojs -l ja $(MESSAGES_IGNORE)
	$(PY) manage.py compilemessages -l ja
	@msgfmt --statistics -c -o /dev/null locale/ja/LC_MESSAGES/django.po

SAMPLES ?= tests/data/samples/personnel_change

# Figures, not tests: accuracy and latency of the text-layer keyer, and comparison speed.
bench: install-dev
	@test -d $(SAMPLES) || { mkdir -p var/bench-samples && $(PY) -m samplegen var/bench-samples --count 20 >/dev/null; }
	$(PY) manage.py evaluate_keyer --keyer textlayer --dataset $$(test -d $(SAMPLES) && echo $(SAMPLES) || echo var/bench-samples) --json var/bench-textlayer.json
	$(PY) manage.py bench_keyer --keyer textlayer --dataset $$(test -d $(SAMPLES) && echo $(SAMPLES) || echo var/bench-samples) --concurrency 2
	@test -d var/bench-forms || { mkdir -p var/bench-forms && $(PY) -m samplegen var/bench-forms --seed 3 --count 28 >/dev/null; }
	$(PY) manage.py bench_local --dataset var/bench-forms

# Generated evaluation sets (docs/samplegen.md): 5 documents per form, each truth naming its form.
# Score a keyer per form with `manage.py evaluate_keyer --dataset var/heldout`. Held-out sets 1 and 2 were
# measured blind once and are development sets now (docs/samplegen.md).
devset: install
	rm -rf var/devset && $(PY) -m samplegen var/devset --count $$(( 5 * $$($(PY) -c 'import samplegen; print(len(samplegen.DEV_FORMS))') )) --seed 1 >/dev/null

heldout: install
	rm -rf var/heldout && $(PY) -m samplegen.heldout var/heldout --count $$(( 5 * $$($(PY) -c 'import samplegen.heldout as h; print(len(h.FORMS))') )) >/dev/null

# The second held-out set, written after the keyer of issue 10 was frozen (docs/samplegen.md).
heldout2: install
	rm -rf var/heldout2 && $(PY) -m samplegen.heldout2 var/heldout2 --count $$(( 5 * $$($(PY) -c 'import samplegen.heldout2 as h; print(len(h.FORMS))') )) >/dev/null

# The third held-out set, written blind to the keyer's code (docs/samplegen.md).
heldout3: install
	rm -rf var/heldout3 && $(PY) -m samplegen.heldout3 var/heldout3 --count $$(( 5 * $$($(PY) -c 'import samplegen.heldout3 as h; print(len(h.FORMS))') )) >/dev/null

# The fourth held-out set, written before the keyer's failures on set 3 were looked at; measured blind
# once, a development set since the set-4 round (docs/samplegen.md).
heldout4: install
	rm -rf var/heldout4 && $(PY) -m samplegen.heldout4 var/heldout4 --count $$(( 5 * $$($(PY) -c 'import samplegen.heldout4 as h; print(len(h.FORMS))') )) >/dev/null

# The fifth held-out set, written blind to the keyer's code, docs and failures (docs/samplegen.md).
heldout5: install
	rm -rf var/heldout5 && $(PY) -m samplegen.heldout5 var/heldout5 --count $$(( 5 * $$($(PY) -c 'import samplegen.heldout5 as h; print(len(h.FORMS))') )) >/dev/null

# The sixth held-out set, written blind like the fifth (docs/samplegen.md).
heldout6: install
	rm -rf var/heldout6 && $(PY) -m samplegen.heldout6 var/heldout6 --count $$(( 5 * $$($(PY) -c 'import samplegen.heldout6 as h; print(len(h.FORMS))') )) >/dev/null

heldout7: install
	rm -rf var/heldout7 && $(PY) -m samplegen.heldout7 var/heldout7 --count $$(( 5 * $$($(PY) -c 'import samplegen.heldout7 as h; print(len(h.FORMS))') )) >/dev/null

# The eighth held-out set, written blind like the fifth (docs/samplegen.md).
heldout8: install
	rm -rf var/heldout8 && $(PY) -m samplegen.heldout8 var/heldout8 --count $$(( 5 * $$($(PY) -c 'import samplegen.heldout8 as h; print(len(h.FORMS))') )) >/dev/null
heldout9: install
	rm -rf var/heldout9 && $(PY) -m samplegen.heldout9 var/heldout9 --count $$(( 5 * $$($(PY) -c 'import samplegen.heldout9 as h; print(len(h.FORMS))') )) >/dev/null

# The tenth held-out set, written blind like sets 5 to 9 (docs/samplegen.md).
heldout10: install
	rm -rf var/heldout10 && $(PY) -m samplegen.heldout10 var/heldout10 --count $$(( 5 * $$($(PY) -c 'import samplegen.heldout10 as h; print(len(h.FORMS))') )) >/dev/null

# The eleventh held-out set, written blind like sets 5 to 10 (docs/samplegen.md).
heldout11: install
	rm -rf var/heldout11 && $(PY) -m samplegen.heldout11 var/heldout11 --count $$(( 5 * $$($(PY) -c 'import samplegen.heldout11 as h; print(len(h.FORMS))') )) >/dev/null

heldout12: install
	rm -rf var/heldout12 && $(PY) -m samplegen.heldout12 var/heldout12 --count $$(( 5 * $$($(PY) -c 'import samplegen.heldout12 as h; print(len(h.FORMS))') )) >/dev/null

# The thirteenth held-out set, written blind like sets 7 to 12 (docs/samplegen.md).
heldout13: install
	rm -rf var/heldout13 && $(PY) -m samplegen.heldout13 var/heldout13 --count $$(( 5 * $$($(PY) -c 'import samplegen.heldout13 as h; print(len(h.FORMS))') )) >/dev/null

# The fourteenth held-out set, written blind like sets 7 to 13 (docs/samplegen.md).
heldout14: install
	rm -rf var/heldout14 && $(PY) -m samplegen.heldout14 var/heldout14 --count $$(( 5 * $$($(PY) -c 'import samplegen.heldout14 as h; print(len(h.FORMS))') )) >/dev/null

# Scanned corpus (issue 11): every development form scanned clean (300 dpi grey), as an office
# copy (200 dpi, noise, blur, JPEG) and as a standard fax (200x100 dpi bilevel); seeded.
scanset: install
	rm -rf var/scanset && $(PY) -m samplegen.scan var/scanset --seed 1

# OCR engines compared on the scanned corpus: character accuracy, field accuracy, s/page (one core);
# then the local keyer scored on the clean and fax scans.
bench-ocr: install-dev ocr-models
	@test -d var/scanset || $(MAKE) scanset
	$(PY) manage.py bench_ocr --dataset var/scanset --profiles clean,fax
	$(PY) manage.py evaluate_keyer --keyer local --dataset var/scanset/clean --json var/bench-local-clean.json
	$(PY) manage.py evaluate_keyer --keyer local --dataset var/scanset/fax --json var/bench-local-fax.json

# The real vLLM server on the CPU (tiny random-weight model): protocol and batching, not GPU speed.
bench-vllm: install-dev
	$(PY) scripts/vllm_harness.py bench --dataset $(SAMPLES) --concurrency 4 --json var/bench-vllm.json

# Load: gunicorn on PostgreSQL, locust at 10 and 50 users (see docs/reliability.md).
bench-web: install-dev
	$(PY) scripts/bench_web/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var tests/artifacts .pytest_cache
