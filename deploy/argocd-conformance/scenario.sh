#!/bin/sh
# Drives a running fleet-ops through the Argo CD behaviours it must get right (issue 13 / README "Argo CD versions")
# and checks the outcome in the Applications themselves. The same script runs against the embedded demo fleet in
# the tests (ArgoCdScenarioTest) and against a throwaway k3s with real Argo CD v3.1.8 in GitLab CI
# (.gitlab-ci.yml, job argocd-conformance). POSIX sh; needs curl and jq, and kubectl when KUBECONFIG is set.
#
#   FLEET_URL          fleet-ops' base URL, e.g. http://localhost:8080
#   FLEET_TOKEN        a bearer token with the fleet-admin role
#   APP_MANUAL         an application without automated sync, whose spec has syncOptions
#   APP_REVISION       a revision of APP_MANUAL's repository other than its targetRevision (a tag or branch)
#   APP_PARENT         an app-of-apps parent (its resources are Applications)
#   APP_AUTOMATED      an application under automated sync with at least two deployments in its history
#   REPO_URL           the repository APP_AUTOMATED's source reads, and CHANGED_PATH a file under its path
#   ARGOCD_NAMESPACE   where the Applications are (default argocd)
#   KUBECONFIG         optional: read the Applications with kubectl (else through fleet-ops' app detail)
set -eu

: "${FLEET_URL:?}" "${FLEET_TOKEN:?}" "${APP_MANUAL:?}" "${APP_REVISION:?}" "${APP_PARENT:?}" "${APP_AUTOMATED:?}"
: "${REPO_URL:?}" "${CHANGED_PATH:?}"
ARGOCD_NAMESPACE="${ARGOCD_NAMESPACE:-argocd}"
WAIT_SECONDS="${WAIT_SECONDS:-300}"
SETTLE_SECONDS="${SETTLE_SECONDS:-10}"   # how long to watch that Argo CD does not sync a rollback away
failures=0

say() { printf '%s\n' "$*"; }
fail() { say "FAIL: $*"; failures=$((failures + 1)); }
pass() { say "ok:   $*"; }

api() { # METHOD PATH [BODY] → body on stdout; exits on transport errors, not on HTTP status
  if [ $# -ge 3 ]; then
    curl -sS -X "$1" -H "Authorization: Bearer $FLEET_TOKEN" -H 'Content-Type: application/json' --data "$3" "$FLEET_URL$2"
  else
    curl -sS -X "$1" -H "Authorization: Bearer $FLEET_TOKEN" "$FLEET_URL$2"
  fi
}

# The Application as the API server has it: kubectl when given a cluster, otherwise nothing to read directly.
application() {
  kubectl get --raw "/apis/argoproj.io/v1alpha1/namespaces/$ARGOCD_NAMESPACE/applications/$1"
}

have_kubectl() { [ -n "${KUBECONFIG:-}" ]; }

# Starts an action (METHOD PATH BODY), waits for its operation to end, prints the operation.
run() {
  accepted=$(api "$1" "$2" "$3")
  id=$(printf '%s' "$accepted" | jq -r '.id // empty')
  if [ -z "$id" ]; then
    say "refused: $accepted" >&2
    printf '%s' "$accepted"
    return 0
  fi
  deadline=$(( $(date +%s) + WAIT_SECONDS ))
  while :; do
    op=$(api GET "/api/v1/operations/$id")
    state=$(printf '%s' "$op" | jq -r .state)
    case "$state" in succeeded|failed) printf '%s' "$op"; return 0 ;; esac
    [ "$(date +%s)" -lt "$deadline" ] || { printf '%s' "$op"; return 0; }
    sleep 1
  done
}

state_of() { printf '%s' "$1" | jq -r '.state // .status // "refused"'; }

