#!/usr/bin/env bash
# Fuzzes hpcc's whole pipeline (parse, resolve, lower, emit, render) with libFuzzer for a given
# time: builds Sources/hpcc-fuzz with -sanitize=fuzzer into .build-fuzz, seeds the corpus with
# every shipped blueprint, the Cluster Toolkit examples and every invalid blueprint of the rule
# tests, and runs until the time is up or an input breaks an invariant (PipelineInvariants) or
# crashes. A finding is written to .build-fuzz/findings/; copy it into Tests/Fuzz/regressions/,
# fix hpcc, and `swift test` replays it from then on.
#
# Usage: Tests/Fuzz/run.sh [SECONDS]    (default 60; the 30-minute run in docs/cli.md is 1800)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
work=.build-fuzz
mkdir -p "$work/corpus" "$work/findings"

# libFuzzer's runtime comes with -sanitize=fuzzer; its link needs lld (gold fails on it).
cat > "$work/toolset.json" <<'JSON'
{"schemaVersion": "1.0", "swiftCompiler": {"extraCLIOptions": ["-sanitize=fuzzer", "-use-ld=lld", "-D", "HPCC_FUZZ"]}}
JSON
build=(swift build -c release --scratch-path "$work/build" --toolset "$work/toolset.json" --product hpcc-fuzz)
"${build[@]}" 2>&1 | tail -1
binary="$("${build[@]}" --show-bin-path)/hpcc-fuzz"

# Seeds: the shipped and example blueprints, and the rule tests' invalid blueprints.
cp blueprints/*.yaml Tests/Fixtures/*.yaml "$work/corpus/"
[ -d ../shared/ctk-examples ] && cp ../shared/ctk-examples/*.yaml "$work/corpus/"
HPCC_FUZZ_SEEDS="$PWD/$work/corpus" swift test --filter FuzzSeedTests 2>&1 | tail -1

# A dictionary of the blueprint language: top-level keys, module sources, setting names, and
# the expression syntax, so mutations stay close to blueprints.
{
    for word in blueprint_name vars deployment_groups group modules id source use settings outputs \
                terraform_backend_defaults terraform_providers validators validation_level ignore \
                '$(vars.' '$(' '((' '))' '\\$(' ': ' '- ' '[' ']' '{' '}' '&a ' '*a' '<<: ' '|' '>' '"' "'" '#'; do
        printf '"%s"\n' "$(printf '%s' "$word" | sed 's/\\/\\\\/g; s/"/\\"/g')"
    done
    find modules -name module.yaml -exec sed -n 's/^source: //p; s/^- name: //p' {} + | sort -u | sed 's/.*/"&"/'
} > "$work/blueprint.dict"

echo "fuzzing for $seconds s with $(ls "$work/corpus" | wc -l) corpus inputs"
status=0
SWIFT_BACKTRACE=enable=no "$binary" "$work/corpus" -dict="$work/blueprint.dict" -max_total_time="$seconds" \
    -max_len=16384 -timeout=30 -rss_limit_mb=4096 -artifact_prefix="$work/findings/" -print_final_stats=1 \
    2> "$work/fuzz.log" || status=$?
grep -E '^(stat::|Done|INFO: Loaded|==[0-9]+== ERROR|SUMMARY|Fatal error)|pipeline invariant broken' "$work/fuzz.log" | tail -20
findings=$(find "$work/findings" -type f | wc -l)
echo "findings: $findings (exit $status)"
[ "$status" -eq 0 ] && [ "$findings" -eq 0 ]
