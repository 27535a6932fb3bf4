#!/bin/sh
# answers.sh KLYNGE GEN PROFILE SEED ROWS EXPECTED_DIR - generates an extract, runs
# `klynge compute` on it and compares the four files byte for byte with the answers DuckDB
# gave for the same extract (made by bench/answers).
set -eu
klynge=$1 gen=$2 profile=$3 seed=$4 rows=$5 expected=$6
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$gen" --profile "$profile" --seed "$seed" "$rows" "$work/adm.csv" "$work/pop.csv"
"$klynge" compute "$work/adm.csv" --population "$work/pop.csv" --out "$work/out" --quiet
status=0
for f in admissions_monthly readmissions_65 preventable_65 bed_days_per_1000_65; do
  if cmp -s "$expected/$f.csv" "$work/out/$f.csv"; then
    echo "ok $f.csv ($(wc -l < "$work/out/$f.csv") lines)"
  else
    echo "DIFFERENT $f.csv:"; diff "$expected/$f.csv" "$work/out/$f.csv" | head -20; status=1
  fi
done
exit $status
