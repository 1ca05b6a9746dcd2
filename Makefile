# reprints — `make demo` and `make test` set everything up themselves (.venv/ included).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install browser redis demo test lint format bench bench-dedupe bench-crawl bench-extract bench-scale bench-generalise clean

install: $(STAMP)

# Idempotent: a second run only checks the stamp. Dependencies are pinned by constraints.txt.
$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

demo: install
	$(BIN)/reprints demo

# The report's browser tests need Debian's chromium, chromium-driver and a CJK font: installed
# once, as root (apt-get). Not root: one line says so, and those tests are skipped.
browser:
	-@bash tests/report/ensure_chromium.sh

# The scale-out tests start their own redis-server (Debian's package): installed once, as root.
# Not root: one line says so, and those tests are skipped.
redis:
	-@bash tests/ensure_redis.sh

# pytest exits 5 when it collects no test: not a failure of the suite.
test: install browser redis
	@$(BIN)/python -m pytest; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected"; exit 0; fi; exit $$rc

lint: install
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix . ; $(BIN)/ruff format .

# Story identity on 20 fresh story-world seeds plus 20 hold-out seeds (pair P/R/F1, ARI,
# original chosen, through `reprints dedupe --input`), and the 50k speed corpus beside plain
# datasketch (JSON in bench-out/).  Other sizes: python -m tests.bench.bench_dedupe --sizes ...
bench: bench-dedupe

bench-dedupe: install
	$(BIN)/python -m tests.bench.bench_dedupe --sizes 50000 --repeat 1 --out bench-out/dedupe.json

bench-crawl: install
	$(BIN)/python -m tests.bench.bench_crawl --out bench-out/crawl.json

# 1, 2 and 4 workers on a real redis-server beside one process, same demo web (JSON).
bench-scale: install redis
	$(BIN)/python -m tests.bench.bench_scale --out bench-out/scale.json

bench-extract: install
	$(BIN)/python -m tests.bench.bench_extract

# Whole crawls of fresh generated webs nobody tuned on (issue 12), figures as JSON.
# SEEDS=3,17 repeats a run; N=10 more seeds; ARGS=--templates both | --heavy | --explain.
N ?= 5
bench-generalise: install
	$(BIN)/python -m tests.bench.bench_generalise -n $(N) $(if $(SEEDS),--seeds $(SEEDS)) $(ARGS) --out bench-out/generalise.json

clean:
	rm -rf $(VENV) build *.egg-info data/demo.duckdb
