# Neurona: setup, build, test, demo, bench. Every install step the project needs lives here.

SWIFT        ?= swift
APT_PACKAGES := libopenblas-dev liblapacke-dev zlib1g-dev libpng-dev pkg-config dataset-fashion-mnist
PY_TEST      := safetensors numpy
PY_BENCH     := torch tensorflow-cpu
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# OpenBLAS picks its AVX2 kernels even on AVX-512 machines unless told at start-up, and its idle
# worker threads spin for a long time (competing with Neurona's own loops on 2 cores) unless
# told to sleep sooner. Both are read when the library loads, so they are set here.
BLAS_ENV     := OPENBLAS_THREAD_TIMEOUT=4 $(shell grep -q avx512f /proc/cpuinfo 2>/dev/null && echo OPENBLAS_CORETYPE=SkylakeX)

.PHONY: setup setup-bench build test demo bench clean

## setup: install the Debian and Python packages the build and tests need (only the missing ones)
setup:
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "setup: installing$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@python3 -c "import safetensors, numpy" 2>/dev/null || { \
	  echo "setup: installing Python packages: $(PY_TEST)"; \
	  python3 -m pip install --quiet --disable-pip-version-check $(PY_TEST); }

## setup-bench: also the peers the benchmarks compare with (PyTorch; Keras on TensorFlow CPU)
setup-bench: setup
	@python3 -c "import torch, keras" 2>/dev/null || { \
	  echo "setup: installing the benchmark peers: $(PY_BENCH)"; \
	  python3 -m pip install --quiet --disable-pip-version-check $(PY_BENCH); }

build: setup
	$(SWIFT) build

## test: build and run every test
test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## demo: the main sample, in release mode
demo: setup
	$(BLAS_ENV) $(SWIFT) run -c release samples fashion-mnist

## bench: Neurona against raw OpenBLAS and the Python peers, same machine, same run
bench: setup-bench
	$(SWIFT) build -c release --product bench
	$(BLAS_ENV) .build/release/bench all

clean:
	rm -rf .build
