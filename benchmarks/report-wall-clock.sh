#!/usr/bin/env bash
# Wall-clock time of `parledger report` over a store, process start included (issue 9's read-path target), measured
# with hyperfine for the tool as built (JIT) and as published ReadyToRun; also the window query alone, from the
# server's log, and the tool's fixed costs (--version, a store check that fails fast).
# Usage: PARLEDGER_CONNECTION="Host=…;Username=…;Database=…" benchmarks/report-wall-clock.sh [SCHEMA]
# The store must hold a history (e.g. `parledger import dongthap.jsonl`, see docs/benchmarks.md). Needs hyperfine.
set -euo pipefail
cd "$(dirname "$0")/.."
schema=${1:-parledger}
: "${PARLEDGER_CONNECTION:?set PARLEDGER_CONNECTION}"
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)"; exit 1; }

dotnet build src/ParLedger.Cli -c Release -v q -nologo >/dev/null
built=src/ParLedger.Cli/bin/Release/net10.0/ParLedger.Cli
out=$(mktemp -d)
dotnet publish src/ParLedger.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out" -v q -nologo >/dev/null
published=$out/ParLedger.Cli

hyperfine -N -w 3 -r 20 \
  -n "built: report --period 2022-H1 --format json" "$built report --period 2022-H1 --format json --schema $schema" \
  -n "built: report --period 2022-H1 --by agency" "$built report --period 2022-H1 --by agency --schema $schema" \
  -n "ReadyToRun: report --period 2022-H1 --format json" "$published report --period 2022-H1 --format json --schema $schema" \
  -n "ReadyToRun: report --period 2022-H1 --by agency" "$published report --period 2022-H1 --by agency --schema $schema" \
  -n "ReadyToRun: --version" "$published --version"
hyperfine -N -i -w 3 -r 20 -n "ReadyToRun: store check only (absent schema, exit 2)" "$published report --period 2022-H1 --format json --schema no_such_schema"
rm -rf "$out"
