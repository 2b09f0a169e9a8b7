# mlflowops.tracking: the two commands a new user needs.
#   make demo   - the full stack in a local systemd container (sets everything up first)
#   make test   - every check: lint, sanity, unit tests, every molecule scenario
SHELL := /bin/bash
.DEFAULT_GOAL := help

export MLFLOWOPS_ROOT := $(CURDIR)
export PATH := $(CURDIR)/.venv/bin:$(PATH)
export ANSIBLE_COLLECTIONS_PATH := $(CURDIR)/.cache/collections
export ANSIBLE_NOCOLOR := 1
export NO_COLOR := 1
export PY_COLORS := 0

.PHONY: help deps venv docker image test lint sanity unit molecule demo demo-down

help:
	@echo "make demo       deploy MLflow + Caddy (tls internal) in a local container"
	@echo "make demo-down  remove the demo container"
	@echo "make test       lint, sanity, unit tests and every molecule scenario"
	@echo "make lint | sanity | unit | molecule [SCENARIO=roles/mlflow_server/default]"

venv:
	@scripts/ensure-venv.sh
	@scripts/ensure-collection-path.sh
	@scripts/ensure-host-tools.sh

docker:
	@scripts/ensure-docker.sh

image: docker
	@scripts/ensure-test-image.sh

deps: venv image

test: deps
	@scripts/run-tests.sh all

lint: venv
	@scripts/run-tests.sh lint

sanity: venv
	@scripts/run-tests.sh sanity

unit: venv
	@scripts/run-tests.sh unit

molecule: deps
	@scripts/run-tests.sh molecule $(SCENARIO)

demo: deps
	@scripts/demo.sh up

demo-down: venv docker
	@scripts/demo.sh down