say "== 1. a sync carries the application's syncOptions (server/application/application.go Sync)"
op=$(run POST "/api/v1/apps/$APP_MANUAL/sync" '{}')
if [ "$(state_of "$op")" = succeeded ]; then pass "sync of $APP_MANUAL succeeded"; else fail "sync of $APP_MANUAL: $op"; fi
if have_kubectl; then
  app=$(application "$APP_MANUAL")
  want=$(printf '%s' "$app" | jq -c '.spec.syncPolicy.syncOptions // []')
  got=$(printf '%s' "$app" | jq -c '.status.operationState.operation.sync.syncOptions // []')
  if [ "$want" = "$got" ]; then pass "operation.sync.syncOptions = $got"; else fail "syncOptions: spec $want, operation $got"; fi
fi

say "== 2. a sync to another revision ends when Argo CD says so, OutOfSync reported (controller/state.go)"
op=$(run POST "/api/v1/apps/$APP_MANUAL/sync" "{\"revision\":\"$APP_REVISION\"}")
if [ "$(state_of "$op")" = succeeded ]; then pass "sync of $APP_MANUAL to $APP_REVISION succeeded"; else fail "revision sync: $op"; fi
detail=$(api GET "/api/v1/apps/$APP_MANUAL")
sync=$(printf '%s' "$detail" | jq -r .sync.status)
if [ "$sync" != Synced ] && ! printf '%s' "$op" | jq -r .message | grep -q "$sync"; then
  fail "Argo CD shows $sync but the operation does not say so: $(printf '%s' "$op" | jq -r .message)"
else
  pass "Argo CD shows $sync after the revision sync, and fleet-ops said so"
fi
op=$(run POST "/api/v1/apps/$APP_MANUAL/sync" '{}')
[ "$(state_of "$op")" = succeeded ] && pass "synced $APP_MANUAL back to its target" || fail "sync back: $op"

say "== 3. an app-of-apps parent is done with its own sync (controller/health.go)"
op=$(run POST "/api/v1/apps/$APP_PARENT/sync" '{}')
if [ "$(state_of "$op")" = succeeded ]; then pass "sync of $APP_PARENT succeeded"; else fail "parent sync: $op"; fi

say "== 4. rollback under automated sync: switched off first, not synced away, switched on again"
op=$(run POST "/api/v1/apps/$APP_AUTOMATED/rollback" '{"disableAutoSync":true}')
if [ "$(state_of "$op")" = succeeded ]; then pass "rollback of $APP_AUTOMATED succeeded"; else fail "rollback: $op"; fi
if have_kubectl; then
  app=$(application "$APP_AUTOMATED")
  off=$(printf '%s' "$app" | jq -r 'if .spec.syncPolicy.automated == null then "removed" elif .spec.syncPolicy.automated.enabled == false then "disabled" else "on" end')
  if [ "$off" = on ]; then fail "automated sync of $APP_AUTOMATED is still on after the rollback"; else pass "automated sync $off"; fi
  rolled=$(printf '%s' "$app" | jq -r '.status.operationState.operation.sync.revision // (.status.operationState.operation.sync.revisions | tostring)')
  sleep "$SETTLE_SECONDS"
  later=$(application "$APP_AUTOMATED" | jq -r '.status.operationState.operation.sync.revision // (.status.operationState.operation.sync.revisions | tostring)')
  if [ "$rolled" = "$later" ]; then pass "Argo CD did not sync the rollback away"; else fail "the rollback was synced away ($rolled → $later)"; fi
fi
op=$(run PUT "/api/v1/apps/$APP_AUTOMATED/auto-sync" '{"enabled":true}')
if [ "$(state_of "$op")" = succeeded ]; then pass "automated sync of $APP_AUTOMATED on again: $(printf '%s' "$op" | jq -r .message)"; else fail "auto-sync on: $op"; fi

say "== 5. a change to an automated app follows Argo CD's own sync (controller/appcontroller.go autoSync)"
op=$(run POST /api/v1/sync "{\"repoURL\":\"$REPO_URL\",\"revision\":\"HEAD\",\"changedPaths\":[\"$CHANGED_PATH\"]}")
if [ "$(state_of "$op")" = succeeded ]; then pass "sync of the change succeeded: $(printf '%s' "$op" | jq -r .message)"; else fail "change sync: $op"; fi

if [ "$failures" -gt 0 ]; then
  say "$failures check(s) failed"
  exit 1
fi
say "all checks passed"
