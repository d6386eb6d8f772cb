#!/usr/bin/env bash
# Benchmark: `dhow redeploy --skip-push` of a prebuilt image to 1 and to 3 sandbox hosts. Prints, per
# host count, the wall time of each run (whole process: JVM start, SSH connect, pull, boot, proxy
# switch) and the SSH round trips per host (one per command or upload, counted from --verbose).
#
#   bench/redeploy.sh [RUNS]     (default 3 runs per host count; keeps nothing afterwards)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-3}
export DHOW_SANDBOX_NAME=${DHOW_SANDBOX_NAME:-dhow-sandbox-bench}
STATE="$ROOT/.sandbox/$DHOW_SANDBOX_NAME"

facts=$("$ROOT/scripts/sandbox" up 3)
trap '"$ROOT/scripts/sandbox" down >/dev/null' EXIT
fact() { printf '%s\n' "$facts" | awk -v k="$1" '$1 == k { print $2 }'; }
hosts=($(fact host))
key=$(fact ssh_key)
registry=$(fact registry)
proxy_image=$(fact proxy_image)
proxy_rest=${proxy_image#*/}

project=$(mktemp -d)
cp -r "$ROOT/examples/hello/." "$project/"
export HOME="$STATE/home"
mkdir -p "$HOME"

write_config() { # $1 = file, rest = hosts
  local file=$1; shift
  {
    echo "service: hello"
    echo "image: hello"
    echo "servers:"
    echo "  web: [$(IFS=,; echo "$*")]"
    echo "ssh: {keys_only: true, keys: [$key]}"
    echo "registry: {server: $registry, username: bench, password: [DEMO_REGISTRY_PASSWORD]}"
    echo "env: {secret: [SECRET_TOKEN]}"
    echo "proxy:"
    echo "  healthcheck: {path: /up, interval: 1}"
    echo "  run: {registry: ${proxy_image%%/*}, repository: ${proxy_rest%:*}, version: ${proxy_rest##*:}}"
    echo "builder: {arch: amd64, context: .}"
  } > "$project/config/$file"
}
write_config bench-1.yml "${hosts[0]}"
write_config bench-3.yml "${hosts[@]}"

dhow() { (cd "$project" && "$ROOT/bin/dhow" "$@"); }
echo "preparing: setup on 3 hosts with b1, push b2" >&2
dhow setup -c config/bench-3.yml --version b1 -q
dhow build push -c config/bench-3.yml --version b2 -q

echo "| hosts | run | wall time (s) | SSH round trips per host |"
echo "|---|---|---|---|"
for n in 1 3; do
  for run in $(seq 1 "$RUNS"); do
    version=$([ $((run % 2)) = 1 ] && echo b2 || echo b1)
    log=$(mktemp)
    start=$(date +%s.%N)
    dhow redeploy --skip-push -c "config/bench-$n.yml" --version "$version" --verbose 2> "$log"
    end=$(date +%s.%N)
    trips=$(for h in "${hosts[@]:0:$n}"; do grep -cF "\$ [$h] " "$log"; done | sort -n | uniq | paste -sd/ -)
    printf '| %s | %s | %.1f | %s |\n' "$n" "$run" "$(echo "$end - $start" | bc)" "$trips"
    rm -f "$log"
  done
done
rm -rf "$project"
