#!/usr/bin/env bash
# npm test: the typecheck of every workspace, then every workspace's tests (docs/testing.md,
# "Settings every suite shares"): e2e beside the others but the dashboard, then the dashboard.
# When anything fails, the run ends by naming what failed (the turbo task, and each failed test
# with the first lines of its error), since the two runs side by side interleave their output and
# a failure of one is otherwise printed minutes before the other ends.
set -uo pipefail
cd "$(dirname "$0")/.."
export APOLLO_TELEMETRY_DISABLED=true TURBO_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
# An earlier run's reports would be read as this one's.
rm -f ./*/.vitest/report.json

tsc --noEmit -p tsconfig.workspaces.json || exit 1
turbo run build --filter=@linju/explorer --output-logs=new-only || exit 1

log=$(mktemp)
trap 'rm -f "$log" "$log.root"' EXIT
(turbo run test --filter=@linju/e2e --only --output-logs=new-only 2>&1 | tee -a "$log"; exit "${PIPESTATUS[0]}") &
e2e=$!
turbo run typecheck test --filter='!@linju/e2e' --filter='!@linju/dashboard' --only --continue --concurrency=1 --output-logs=new-only 2>&1 | tee -a "$log"
rest=${PIPESTATUS[0]}
wait "$e2e"
status=$(( $? != 0 || rest != 0 ))

if [ "$status" -eq 0 ]; then
  turbo run typecheck test --filter=@linju/dashboard --output-logs=new-only 2>&1 | tee -a "$log"
  if [ "${PIPESTATUS[0]}" -ne 0 ]; then
    status=1
  elif ! tsc --noEmit -p .; then
    status=1
    echo "  tsc --noEmit -p . (the root's scripts and bench/ typecheck): its errors are above" >> "$log.root"
  fi
fi

if [ "$status" -ne 0 ]; then
  echo
  echo "npm test failed. What failed:"
  grep -E '^ *Failed: ' "$log" | sed -E 's/^ *Failed: +/  task /'
  [ -f "$log.root" ] && cat "$log.root"
  npx tsx scripts/summarizeTests.ts --failures
fi
exit "$status"
