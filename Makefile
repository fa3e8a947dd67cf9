# Neurona: setup, build, test, demo, bench. Every install step the project needs lives here.

SWIFT        ?= swift
# The Debian packages the build and the samples need (the system-library targets' headers and
# libraries, Fashion-MNIST, mpirun, the word lists of the text classifier), and those only the
# checks use (network namespaces, the browser).
APT_BUILD    := libopenblas-dev liblapacke-dev zlib1g-dev libssl-dev libpng-dev pkg-config libopenmpi-dev \
                dataset-fashion-mnist openmpi-bin wamerican wspanish
APT_CHECKS   := iproute2 chromium chromium-driver
PY_TEST      := safetensors numpy selenium onnx==1.23.2 onnxruntime==1.32.0
# Keras 3 reads the .keras files NeuronaKeras writes (Scripts/keras-checks.sh) with its numpy backend,
# which imports jax (keras/src/backend/numpy/math.py); no TensorFlow.
PY_KERAS     := keras==3.15.1 h5py==3.14.0 jax==0.10.2
PY_BENCH     := torch tensorflow-cpu
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Installs the Debian packages of a list that are missing, and only those.
APT_INSTALL   = missing=""; \
                for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
                if [ -n "$$missing" ]; then \
                  echo "setup: installing$$missing"; \
                  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
                fi
# Whether every package of a pip list ("name" or "name==version") is installed, at that version. It
# reads the installed packages' metadata instead of importing them: importing Keras imports
# TensorFlow wherever `make setup-bench` installed it, 10 s on every `make test`.
PY_INSTALLED := python3 -c 'import sys; from importlib.metadata import version; \
                sys.exit(any(version(n) != v if v else not version(n) for n, _, v in (r.partition("==") for r in sys.argv[1:])))'
# OpenBLAS's SkylakeX kernels on AVX-512 machines, read when the library loads: the "Makefile's
# settings" column of `bench headline`, beside a plain start (where Neurona re-selects the kernels
# itself when OpenBLAS's pick is weaker, and always puts OpenBLAS's idle threads to sleep at once:
# Modules/CNeuronaKernels/blas_core.c).
BLAS_ENV     := $(shell grep -q avx512f /proc/cpuinfo 2>/dev/null && echo OPENBLAS_CORETYPE=SkylakeX)
# Debug builds compile the C kernels (Modules/CNeuronaKernels: convolution, pooling, Adam, the
# elementwise gradients) optimized: at -O0 every intrinsic goes through the stack, and the debug
# tests that train the lectures' models spent a third of their time there (a serial test run:
# 220 s → 147 s, the same results). Swift code keeps its debug build. Every debug build here
# uses the same flags, so that `make build`, `make test` and `make activities` share one build.
DEBUG_FLAGS  := -Xcc -O2

.PHONY: setup setup-build setup-checks setup-bench setup-docs build test demo lab bench docs docs-check fuzz mutation clean debug-flags

## setup: install the Debian and Python packages the build and tests need (only the missing ones)
setup: setup-checks

## setup-build: the Debian packages the build and the samples need (all `make build`, `make demo`,
## `make lab` and the activities need)
setup-build:
	@$(call APT_INSTALL,$(APT_BUILD))

## setup-checks: the Debian and Python packages only the checks of `make test` use (after
## setup-build's, even under `make -j`: two apt-get runs at once would fight over dpkg's lock)
setup-checks: setup-build
	@$(call APT_INSTALL,$(APT_CHECKS))
	@$(PY_INSTALLED) $(PY_TEST) 2>/dev/null || { \
	  echo "setup: installing Python packages: $(PY_TEST)"; \
	  python3 -m pip install --quiet --disable-pip-version-check $(PY_TEST); }
	@$(PY_INSTALLED) $(PY_KERAS) 2>/dev/null || { \
	  echo "setup: installing Python packages: $(PY_KERAS)"; \
	  python3 -m pip install --quiet --disable-pip-version-check $(PY_KERAS); }

## setup-bench: also the peers the benchmarks compare with (PyTorch; Keras on TensorFlow CPU)
setup-bench: setup
	@$(PY_INSTALLED) $(PY_BENCH) 2>/dev/null || { \
	  echo "setup: installing the benchmark peers: $(PY_BENCH)"; \
	  python3 -m pip install --quiet --disable-pip-version-check $(PY_BENCH); }

build: setup-build
	$(SWIFT) build $(DEBUG_FLAGS)

