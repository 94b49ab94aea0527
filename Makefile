# Async C Playground: the runtime (wasm/), the examples, the site and the tests.
#
#   make            build the runtime and every example, natively and to wasm
#   make test       C unit tests (ASan+UBSan), Jest (native, wasm, page)
#   make serve      build the site and serve it on http://127.0.0.1:$(PORT)
#   make -s run EX=file.c       compile one file against the runtime and run it
#   make -s run-wasm EX=file.c  the same, built with emcc and run in Node
#   make deps       install what a fresh Debian machine lacks
#
# Quiet by default; V=1 shows the commands.

V ?= 0
ifeq ($(V),1)
Q :=
say = @true
else ifneq ($(findstring s,$(firstword -$(MAKEFLAGS))),)
Q := @
say = @true
else
Q := @
say = @printf '  %-8s %s\n' "$(1)" "$(2)"
endif

SHELL   := /bin/bash
BUILD   := build
PORT    ?= 8000
export NODE_PATH := /usr/share/nodejs

CC      := gcc
CFLAGS  := -std=gnu11 -O2 -g -Wall -Wextra -D_GNU_SOURCE -MMD -MP
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
EMCC    := emcc
EMFLAGS := -std=gnu11 -O2 -Wall -Wextra -MMD -MP
# Programs are built by wasm/toolchain/wasmcc: clang and wasm-ld with emcc's recorded
# flags, then Asyncify before any Binaryen optimization (see ctx_wasm.c).
TOOLCHAIN := $(BUILD)/wasm/toolchain.env
WASMCC    := wasm/toolchain/wasmcc

# The runtime's files are listed once, in wasm/runtime.files: wasm/core/ is portable,
# wasm/native/ and wasm/asyncify/ are the two backends. Objects are named by file (vpath finds the source).
RT_FILES  := wasm/runtime.files
rt_files   = $(addprefix wasm/,$(shell sed -n 's/^$(1):[[:space:]]*//p' $(RT_FILES)))
RT_DIRS   := wasm/core wasm/native wasm/asyncify
RT_INC    := -Iwasm -Iwasm/core -Iwasm/native
vpath %.c $(RT_DIRS)
vpath %.S $(RT_DIRS)
RT_NATIVE_SRC := $(call rt_files,core) $(call rt_files,native)
RT_WASM_SRC   := $(call rt_files,core) $(call rt_files,asyncify)
RT_NATIVE := $(basename $(notdir $(RT_NATIVE_SRC)))
RT_WASM   := $(basename $(notdir $(RT_WASM_SRC)))

NATIVE_OBJ := $(RT_NATIVE:%=$(BUILD)/native/rt/%.o)
ASAN_OBJ   := $(RT_NATIVE:%=$(BUILD)/asan/rt/%.o)
WASM_OBJ   := $(RT_WASM:%=$(BUILD)/wasm/rt/%.o)

