#!/bin/sh
# malformed.sh KLYNGE DIR - runs `klynge compute` on every DIR/NAME.csv and checks that it
# fails with exit status 1, writes no file, and prints exactly DIR/NAME.expected on stderr.
# The files are run from DIR so that messages name them without a path; pop.csv is the
# population file for all of them.
set -u
klynge=$(realpath "$1"); dir=$2
cd "$dir" || exit 1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0
for f in *.csv; do
  [ "$f" = pop.csv ] && continue
  name=${f%.csv}
  got=$("$klynge" compute "$f" --population pop.csv --out "$out/$name" --quiet 2>&1 >/dev/null)
  rc=$?
  want=$(cat "$name.expected")
  if [ $rc -ne 1 ] || [ "$got" != "$want" ] || [ -n "$(ls -A "$out/$name" 2>/dev/null)" ]; then
    echo "FAIL $f (exit $rc)"; echo "  want: $want"; echo "  got:  $got"; status=1
  else
    echo "ok $f"
  fi
done
exit $status
