# Land Supervision - developer commands (Debian 12, 13 or unstable; run as root or with sudo).
SHELL := /bin/bash
VENV ?= $(CURDIR)/.venv
PY := $(VENV)/bin/python
export QT_QPA_PLATFORM ?= offscreen
export QGIS_PLUGINPATH := $(CURDIR)
export PROJ_DATA ?= /usr/share/proj
# qgis_process and QGIS run Debian's python: give them the venv's packages (shapely 2 on Debian 12) too
# ($(VENV)/site links to its site-packages, whose name carries the Python version)
export PYTHONPATH := $(VENV)/site
PYTEST_ARGS ?= tests
QGIS_PROCESS := /usr/bin/qgis_process.bin
PLUGIN := land_supervision
PROFILE_PLUGINS := $(HOME)/.local/share/QGIS/QGIS3/profiles/default/python/plugins

.PHONY: setup test test-matrix test-py39 lint demo install package bench i18n gui-check clean

setup:
	@bash scripts/setup.sh

lint: setup
	$(VENV)/bin/ruff check .

i18n: setup
	$(PY) scripts/i18n.py

test: setup i18n
	$(VENV)/bin/ruff check .
	$(PY) -m pytest -q $(PYTEST_ARGS)

# The whole suite on QGIS 3.22 (Debian 12), 3.40 (Debian 13) and 3.44 LTR (Debian unstable), each in a chroot
# (the machine's own release runs here directly), and the core on Python 3.9 (Debian 11). See scripts/matrix.sh.
test-matrix:
	bash scripts/matrix.sh

test-py39:
	bash scripts/matrix.sh --py39

demo: setup i18n
	$(PY) scripts/demo.py --output demo-output

gui-check: demo
	$(PY) scripts/gui_check.py --output demo-output

# Into the default QGIS profile: the plugin (linked), what QGIS's own Python lacks (install_dependencies.py:
# the profile's python/dependencies folder, which the plugin puts on sys.path), the plugin enabled. Run without
# this Makefile's PYTHONPATH/QGIS_PLUGINPATH, as a plain `qgis` runs.
install: setup i18n
	mkdir -p $(PROFILE_PLUGINS)
	ln -sfn $(CURDIR)/$(PLUGIN) $(PROFILE_PLUGINS)/$(PLUGIN)
	env -u PYTHONPATH -u QGIS_PLUGINPATH /usr/bin/python3 $(PLUGIN)/install_dependencies.py --profile default
	env -u PYTHONPATH -u QGIS_PLUGINPATH $(QGIS_PROCESS) plugins enable $(PLUGIN)
	@echo "installed $(PLUGIN) into $(PROFILE_PLUGINS)"

package: setup i18n
	$(PY) scripts/package.py --output $(PLUGIN).zip

bench: setup
	$(PY) benchmarks/run.py

clean:
	rm -rf demo-output $(PLUGIN).zip .pytest_cache
