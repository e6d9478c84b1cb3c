# One-command set-up for a fresh Debian/Ubuntu machine: `make demo`, `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TEX_PACKAGES := latexmk texlive-latex-base texlive-latex-recommended texlive-pictures \
                texlive-fonts-recommended lmodern poppler-utils
# The LaTeX files our templates load; all must be found for the engine to count.
TEX_FILES := beamer.cls pgfmath.sty pgfplots.sty booktabs.sty lmodern.sty amsmath.sty geometry.sty

.PHONY: all setup tex demo test lint clean golden bench

all: demo

setup: $(STAMP) tex

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# TeX Live from Debian's packages, only when no engine is on the PATH.
tex:
	@if command -v latexmk >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 \
	    && [ "$$(kpsewhich $(TEX_FILES) 2>/dev/null | wc -l)" -eq "$(words $(TEX_FILES))" ]; then \
	  echo "TeX engine present: $$(command -v pdflatex)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing TeX Live from Debian's packages (a few minutes)..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $(TEX_PACKAGES) >/dev/null; \
	elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then \
	  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $(TEX_PACKAGES) >/dev/null; \
	else \
	  echo "No TeX engine and no way to install one: .tex files will be written, PDFs skipped."; \
	  echo "Install with: apt-get install $(TEX_PACKAGES)"; \
	fi

demo: setup
	$(BIN)/derive solve --example lecture-2-2-1 --format slides,handout,markdown,json --pdf -o output
	@ls -l output/*.pdf

test: setup
	$(BIN)/python -m pytest -q

# Time derive against TeX, numpy and naive sympy.diff; prints the table, writes
# bench/results.json (figures and targets: see BENCHMARKS.md). Several minutes.
bench: setup
	$(BIN)/python bench/run.py

lint: setup
	$(BIN)/ruff check derive tests bench

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .ruff_cache
	find output -mindepth 1 ! -name .gitkeep -delete

# Rewrite the golden files after an intended change to the output; review the diff.
golden: setup
	DERIVE_REGENERATE=1 $(BIN)/python -m pytest -q tests/test_golden.py
