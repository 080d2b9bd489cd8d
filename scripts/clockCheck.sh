#!/usr/bin/env bash
# The time-sensitive suites at fixed instants (issue 15): UTC 00:30, 07:59 and 23:59 (the simulator's
# account is in America/Los_Angeles, so its "today" differs from UTC's for 8 hours a day) and just
# after both of that zone's DST changes in 2026; on both backends, as `npm test` (PostgreSQL at
# TEST_DATABASE_URL or the local server). Uses Debian's faketime (apt-get install faketime). Not part of
# `npm test`: ~90 s an instant.
#
# FAKETIME_DONT_RESET=1: with a start-at time, libfaketime otherwise restarts the clock at that instant
# in every new process, so a CLI spawned later by a test would stamp its rows before an earlier one's.
# Usage: scripts/clockCheck.sh ["2026-12-01 23:59:00" …]   (default: the five instants below)
set -uo pipefail
cd "$(dirname "$0")/.."
command -v faketime >/dev/null || { echo "faketime is not installed (apt-get install faketime)" >&2; exit 2; }
instants=("$@")
[ ${#instants[@]} -gt 0 ] || instants=("2026-12-01 00:30:00" "2026-12-01 07:59:00" "2026-12-01 23:59:00" \
  "2026-03-08 10:30:00" "2026-11-01 09:30:00")
# tests/auth: sessions and OAuth flows expire by the database's clock, which faketime does not move
# (PostgreSQL runs in a process of its own): an instant behind the server's time catches an expiry
# set by the process's clock and checked by the database's
suites=(tests/sync tests/meta tests/tools tests/assistant/pinnedClock.test.ts
  tests/assistant/hourlyQuestions.test.ts tests/assistant/llmAnswerShape.test.ts tests/security/dateBounds.test.ts
  tests/security/callerLimits.test.ts tests/auth)
npm run --silent build:cli # the CLI the tests spawn runs dist/ only when fresh
failed=0
log=$(mktemp)
for instant in "${instants[@]}"; do
  if TZ=UTC FAKETIME_DONT_RESET=1 faketime -f "@$instant" npx vitest run "${suites[@]}" >"$log" 2>&1; then
    echo "ok    $instant ($(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -aoE 'Tests +[0-9]+ passed' | tr -s ' '))"
  else
    failed=1
    echo "FAIL  $instant"
    sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -aE "FAIL|AssertionError" | head -5
  fi
done
rm -f "$log"
exit $failed
