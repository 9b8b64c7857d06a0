# The course's commands. Each target sets up .venv first when it is missing or out of date.
#   make book   build the HTML book into _build/html (notebooks executed, warnings are errors)
#   make handouts  the printable handouts as PDF into _build/handouts (builds the book first)
#   make test   every check: engine, content, notebooks (nbval), the book build, browser tests
#   make lab    JupyterLab on the course, to do the exercises live (builds the book first)
#   make bench  speed figures (click-to-view, checking 100 vignettes, the exercise app's start against its floor,
#               a hub of 8-24 participants, Lighthouse on two pages, rebuilds against their floor: 8-12 min)
#   make serve  serve _build/html on http://127.0.0.1:8000 (gzip-compressed, as a web host serves it)
#   make clean  remove _build
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
LITE_STAMP := .lite-cache/.fetched
# Executing notebooks during the build must never write into the learner's real journal.
BUILD_JOURNAL := $(CURDIR)/_build/build-journal.sqlite
# JupyterLab refuses to run as root unless told (containers often run as root).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: book test lab bench serve clean setup lite handouts

setup: $(STAMP) $(NODE_STAMP) $(LITE_STAMP)

# The npm packages (package.json, pinned): Pyodide for the in-browser exercises, and the tools the tests and benchmarks run.
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Installing the course's Python packages into $(VENV) (first time: a few minutes)..."
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt 2>&1 | grep -v "is ignored: it is neither" || true
	@$(PY) -c "import jupyter_book, ipywidgets, nbval, casebook" || (echo "Setup failed: see the pip output above." && exit 1)
	@# jupyterlite-pyodide-kernel also installs a JupyterLab extension that only works inside
	@# JupyterLite; in `make lab` it would log an error in every session.
	@$(VENV)/bin/jupyter labextension disable --level=sys_prefix @jupyterlite/pyodide-kernel-extension >/dev/null 2>&1
	@touch $(STAMP)

# The exercises in the reader's browser (JupyterLite + Pyodide, built into _build/html/lite by
# book/_ext/inbrowser.py during `make book`) need pure-Python wheels of the versions Pyodide's lock
# names: fetched from PyPI once, like `npm ci`, again only when a pin changes.
lite: $(LITE_STAMP)

$(LITE_STAMP): $(STAMP) $(NODE_STAMP) tools/lite_wheels.py
	$(PY) tools/lite_wheels.py fetch
	@touch $(LITE_STAMP)

book: $(STAMP) $(NODE_STAMP) lite
	@mkdir -p _build
	@# The notebooks executed in the build take no address of the book from the shell.
	env -u CASEBOOK_BOOK_URL CASEBOOK_JOURNAL=$(BUILD_JOURNAL) $(VENV)/bin/jupyter-book build --warningiserror --nitpick --keep-going .
	@echo
	@echo "The book is built. Open $(CURDIR)/_build/html/index.html in a browser, or run 'make serve'."

# The facilitators' handouts (summaries, role-play, each vignette to play on paper), printed to PDF
# by Debian's chromium from the built book; _build/handouts/index.html lists them.
handouts: book
	$(PY) tools/handouts.py --html _build/html --out _build/handouts

test: $(STAMP) $(NODE_STAMP) lite
	$(PY) -m pytest

lab: book
	@# No news, update checks or extension manager: nothing fetched from the internet. The built
	@# book is served at /static/, where the exercises' links to the chapters point; the course's
	@# own extension (tools/lite_app) opens the chapter links of the notebooks' text there too.
	$(PY) tools/lite_site.py --lab-extension _build/labextensions
	CASEBOOK_BOOK_URL=/static/ $(VENV)/bin/jupyter lab --notebook-dir=. --LabApp.news_url=None \
	  --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
	  --LabApp.extension_manager=readonly \
	  --LabServerApp.extra_labextensions_path=$(CURDIR)/_build/labextensions \
	  --ServerApp.extra_static_paths="['$(CURDIR)/_build/html']" $(ROOT_FLAG) notebooks/01-resistance.ipynb

bench: $(STAMP) $(NODE_STAMP) lite
	$(PY) bench/bench_click.py
	$(PY) bench/bench_check.py
	$(PY) bench/bench_kinds.py
	$(PY) bench/bench_lite.py
	$(PY) bench/bench_lite.py --busy 2 --runs 3 --no-lab
	$(PY) bench/bench_hub.py
	$(PY) bench/bench_pages.py
	$(PY) bench/bench_rebuild.py

serve:
	$(PY) tools/static_server.py --port 8000 _build/html

clean:
	rm -rf _build
