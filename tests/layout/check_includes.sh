#!/usr/bin/env bash
# Fails when a module includes a module it must not depend on (DESIGN.md, "Layout and
# dependency direction"), or when a pure module includes Asio or Beast.
set -euo pipefail
src=${1:?usage: check_includes.sh SRC_DIR}

declare -A allowed=(
  [core]=""
  [json]="core"
  [jose]="core json"
  [cel]="core json"
  [mcp]="core json"
  [http]="core"
  [config]="core"
  [gateway]="core json jose cel mcp http config"
  [server]="core json mcp http jose"
  [issuer]="core json jose http"
  [cli]="core json jose cel mcp http config gateway server issuer"
)
pure="core json jose cel mcp config"
modules="${!allowed[*]}"
status=0
for module in $modules; do
  [[ -d "$src/$module" ]] || continue
  while IFS=: read -r file line text; do
    inc=$(sed -E 's/.*#include[[:space:]]*"([a-z_]+)\/.*/\1/' <<<"$text")
    [[ "$inc" == "$module" ]] && continue
    if [[ " $modules " == *" $inc "* && " ${allowed[$module]} " != *" $inc "* ]]; then
      echo "$file:$line: module '$module' must not include '$inc' ($text)"
      status=1
    fi
  done < <(grep -rnE '#include[[:space:]]*"[a-z_]+/' "$src/$module" --include='*.hpp' --include='*.cpp' || true)
  if [[ " $pure " == *" $module "* ]]; then
    if grep -rnE '#include[[:space:]]*<boost/(asio|beast)' "$src/$module"; then
      echo "module '$module' must stay free of Asio/Beast"
      status=1
    fi
  fi
done
[[ $status -eq 0 ]] && echo "dependency direction: ok"
exit $status