EXAMPLES   := $(basename $(notdir $(wildcard examples/*.c)))
EX_NATIVE  := $(EXAMPLES:%=$(BUILD)/native/examples/%)
EX_WASM    := $(EXAMPLES:%=$(BUILD)/wasm/examples/%.wasm)

UNIT_TESTS := $(basename $(notdir $(wildcard tests/c/test_*.c)))
UNIT_BIN   := $(UNIT_TESTS:%=$(BUILD)/asan/tests/%)
UNIT_WASM  := $(UNIT_TESTS:%=$(BUILD)/wasm/tests/%.wasm)
TEST_PROGS := $(basename $(notdir $(wildcard tests/programs/*.c)))
PROGS_WASM := $(TEST_PROGS:%=$(BUILD)/wasm/programs/%.wasm)
PROGS_NATIVE := $(TEST_PROGS:%=$(BUILD)/native/programs/%)

# CPython's asyncio test cases ported to C: NAME.c prints what its twin NAME.py prints (NAME.out).
CPYTHON      := $(basename $(notdir $(wildcard tests/cpython/*.c)))
CPYTHON_ASAN := $(CPYTHON:%=$(BUILD)/asan/cpython/%)
CPYTHON_WASM := $(CPYTHON:%=$(BUILD)/wasm/cpython/%.wasm)
PYTHON       ?= python3.11

DEPS_STAMP := $(BUILD)/.deps-stamp
# async.h's vocabulary tables as a JavaScript module, for host.js and the page.
VOCAB_JS   := $(BUILD)/gen/vocab.js

.PHONY: all runtime examples test test-c test-js test-docs docs-sites run run-wasm serve site bench fuzz deps clean cpython-out FORCE
.DEFAULT_GOAL := all

all: runtime examples site $(VOCAB_JS)

runtime: $(BUILD)/native/libasync.a $(BUILD)/wasm/libasync.a $(BUILD)/wasi/libasync.a
examples: $(EX_NATIVE) $(EX_WASM)

# ---- dependencies ----------------------------------------------------------

deps: $(DEPS_STAMP)
$(DEPS_STAMP): package.json package-lock.json
	$(call say,DEPS,debian+npm)
	$(Q)missing=""; \
	for p in emcc:emscripten wasm-opt:binaryen chromium:chromium bwrap:bubblewrap node:nodejs npm:npm; do \
	  command -v $${p%%:*} >/dev/null 2>&1 || missing="$$missing $${p#*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "  installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
	$(Q)[ -d node_modules/jest ] && [ -d node_modules/esbuild ] && [ -d node_modules/@yowasp/clang ] && [ -d node_modules/binaryen ] || npm install --no-audit --no-fund --loglevel=error
	$(Q)mkdir -p $(@D) && touch $@

# ---- the runtime -------------------------------------------------------------

$(BUILD)/native/rt/%.o: %.c | $(DEPS_STAMP)
	$(call say,CC,$@)
	$(Q)mkdir -p $(@D) && $(CC) $(CFLAGS) $(RT_INC) -c $< -o $@
$(BUILD)/native/rt/%.o: %.S
	$(call say,AS,$@)
	$(Q)mkdir -p $(@D) && $(CC) -c $< -o $@
$(BUILD)/asan/rt/%.o: %.c
	$(call say,CC,$@)
	$(Q)mkdir -p $(@D) && $(CC) $(CFLAGS) $(SANFLAGS) $(RT_INC) -c $< -o $@
$(BUILD)/asan/rt/%.o: %.S
	$(call say,AS,$@)
	$(Q)mkdir -p $(@D) && $(CC) -c $< -o $@
$(BUILD)/wasm/rt/%.o: %.c | $(DEPS_STAMP)
	$(call say,EMCC,$@)
	$(Q)mkdir -p $(@D) && $(EMCC) $(EMFLAGS) $(RT_INC) -c $< -o $@
$(BUILD)/wasm/rt/%.o: %.S | $(DEPS_STAMP)
	$(call say,EMCC,$@)
	$(Q)mkdir -p $(@D) && $(EMCC) -c $< -o $@

$(BUILD)/native/libasync.a: $(NATIVE_OBJ) $(RT_FILES)
	$(call say,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $(filter %.o,$^)
$(BUILD)/asan/libasync.a: $(ASAN_OBJ) $(RT_FILES)
	$(call say,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $(filter %.o,$^)
$(BUILD)/wasm/libasync.a: $(WASM_OBJ) $(RT_FILES)
	$(call say,AR,$@)
	$(Q)rm -f $@ && emar rcs $@ $(filter %.o,$^)

# The runtime for the in-browser toolchain (wasm32-wasip1), compiled by that
# toolchain itself run from Node: wasm/toolchain/wasicc.js links programs against it.
WASI_SRCS := $(RT_WASM_SRC) $(call rt_files,headers)
$(BUILD)/wasi/libasync.a: $(WASI_SRCS) $(RT_FILES) wasm/toolchain/wasicc.js wasm/toolchain/wasicc.mjs | $(DEPS_STAMP)
	$(call say,WASICC,$@)
	$(Q)mkdir -p $(@D) && node wasm/toolchain/wasicc.mjs --runtime $@.tmp $(WASI_SRCS) && mv $@.tmp $@

$(VOCAB_JS): wasm/toolchain/vocab_js.c wasm/async.h wasm/core/faults.h
	$(call say,GEN,$@)
	$(Q)mkdir -p $(@D) && $(CC) -std=gnu11 -Wall -Wextra -Iwasm $< -o $(BUILD)/gen/vocab_js && $(BUILD)/gen/vocab_js > $@.tmp && mv $@.tmp $@

$(TOOLCHAIN): wasm/toolchain/toolchain.sh | $(DEPS_STAMP)
	$(call say,GEN,$@)
	$(Q)mkdir -p $(@D) && sh wasm/toolchain/toolchain.sh > $@.tmp && mv $@.tmp $@

WASM_PROG_DEPS := $(BUILD)/wasm/libasync.a $(TOOLCHAIN) $(WASMCC) $(RT_FILES) $(call rt_files,imports) $(call rt_files,removelist)

# ---- programs: native_prog / wasm_prog (source, output) ------------------------

define native_prog
	$(Q)mkdir -p $(dir $(2)) && $(CC) $(CFLAGS) -Iwasm $(1) $(BUILD)/native/libasync.a -lm -o $(2)
endef
# (3): -g: the program's line rows, so its faults name their line (wasm/host/source-lines.js)
define wasm_prog
	$(Q)mkdir -p $(dir $(2)) && $(WASMCC) -O full $(3) -o $(2) $(1)$(if $(3), && node wasm/toolchain/pack-lines.mjs $(2) $(1))
endef

$(BUILD)/native/examples/%: examples/%.c $(BUILD)/native/libasync.a
	$(call say,CC,$@)
	$(call native_prog,$<,$@)
$(BUILD)/wasm/examples/%.wasm: examples/%.c $(WASM_PROG_DEPS)
	$(call say,EMCC,$@)
	$(call wasm_prog,$<,$@)

# make -s run EX=path/to/file.c: stdout carries only the program's output.
RUN_NAME = $(basename $(notdir $(EX)))
run: $(BUILD)/native/libasync.a
	@test -n "$(EX)" || { echo "usage: make -s run EX=path/to/file.c" >&2; exit 2; }
	$(call native_prog,$(EX),$(BUILD)/run/native/$(RUN_NAME))
	@$(BUILD)/run/native/$(RUN_NAME)
run-wasm: $(WASM_PROG_DEPS) $(VOCAB_JS)
	@test -n "$(EX)" || { echo "usage: make -s run-wasm EX=path/to/file.c" >&2; exit 2; }
	$(call wasm_prog,$(EX),$(BUILD)/run/wasm/$(RUN_NAME).wasm)
	@node wasm/host/run.mjs $(BUILD)/run/wasm/$(RUN_NAME).wasm

# ---- tests -------------------------------------------------------------------------

$(BUILD)/asan/tests/%: tests/c/%.c tests/c/check.h tests/c/model.h $(BUILD)/asan/libasync.a
	$(call say,CC,$@)
	$(Q)mkdir -p $(@D) && $(CC) $(CFLAGS) $(SANFLAGS) -Iwasm -Itests/c $< $(BUILD)/asan/libasync.a -lm -o $@

# The inspector's oracle (tests/js/inspector-oracle.test.js): the model's programs, natively and in wasm.
INSPECT_ORACLE := $(BUILD)/native/tests/inspect_model $(BUILD)/wasm/tests/inspect_model.wasm
$(BUILD)/native/tests/%: tests/c/%.c tests/c/model.h $(BUILD)/native/libasync.a
	$(call say,CC,$@)
	$(call native_prog,-Itests/c $<,$@)

$(BUILD)/wasm/tests/%.wasm: tests/c/%.c tests/c/check.h tests/c/model.h $(WASM_PROG_DEPS)
	$(call say,EMCC,$@)
	$(call wasm_prog,-I tests/c $<,$@)

$(BUILD)/asan/cpython/%: tests/cpython/%.c tests/cpython/twin.h $(BUILD)/asan/libasync.a
	$(call say,CC,$@)
	$(Q)mkdir -p $(@D) && $(CC) $(CFLAGS) $(SANFLAGS) -Iwasm -Itests/cpython $< $(BUILD)/asan/libasync.a -lm -o $@
$(BUILD)/wasm/cpython/%.wasm: tests/cpython/%.c tests/cpython/twin.h $(WASM_PROG_DEPS)
	$(call say,EMCC,$@)
	$(call wasm_prog,-I tests/cpython $<,$@)

# The expected outputs, from the Python twins on the virtual clock (tests/cpython/vclock.py).
cpython-out:
	$(Q)for t in $(CPYTHON); do (cd tests/cpython && $(PYTHON) $$t.py > $$t.out) || exit 1; done

$(BUILD)/wasm/programs/%.wasm: tests/programs/%.c $(WASM_PROG_DEPS) wasm/toolchain/pack-lines.mjs wasm/host/source-lines.js
	$(call say,EMCC,$@)
	$(call wasm_prog,$<,$@,-g)
$(BUILD)/native/programs/%: tests/programs/%.c $(BUILD)/native/libasync.a
	$(call say,CC,$@)
	$(call native_prog,$<,$@)

BENCHES := $(basename $(notdir $(wildcard tests/bench/*.c)))

$(BUILD)/wasm/bench/%.wasm: tests/bench/%.c $(WASM_PROG_DEPS)
	$(call say,EMCC,$@)
	$(call wasm_prog,$<,$@)
$(BUILD)/native/bench/%: tests/bench/%.c $(BUILD)/native/libasync.a
	$(call say,CC,$@)
	$(call native_prog,$<,$@)

# The runtime with the ucontext switch, the anchor for the wasm switch.
UCTX_OBJ := $(filter-out %/switch_x86_64.o,$(RT_NATIVE:%=$(BUILD)/native-ucontext/rt/%.o))
$(BUILD)/native-ucontext/rt/%.o: %.c
	$(call say,CC,$@)
	$(Q)mkdir -p $(@D) && $(CC) $(CFLAGS) $(RT_INC) -DASYNC_USE_UCONTEXT -c $< -o $@
$(BUILD)/native-ucontext/libasync.a: $(UCTX_OBJ)
	$(call say,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^
$(BUILD)/native-ucontext/bench/%: tests/bench/%.c $(BUILD)/native-ucontext/libasync.a
	$(call say,CC,$@)
	$(Q)mkdir -p $(@D) && $(CC) $(CFLAGS) -Iwasm $< $(BUILD)/native-ucontext/libasync.a -lm -o $@
# The examples without Asyncify: they cannot run, they weigh what Asyncify adds.
$(BUILD)/wasm/plain/%.wasm: examples/%.c $(WASM_PROG_DEPS)
	$(call say,EMCC,$@)
	$(Q)mkdir -p $(@D) && $(WASMCC) -O plain -o $@ $<
$(BUILD)/bench/anchor/emsleep.mjs: tests/bench/anchors/emsleep.c | $(DEPS_STAMP)
	$(call say,EMCC,$@)
	$(Q)mkdir -p $(@D) && $(EMCC) -O2 -sASYNCIFY -sMODULARIZE -sEXPORT_ES6 -sEXIT_RUNTIME -sENVIRONMENT=web $< -o $@

# make bench BASE=commit: the same benches side by side with that commit too, built by
# tests/bench/base.sh in a worktree under build/bench/base/. The default is the commit
# README's previous table was measured at (before the inspector); BASE= runs this tree alone.
BASE ?= fa73c95
bench: all $(BENCHES:%=$(BUILD)/native/bench/%) $(BENCHES:%=$(BUILD)/wasm/bench/%.wasm) $(PROGS_WASM) \
       $(BUILD)/native-ucontext/bench/switch $(EXAMPLES:%=$(BUILD)/wasm/plain/%.wasm) $(BUILD)/bench/anchor/emsleep.mjs
	$(call say,BENCH,$(BUILD)/bench/report.md)
	$(Q)base=; if [ -n "$(BASE)" ]; then base=$$(tests/bench/base.sh $(BASE)) || exit 1; fi; \
	BENCH_BASE=$$base node tests/bench/run.mjs

# libFuzzer over the scheduler model (clang, ASan+UBSan); not part of make test.
FUZZ_SECONDS ?= 600
FUZZ_FLAGS := -std=gnu11 -O1 -g -D_GNU_SOURCE -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_OBJ := $(RT_NATIVE:%=$(BUILD)/fuzz/rt/%.o)
$(BUILD)/fuzz/rt/%.o: %.c
	$(call say,CLANG,$@)
	$(Q)mkdir -p $(@D) && clang $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -MMD -MP $(RT_INC) -c $< -o $@
$(BUILD)/fuzz/rt/%.o: %.S
	$(call say,AS,$@)
	$(Q)mkdir -p $(@D) && clang -c $< -o $@
$(BUILD)/fuzz/fuzz_scheduler: tests/fuzz/fuzz_scheduler.c tests/c/model.h $(FUZZ_OBJ)
	$(call say,CLANG,$@)
	$(Q)clang $(FUZZ_FLAGS) -fsanitize=fuzzer -Iwasm -Itests/c $< $(FUZZ_OBJ) -lm -o $@

fuzz: $(BUILD)/fuzz/fuzz_scheduler
	$(call say,FUZZ,$(FUZZ_SECONDS) s)
	$(Q)mkdir -p $(BUILD)/fuzz/corpus && $(BUILD)/fuzz/fuzz_scheduler -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
	  -print_final_stats=1 $(BUILD)/fuzz/corpus

test: test-c test-js

EX_ASAN := $(EXAMPLES:%=$(BUILD)/asan/examples/%)
$(BUILD)/asan/examples/%: examples/%.c $(BUILD)/asan/libasync.a
	$(call say,CC,$@)
	$(Q)mkdir -p $(@D) && $(CC) $(CFLAGS) $(SANFLAGS) -Iwasm $< $(BUILD)/asan/libasync.a -lm -o $@

# Each unit-test binary ends with "N passed, N failed"; each example, built
# with ASan+UBSan (LeakSanitizer included), must print its .out and leak
# nothing, cancelled and never-awaited tasks included. The sum: build/test-c.summary.
test-c: $(UNIT_BIN) $(EX_ASAN) $(CPYTHON_ASAN)
	$(call say,TEST,C unit tests and examples under ASan+UBSan+LSan)
	$(Q)pass=0; fail=0; rc=0; \
	for t in $(UNIT_BIN); do \
	  $$t > $$t.log 2>&1 < /dev/null || rc=1; \
	  grep -v '^ok ' $$t.log | sed 's|^|  |'; \
	  set -- $$(tail -n 1 $$t.log); pass=$$((pass + $${1:-0})); fail=$$((fail + $${3:-1})); \
	done; \
	for e in $(EXAMPLES); do \
	  in=examples/$$e.in; [ -f $$in ] || in=/dev/null; \
	  if ASYNC_CLOCK=virtual $(BUILD)/asan/examples/$$e < $$in > $(BUILD)/asan/examples/$$e.txt 2> $(BUILD)/asan/examples/$$e.err \
	     && cmp -s $(BUILD)/asan/examples/$$e.txt examples/$$e.out; then pass=$$((pass + 1)); \
	  else fail=$$((fail + 1)); rc=1; echo "  FAIL example $$e under sanitizers:"; head -n 20 $(BUILD)/asan/examples/$$e.err | sed 's|^|    |'; fi; \
	done; \
	for t in $(CPYTHON); do \
	  if $(BUILD)/asan/cpython/$$t > $(BUILD)/asan/cpython/$$t.txt 2> $(BUILD)/asan/cpython/$$t.err < /dev/null \
	     && cmp -s $(BUILD)/asan/cpython/$$t.txt tests/cpython/$$t.out; then pass=$$((pass + 1)); \
	  else fail=$$((fail + 1)); rc=1; echo "  FAIL CPython twin $$t under sanitizers:"; \
	    diff $(BUILD)/asan/cpython/$$t.txt tests/cpython/$$t.out | head -n 20 | sed 's|^|    |'; head -n 20 $(BUILD)/asan/cpython/$$t.err | sed 's|^|    |'; fi; \
	done; \
	echo "c: $$pass passed, $$fail failed" | tee $(BUILD)/test-c.summary; exit $$rc

test-js: all $(VOCAB_JS) $(CPYTHON_WASM) $(UNIT_WASM) $(PROGS_WASM) $(PROGS_NATIVE) $(INSPECT_ORACLE)
	$(call say,TEST,Jest)
	$(Q)set -o pipefail; NODE_OPTIONS=--experimental-vm-modules npx jest --ci 2>&1 | tee $(BUILD)/jest.log

# ---- the site ------------------------------------------------------------------------

WEB_SRC := $(wildcard web/*/*.js web/reference/* web/tools/*.mjs web/*.html web/*.css) wasm/host/host.js wasm/toolchain/wasicc.js \
           wasm/toolchain/runtime-files.mjs $(VOCAB_JS)

# clang and lld for the browser: @yowasp/clang's llvm.core.wasm rewritten by wasm-opt, which makes it smaller to
# download; redone only when the module or LLVM_OPT changes (it takes minutes). The features are the ones
# the module uses, so no pass brings in one a browser may lack.
CLANG_GEN := node_modules/@yowasp/clang/gen
LLVM_CORE := $(BUILD)/toolchain/llvm.core.wasm
LLVM_OPT  := --enable-sign-ext --enable-bulk-memory --enable-nontrapping-float-to-int --enable-mutable-globals -O1
$(CLANG_GEN)/llvm.core.wasm: | $(DEPS_STAMP) ;
$(BUILD)/toolchain/llvm-opt.flags: FORCE
	$(Q)mkdir -p $(@D) && echo '$(LLVM_OPT)' | cmp -s - $@ || echo '$(LLVM_OPT)' > $@
$(LLVM_CORE): $(CLANG_GEN)/llvm.core.wasm $(BUILD)/toolchain/llvm-opt.flags
	$(call say,WASM-OPT,$@)
	$(Q)wasm-opt $(LLVM_OPT) $< -o $@.tmp && mv $@.tmp $@

site: $(BUILD)/site/index.html
$(BUILD)/site/index.html: $(WEB_SRC) $(EX_WASM) $(wildcard examples/*.c) $(BUILD)/wasi/libasync.a $(RT_FILES) \
                          $(call rt_files,header) $(call rt_files,removelist-wasi) $(LLVM_CORE) | $(DEPS_STAMP)
	$(call say,SITE,$(BUILD)/site)
	$(Q)node web/tools/build.mjs

serve: site
	$(Q)node web/server/serve.mjs --port $(PORT)

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
# A build from before the sources moved into wasm/*/ names them in its .d files: such an object is remade once.
wasm/%.c wasm/%.S wasm/%.h: ;

# ---- docs sites: <async-c-demo> in MkDocs Material, Sphinx + MyST, Docusaurus ----
# Each site's sources (tests/docs/sites/) are copied to build/docs/NAME/ and
# built there with the real generator: Debian's packages, and Docusaurus from
# npm installed into build/docs/docusaurus/ (not the repository's node_modules).
DOCS        := $(BUILD)/docs
DOCS_SHARED := tests/docs/sites/shared/main.c tests/docs/sites/shared/counter.c tests/docs/sites/shared/favicon.svg
DOCS_APT    := mkdocs mkdocs-material python3-sphinx python3-myst-parser furo
FURO_JS     := /usr/lib/python3/dist-packages/furo/theme/furo/static/scripts/furo.js
DOCS_SITES  := $(DOCS)/mkdocs/site/index.html $(DOCS)/sphinx/html/index.html $(DOCS)/docusaurus/build/index.html
site_src     = $(shell find tests/docs/sites/$(1) -type f -not -path '*/node_modules/*')

$(DOCS)/.apt-stamp:
	$(call say,DEPS,$(DOCS_APT))
	$(Q)missing=""; for p in $(DOCS_APT); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi
	$(Q)mkdir -p $(@D) && touch $@

$(DOCS)/mkdocs/site/index.html: $(call site_src,mkdocs) $(DOCS_SHARED) web/integrations/mkdocs/async_c_demo.py | $(DOCS)/.apt-stamp
	$(call say,MKDOCS,$(DOCS)/mkdocs/site)
	$(Q)rm -rf $(DOCS)/mkdocs && mkdir -p $(DOCS)/mkdocs && cp -r tests/docs/sites/mkdocs $(DOCS)/mkdocs/src && cp $(DOCS_SHARED) $(DOCS)/mkdocs/src/docs/ && \
	  cp web/integrations/mkdocs/async_c_demo.py $(DOCS)/mkdocs/src/
	$(Q)cd $(DOCS)/mkdocs/src && PYTHONPATH=. /usr/bin/python3 -m mkdocs build -q -d ../site

$(DOCS)/sphinx/html/index.html: $(call site_src,sphinx) $(DOCS_SHARED) web/integrations/sphinx/async_c_demo.py | $(DOCS)/.apt-stamp
	$(call say,SPHINX,$(DOCS)/sphinx/html)
	$(Q)rm -rf $(DOCS)/sphinx && mkdir -p $(DOCS)/sphinx && cp -r tests/docs/sites/sphinx $(DOCS)/sphinx/src && mkdir $(DOCS)/sphinx/src/_extra && \
	  cp $(DOCS_SHARED) $(DOCS)/sphinx/src/_extra/ && cp web/integrations/sphinx/async_c_demo.py $(DOCS)/sphinx/src/
	@# Debian's furo loads its furo.js, which imports a UMD file, as a classic script: it never runs
	@# (no dark toggle). Bundled into one classic script, in the site's _static/, which overrides the theme's.
	$(Q)npx --no-install esbuild $(FURO_JS) --bundle --format=iife --log-level=warning --outfile=$(DOCS)/sphinx/src/_static/scripts/furo.js
	$(Q)/usr/bin/sphinx-build -q -W -b html $(DOCS)/sphinx/src $(DOCS)/sphinx/html

# npm install only when the site's package.json changed: reruns take seconds.
$(DOCS)/docusaurus/.npm-stamp: tests/docs/sites/docusaurus/package.json | $(DEPS_STAMP)
	$(call say,NPM,$(DOCS)/docusaurus)
	$(Q)mkdir -p $(@D) && cp $< $(@D)/package.json && cd $(@D) && npm install --no-audit --no-fund --loglevel=error >/dev/null
	$(Q)touch $@

$(DOCS)/docusaurus/build/index.html: $(call site_src,docusaurus) $(DOCS_SHARED) web/integrations/docusaurus/remark-async-c-demo.mjs $(DOCS)/docusaurus/.npm-stamp
	$(call say,DOCUSAURUS,$(DOCS)/docusaurus/build)
	$(Q)D=$(DOCS)/docusaurus; rm -rf $$D/build $$D/docs $$D/static $$D/.docusaurus && cp -r tests/docs/sites/docusaurus/. $$D/ && mkdir -p $$D/static && \
	  cp $(DOCS_SHARED) $$D/static/ && cp web/integrations/docusaurus/remark-async-c-demo.mjs $$D/ && \
	  cd $$D && npx --no-install docusaurus build --out-dir build > build.log 2>&1 || { cat build.log; exit 1; }

docs-sites: $(DOCS_SITES)

# The docs sites in Chromium (tests/docs), after the site they load the demos from.
test-docs: site $(DOCS_SITES)
	$(call say,TEST,docs sites in Chromium)
	$(Q)set -o pipefail; NODE_OPTIONS=--experimental-vm-modules npx jest --ci --testMatch '<rootDir>/tests/docs/**/*.test.js' 2>&1 | tee $(BUILD)/jest-docs.log