## test: build, check that every public declaration is documented (Scripts/doc-coverage.py), check that
## release builds print their stop messages, build and test the third-party package, run the multi-process
## checks of NeuronaDistributed under mpirun (1 to 4 ranks; two hosts in network namespaces, as root),
## drive the lab in headless Chromium, run exported ONNX files in onnxruntime against Neurona
## (Scripts/onnx-checks.sh), have Keras load the .keras files NeuronaKeras writes (Scripts/keras-checks.sh),
## run the kernel-sensitive suites under other kernel sets
## (Scripts/kernel-matrix.sh: as an SSE and an AVX2 machine run them), and run
## every test under the CPU's own kernels. After the build, Scripts/test-lanes.sh runs the Swift tests and
## the other checks in two lanes side by side, and lists every step with its time.
## Only the build's packages are installed before it: the checks' (Chromium and its driver, Python's
## packages: about 50 s on a fresh machine, mostly downloads and unpacking) install while it compiles,
## and their output follows the build's.
test: setup-build
	@echo "$(SWIFT) build --build-tests $(DEBUG_FLAGS)   (meanwhile: make setup-checks)"; \
	mkdir -p .build; \
	$(MAKE) --no-print-directory setup-checks > .build/setup-checks.log 2>&1 & checks=$$!; \
	$(SWIFT) build --build-tests $(DEBUG_FLAGS); built=$$?; \
	wait $$checks; installed=$$?; \
	cat .build/setup-checks.log; \
	[ $$installed = 0 ] || echo "make test: make setup-checks failed (its output is above)"; \
	[ $$built = 0 ] && [ $$installed = 0 ]
	SWIFT=$(SWIFT) DEBUG_FLAGS="$(DEBUG_FLAGS)" Scripts/test-lanes.sh

## debug-flags: the flags of every debug build here, for scripts that build beside `make test`'s
## build (Scripts/third-party-check.sh)
debug-flags:
	@echo $(DEBUG_FLAGS)

## demo: the main sample, in release mode
demo: setup-build
	$(BLAS_ENV) $(SWIFT) run -c release samples fashion-mnist

## activities: the lectures' activities and where you stand on each (Samples/Activities/README.md);
## activity-check N=4: check your solution of activity 4 (ACTIVITY_LANG=en for English);
## activity-reset N=4: put activity 4's file back as shipped (yours is kept as a backup)
.PHONY: activities activity-check activity-reset
ACTIVITY_LANG ?= es
activities: setup-build
	$(SWIFT) run $(DEBUG_FLAGS) activities list --lang $(ACTIVITY_LANG)
activity-check: setup-build
	@test -n "$(N)" || { echo "activity-check: say which activity, e.g. make activity-check N=4"; exit 2; }
	$(SWIFT) run $(DEBUG_FLAGS) activities check $(N) --lang $(ACTIVITY_LANG)
activity-reset:
	@test -n "$(N)" || { echo "activity-reset: say which activity, e.g. make activity-reset N=4"; exit 2; }
	$(SWIFT) run $(DEBUG_FLAGS) activities reset $(N) --lang $(ACTIVITY_LANG)

## lab: the lab's web server (the playground trained by Neurona, the computation graphs) on
## http://127.0.0.1:8080; LAB_ARGS passes options, e.g. LAB_ARGS="--port 9000"
LAB_ARGS ?=
lab: setup-build
	$(BLAS_ENV) $(SWIFT) run -c release neurona-lab $(LAB_ARGS)

## bench: Neurona against raw OpenBLAS and the Python peers, same machine, same run
bench: setup-bench
	$(SWIFT) build -c release --product bench
	$(SWIFT) build -c release --product neurona-lab
	$(BLAS_ENV) .build/release/bench all

## docs: the DocC documentation of every public module and plugin as one static site in
## $(DOCS_DIR) (open $(DOCS_DIR)/documentation/neurona/index.html through an HTTP server, e.g.
## `python3 -m http.server -d $(DOCS_DIR)`). The swift-docc-plugin builds the symbol graphs itself; the
## package depends on it only when NEURONA_DOCS is set (Package.swift), so other builds skip it.
DOCS_DIR     ?= .build/docs
DOCS_TARGETS := NeuronaRegistry NeuronaCore NeuronaAutograd NeuronaLayers NeuronaLosses NeuronaOptimizers NeuronaData \
                NeuronaMetrics NeuronaTraining Neurona NeuronaResidual NeuronaNormalization NeuronaRecurrent \
                NeuronaAttention NeuronaPictures NeuronaDistributed NeuronaPyTorch NeuronaONNX NeuronaKeras
