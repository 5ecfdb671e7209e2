# Two entry points for a newcomer (see README): `make demo` and `make test`.
# Each sets up what it needs on a fresh Debian machine: system packages, a virtualenv, the project.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
# tesseract-ocr with its Indonesian (ind) and orientation (osd) data reads scanned forms and photos
# (extractors/scan_reader.py); Debian's packages hold the models, so nothing is fetched at run time.
APT_PACKAGES := poppler-utils fonts-liberation2 fonts-crosextra-carlito fonts-dejavu-core \
                libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
                tesseract-ocr tesseract-ocr-ind tesseract-ocr-osd
# Only `make test` needs these: tests/test_ui_browser.py drives the Prefect UI in Debian's headless Chromium;
# tests/test_scale_workers.py starts a throwaway PostgreSQL cluster (initdb, pg_ctl) for Prefect and the register.
TEST_APT_PACKAGES := chromium chromium-driver postgresql
export PREFECT_HOME := $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: setup system-packages test-system-packages demo test test-fast clean-demo

setup: system-packages $(VENV)/.installed

# Installs the packages of $(1) that dpkg does not know yet.
define install_apt_packages
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages: $$missing"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

system-packages:
	$(call install_apt_packages,$(APT_PACKAGES))

test-system-packages:
	$(call install_apt_packages,$(TEST_APT_PACKAGES))

$(VENV)/.installed: pyproject.toml
	python3.11 -m venv $(VENV) 2>/dev/null || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	touch $@

# The main job on the embedded default: sample forms into the inbox, one pass, documents in the outbox.
demo: setup
	@# The samples go in once: a second demo is then an idle pass with the same outbox.
	@[ -d inbox/diterima ] || [ -d inbox/karantina ] || cp samples/* inbox/
	$(VENV)/bin/abk process --inbox inbox --outbox outbox
	@echo "Documents: $$(readlink -f outbox/latest)"; ls outbox/latest

test: setup test-system-packages
	$(VENV)/bin/pytest

# The quick loop while editing: leaves out the tests marked slow (Prefect, `abk serve`, kill -9, browser).
test-fast: setup
	$(VENV)/bin/pytest -m "not slow"

clean-demo:
	rm -rf inbox/* inbox/.proses outbox/* outbox/.tmp-* .prefect
