#!/bin/sh
# toolchain.sh - records, once, the clang and wasm-ld command lines emcc
# uses for a standalone program, as shell variables for wasmcc. Running them
# directly skips emcc's Python driver, which costs more than the compile.
#   sh wasm/toolchain/toolchain.sh > build/wasm/toolchain.env
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
echo 'int main(void) { return 0; }' > probe.c
emcc -v -O2 -c probe.c -o probe.o 2> cc.log
emcc -v -O0 -sSTANDALONE_WASM -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=2GB -sASSERTIONS=0 \
  -sSTACK_OVERFLOW_CHECK=0 -sERROR_ON_UNDEFINED_SYMBOLS=0 probe.o -o probe.wasm 2> ld.log
clang=$(grep -m1 -o '"[^"]*clang[^"]*"' cc.log | tr -d '"')
ld_line=$(grep -m1 'wasm-ld' ld.log)
ld=$(printf '%s\n' "$ld_line" | grep -o '^ *"[^"]*"' | tr -d ' "')
ldflags=$(printf '%s\n' "$ld_line" | sed -e 's/^ *"[^"]*"//' -e 's/ -o probe\.wasm//' -e 's/ probe\.o//' \
  -e 's/ --import-undefined//' -e 's/ --initial-memory=[0-9]*//')
# (without --initial-memory, wasm-ld sizes it to the program's static data;
# memory still grows to 2 GB)
echo "# written by wasm/toolchain/toolchain.sh from $(emcc --version | head -n 1)"
echo "ASYNC_CLANG='$clang'"
echo "ASYNC_CFLAGS='$(emcc --cflags)'"
echo "ASYNC_LD='$ld'"
echo "ASYNC_LDFLAGS='$ldflags'"
echo "ASYNC_TOOLCHAIN_VERSION='$(emcc --version | head -n 1) / $(wasm-opt --version)'"
