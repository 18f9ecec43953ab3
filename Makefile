# Two entry points (see README): `make demo` and `make test`. Both set up
# everything they need on a fresh machine, starting with a virtualenv.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STORE ?= data/store
# Debian packages the tests need (browser, OCR, …); each feature adds its own.
SYSTEM_PACKAGES := chromium tesseract-ocr tesseract-ocr-nld

.PHONY: demo test system-deps bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/beleidsgraaf ingest samples --store $(STORE)
	$(BIN)/beleidsgraaf validate --store $(STORE)
	$(BIN)/beleidsgraaf stats --store $(STORE)
	$(BIN)/beleidsgraaf export data/beleidsgraaf.ttl --store $(STORE)
	@echo "Graph: $(STORE) (Oxigraph). Export: data/beleidsgraaf.ttl."

system-deps:
	tools/system-deps $(SYSTEM_PACKAGES)

test: $(BIN)/.installed system-deps
	$(BIN)/python -m pytest

# Benchmarks (not tests): ingest, queries, maps; about 10 minutes, BENCH_ARGS=--quick for about 2.
bench: $(BIN)/.installed
	$(BIN)/python -m pip install --quiet -e '.[bench,dask]'
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) data .pytest_cache
