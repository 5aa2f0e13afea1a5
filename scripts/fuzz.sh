#!/usr/bin/env bash
# Builds the libFuzzer harnesses in Fuzz/ and runs each for SECONDS (default 60), starting
# from the corpus in Fuzz/corpus/NAME (seeded from the test fixtures). A crash stops with the
# input saved as Fuzz/crash-*; turn it into a test case under Tests/*/Fixtures.
#   bash scripts/fuzz.sh [SECONDS] [HARNESS...]
set -euo pipefail
source "$(dirname "$0")/setup.sh"
seconds=${1:-60}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(FuzzOrgParser FuzzChangesetParser FuzzCSVImport FuzzDOTEncoder FuzzRoundTrip)
cd Fuzz
swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >&2
bin=$(swift build -c release -Xswiftc -sanitize=fuzzer,address --show-bin-path)
seed() {  # the corpus a harness starts from
  local name=$1 dir=corpus/$1
  mkdir -p "$dir"
  case $name in
    FuzzOrgParser) cp ../Graphs/kuaishou/*.yaml ../Tests/OrgGraphTests/Fixtures/broken/*.yaml ../Tests/OrgGraphTests/Fixtures/json-orgs/*.json "$dir"/ 2>/dev/null || true ;;
    FuzzChangesetParser) cp ../Graphs/kuaishou/changes/*.yaml ../Tests/OrgGraphTests/Fixtures/broken-changesets/*.yaml "$dir"/ 2>/dev/null || true ;;
    FuzzCSVImport) cp ../Tests/OrgGraphTests/Fixtures/broken-csv/*.csv "$dir"/ 2>/dev/null || true ;;
    FuzzDOTEncoder) printf '%s' 'x", image="/etc/hostname' > "$dir/quote"; printf '%s' '<IMG SRC="/etc/hostname"/>' > "$dir/img"
      # Names the label parser refuses as they are: empty, brackets, controls, noncharacters, \N.
      : > "$dir/empty"; printf '%s' ']]' > "$dir/brackets"; printf '\001\002' > "$dir/controls"
      printf '\302\205\302\200' > "$dir/c1"; printf '\357\277\276' > "$dir/nonchar"; printf '%s' 'a\Nb\G\E' > "$dir/escapes" ;;
    FuzzRoundTrip)  # 0xFF, then a string as UTF-8: the strings that once did not come back
      local n=0 text
      for text in '\302\200\302\237' '\302\205' 'a\302\205b' '\357\277\276' '\357\277\277x' 'x\357\273\277' '\000' 'a\000b' \
          '\t=1' "'=1" "''" "'" '=1 ' '\r' 'a\r\nb' ' lead' 'trail ' '\342\200\250' '\033]0;t\007' '\177' '- x' 'null' '1e3' \
          '2025-01-01' 'a: b' '\\N\\G' ']]>' '#35;' '\314\201' '\364\217\277\277' ':\000?\t\000\321\000' 'a:?' '\000\357\273\277P'; do
        n=$((n + 1)); printf "\377$text" > "$dir/hostile-$n"
      done ;;
  esac
  find "$dir" -type f -size +64k -delete
}
export ASAN_OPTIONS=detect_leaks=0
# libFuzzer and AddressSanitizer print the stack of a crash; Swift's own backtracer would run
# as a child that outlives the fuzzer and keeps the output pipe open, so the run never ends.
export SWIFT_BACKTRACE=enable=no
for name in "${harnesses[@]}"; do
  seed "$name"
  echo "== $name for ${seconds}s" >&2
  # The whole output is kept in fuzz-NAME.log; a summary is printed, and on a crash the end of
  # the log (the fuzzer's report and the stack), then the input run again alone.
  "$bin/$name" "corpus/$name" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix=crash-"$name"- \
    > "fuzz-$name.log" 2>&1 || true
  grep -E 'INITED|DONE|Done [0-9]+ runs|stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)|ERROR|SUMMARY|crash-' "fuzz-$name.log" || true
  if ls crash-"$name"-* >/dev/null 2>&1; then
    echo "$name found a crash: $(ls crash-"$name"-*); the end of fuzz-$name.log:" >&2
    tail -n 80 "fuzz-$name.log" >&2
    # A crash that the input gives alone, in a fresh process, fails the run. One it does not
    # give alone came from the state thousands of runs left in one process (Graphviz keeps
    # global state); it is reported above and its input kept, but it does not fail the run.
    for input in crash-"$name"-*; do
      if ! "$bin/$name" "$input" > "fuzz-$name-alone.log" 2>&1; then
        tail -n 40 "fuzz-$name-alone.log" >&2
        echo "error: $name crashes on $input run alone" >&2
        exit 1
      fi
      echo "warning: $input does not crash when run alone; kept for a look" >&2
      mv "$input" "kept-$input"
    done
  fi
done