docs: setup
	rm -rf $(DOCS_DIR)
	NEURONA_DOCS=1 $(SWIFT) package --allow-writing-to-directory $(DOCS_DIR) generate-documentation \
	  --enable-experimental-combined-documentation $(addprefix --target ,$(DOCS_TARGETS)) \
	  --output-path $(DOCS_DIR) --transform-for-static-hosting
	@echo "docs: $(DOCS_DIR)/documentation/neurona/index.html (serve $(DOCS_DIR) over HTTP: python3 -m http.server -d $(DOCS_DIR))"

## docs-check: the doc-coverage check alone (also part of `make test`), with the per-module table
docs-check: build
	SWIFT=$(SWIFT) python3 Scripts/doc-coverage.py --summary

## setup-docs: Chromium, to look at the generated site headless (now part of `make setup`: the lab's
## browser checks use it too)
setup-docs: setup

## fuzz: a libFuzzer target with AddressSanitizer per parser (IDX, IDX gzip, safetensors, CSV, tar,
## model JSON, a checkpoint's JSON files, PyTorch checkpoints, .keras files), FUZZ_SECONDS each, from the seed corpus in Fuzz/Corpus.
## The package in Fuzz/ depends on this one by path and is never built by `make test`. New inputs
## go to $(FUZZ_BUILD)/corpus/<parser>, crashing ones to $(FUZZ_BUILD)/findings/<parser>/.
## One parser, longer: `make fuzz FUZZERS=csv FUZZ_SECONDS=600`.
FUZZ_SECONDS ?= 60
FUZZERS      ?= idx idx-gzip safetensors csv tar model-json checkpoint pytorch keras
FUZZ_BUILD   := .build-fuzz
FUZZ_FLAGS   := -rss_limit_mb=2048 -malloc_limit_mb=1024 -print_final_stats=1
# The checkpoint, pytorch and keras targets run without leak detection: Foundation's
# FileManager.contents(atPath:) leaks its 4 KB read buffer on an empty file (swift-foundation, Swift
# 6.3.1), which LeakSanitizer reports from Model.load within minutes (and again at exit, hence
# ASAN_OPTIONS too); ZIPFoundation's Archive (0.9.20), with which fuzz-pytorch and fuzz-keras wrap
# inputs in valid zips, never frees the FileManager.fileSystemRepresentation buffer it asks for.
FUZZ_WITHOUT_LEAK_CHECK := checkpoint pytorch keras
fuzz: setup
	cd Fuzz && $(SWIFT) build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -use-ld=lld --scratch-path ../$(FUZZ_BUILD)
	@for f in $(FUZZERS); do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$f $(FUZZ_BUILD)/findings/$$f; \
	  echo "fuzz: $$f for $(FUZZ_SECONDS) s"; \
	  extra=""; lsan=1; case " $(FUZZ_WITHOUT_LEAK_CHECK) " in *" $$f "*) extra="-detect_leaks=0"; lsan=0;; esac; \
	  ASAN_OPTIONS=detect_leaks=$$lsan $(BLAS_ENV) $(FUZZ_BUILD)/release/fuzz-$$f -max_total_time=$(FUZZ_SECONDS) $(FUZZ_FLAGS) $$extra \
	    -artifact_prefix=$(FUZZ_BUILD)/findings/$$f/ $(FUZZ_BUILD)/corpus/$$f Fuzz/Corpus/$$f || exit 1; \
	done

## mutation: the mutation check (slow, not part of `make test`): Scripts/mutation.py flips operators
## in the core kernels and layers one at a time, in a throwaway worktree of HEAD, and writes
## mutation-report.md (killed/survived per file, every survivor). MUTATION_ARGS passes options,
## e.g. MUTATION_ARGS="--per-file 4 Modules/NeuronaLayers/Dense.swift".
MUTATION_DIR  ?= $(CURDIR)/.build-mutation
MUTATION_ARGS ?=
mutation: setup
	git worktree remove --force $(MUTATION_DIR) 2>/dev/null; git worktree prune
	git worktree add --detach $(MUTATION_DIR) HEAD
	cd $(MUTATION_DIR) && python3 Scripts/mutation.py --report $(CURDIR)/mutation-report.md $(MUTATION_ARGS)
	git worktree remove --force $(MUTATION_DIR)

clean:
	rm -rf .build
