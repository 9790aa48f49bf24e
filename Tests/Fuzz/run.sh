#!/usr/bin/env bash
# Builds one libFuzzer target and runs it for SECONDS (default 60) on one core.
#
#   Tests/Fuzz/run.sh loader|formula|keys [SECONDS] [more libFuzzer flags, e.g. -jobs=2]
#
# swiftc compiles the sources the target needs together with its entry file: SwiftPM's
# executable targets do not link with libFuzzer, which brings its own main. Everything goes
# to .build-fuzz/: the binary, the growing corpus (seeded from Scenarios/ and Tests/Fuzz/seeds/)
# and any crash-*, timeout-* or oom-* input, which becomes a regression test.
set -euo pipefail

target=${1:-}
seconds=${2:-60}
shift $(( $# < 2 ? $# : 2 ))
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out=.build-fuzz

case $target in
  loader | formula)
    mapfile -t sources < <(find Sources/NNCore -name '*.swift' | sort)
    entry=Tests/Fuzz/$( [[ $target == loader ]] && echo LoaderFuzz || echo FormulaFuzz ).swift ;;
  keys)
    # The key-script parser needs only Key; the rest of NNTerminal needs ncurses.
    sources=(Sources/NNTerminal/Key.swift Sources/NNTerminal/KeyScript.swift)
    entry=Tests/Fuzz/KeyScriptFuzz.swift ;;
  *)
    echo "usage: Tests/Fuzz/run.sh loader|formula|keys [SECONDS] [libFuzzer flags…]" >&2
    exit 64 ;;
esac

mkdir -p "$out"
binary=$out/$target-fuzz
if [[ ! -x $binary || -n $(find "${sources[@]}" "$entry" -newer "$binary") ]]; then
  echo "building $binary"
  # ld.gold warns "Cannot export local symbol '__asan_…'" many times: harmless, kept in the log.
  if ! swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name "${target^}Fuzz" \
      "${sources[@]}" "$entry" -o "$binary" > "$out/$target-build.log" 2>&1; then
    grep -v "Cannot export local symbol" "$out/$target-build.log" >&2
    exit 1
  fi
fi

corpus=$out/corpus-$target
mkdir -p "$corpus"
cp -n Tests/Fuzz/seeds/"$target"/* "$corpus"/
if [[ $target == loader ]]; then cp -n Scenarios/*.json "$corpus"/; fi

# -timeout=5: any input of at most 4 KiB that takes seconds is a finding (a hang, a quadratic).
exec "$binary" "$corpus" -dict="Tests/Fuzz/$target.dict" -max_total_time="$seconds" -max_len=4096 \
  -timeout=5 -close_fd_mask=3 -print_final_stats=1 -artifact_prefix="$out/$target-" "$@"
