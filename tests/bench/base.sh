#!/bin/bash
# base.sh COMMIT - build COMMIT in a scratch worktree, build/bench/base/<commit>,
# for make bench's side-by-side columns (BASE=...). node_modules is a symlink
# to ours and the site's compressed toolchain is copied, not squeezed again.
# Builds what the side-by-side benches read; a target the base cannot build
# is left out (its benches report n/a). Prints the worktree's path.
set -uo pipefail
commit=$(git rev-parse --short=12 "$1^{commit}") || exit 1
dir=build/bench/base/$commit
if [ ! -e "$dir/.git" ]; then
  git worktree prune
  git worktree add --detach -f "$dir" "$commit" >/dev/null || exit 1
fi
ln -sfn "$PWD/node_modules" "$dir/node_modules"
mkdir -p "$dir/build/site"
[ -d "$dir/build/site/toolchain" ] || { [ -d build/site/toolchain ] && cp -a build/site/toolchain "$dir/build/site/"; }
[ -e "$dir/build/.deps-stamp" ] || touch "$dir/build/.deps-stamp"
for t in build/native/bench/switch build/wasm/bench/switch.wasm build/wasm/bench/sleepers.wasm \
         build/wasm/programs/many.wasm site; do
  make -C "$dir" -s -j2 "$t" >>"$dir/build/bench-build.log" 2>&1 || echo "base.sh: $commit cannot build $t (see $dir/build/bench-build.log)" >&2
done
echo "$dir"
