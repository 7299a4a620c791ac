# socai: `make run` serves the commune's record, `make test` runs every check.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
DATABASE_URL ?= sqlite:///var/socai.db
# Development credentials, one token per role (see README: "Credentials").
SOCAI_TOKENS ?= dev-office-token=office,dev-committee-token=committee,dev-inspector-token=inspector,dev-auditor-token=auditor,dev-admin-token=admin,dev-reporter-thon-1=reporter@thon-1
export HOST PORT DATABASE_URL SOCAI_TOKENS

.PHONY: run test install lint typecheck schema asyncapi deliver demo clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.installed

run: install
	$(BIN)/socai init
	$(BIN)/socai serve

demo: install
	$(BIN)/socai demo

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy .

schema: install
	$(BIN)/socai schema > schema/schema.graphql

asyncapi: install
	$(BIN)/socai asyncapi > docs/asyncapi.yaml

deliver: install
	$(BIN)/socai deliver

test: install lint typecheck
	$(BIN)/pytest --junitxml=.test-results.xml

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .test-results.xml
