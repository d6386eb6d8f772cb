#!/usr/bin/env bash
# Benchmark: `dhow plan` against `dhow app details` on the same 3 sandbox hosts (web on all three behind kamal-proxy,
# an accessory with a file and a directory on the third), each the whole process as a user runs it (launcher, JVM,
# SSH connections, the commands). The two run in turn (plan, details, plan, ...) so drift in the machine's speed hits
# both alike; prints the median wall and CPU time of each, the ratio plan/details against the goal (< 2x), and the SSH
# round trips per host of each (one per command, counted from --verbose).
#
#   bench/plan.sh [RUNS]     (default 11 runs of each; starts its own sandbox and removes it afterwards)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-11}
export DHOW_SANDBOX_NAME=${DHOW_SANDBOX_NAME:-dhow-sandbox-bench-plan}
STATE="$ROOT/.sandbox/$DHOW_SANDBOX_NAME"

facts=$("$ROOT/scripts/sandbox" up 3)
project=$(mktemp -d)
trap '"$ROOT/scripts/sandbox" down >/dev/null; rm -rf "$project"' EXIT
fact() { printf '%s\n' "$facts" | awk -v k="$1" '$1 == k { print $2 }'; }
hosts=($(fact host))
key=$(fact ssh_key)
registry=$(fact registry)
proxy_image=$(fact proxy_image)
proxy_rest=${proxy_image#*/}

cp -r "$ROOT/examples/hello/." "$project/"
mkdir -p "$project/config/cache" "$project/.kamal"
printf 'listen 6379\n' > "$project/config/cache/cache.conf"
cat > "$project/config/deploy.yml" <<EOF
service: hello
image: hello
servers:
  web: [$(IFS=,; echo "${hosts[*]}")]
ssh: {keys_only: true, keys: [$key]}
registry: {server: $registry, username: bench, password: [REGISTRY_PASSWORD]}
env:
  clear: {GREETING: hi}
  secret: [SECRET_TOKEN]
proxy:
  host: hello.example
  healthcheck: {path: /up, interval: 1}
  run: {registry: ${proxy_image%%/*}, repository: ${proxy_rest%:*}, version: ${proxy_rest##*:}}
builder: {arch: amd64, context: .}
accessories:
  cache:
    image: $registry/bench/busybox:1.35
    host: ${hosts[2]}
    cmd: sh -c 'trap "exit 0" TERM; while true; do sleep 1; done'
    env: {clear: {MODE: fast}, secret: [CACHE_PASSWORD]}
    files: [config/cache/cache.conf:/etc/cache.conf]
    directories: [data:/data]
EOF
printf 'REGISTRY_PASSWORD=bench\nSECRET_TOKEN=bench-token\nCACHE_PASSWORD=bench-cache\n' > "$project/.kamal/secrets"
docker tag dhow-sandbox-busybox:1.35 "$registry/bench/busybox:1.35" >/dev/null
docker push -q "$registry/bench/busybox:1.35" >/dev/null
export HOME="$STATE/home"
mkdir -p "$HOME"

dhow() { (cd "$project" && "$ROOT/bin/dhow" "$@"); }
echo "preparing: setup of b1 on 3 hosts" >&2
dhow setup --version b1 -q
code=0
dhow plan --version b1 >/dev/null 2>&1 || code=$?
[[ $code == 0 ]] || { echo "plan: expected no changes right after setup (exit 0), got exit $code" >&2; exit 1; }

declare -A wall cpu
TIMEFORMAT='%3R %3U %3S'
measure() { # $1 = name, rest = dhow arguments; appends one run's wall and CPU seconds
  local name=$1 t w u s
  shift
  t=$({ time (dhow "$@" >/dev/null 2>&1 || [[ $? == 2 ]]); } 2>&1)
  read -r w u s <<<"$t"
  wall[$name]+="$w "
  cpu[$name]+="$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.3f", u + s }') "
}
median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
trips() { # round trips per host of one verbose run: the most on any host
  dhow "$@" --verbose 2>&1 >/dev/null | grep -F '  $ [' | sed 's/^  \$ \[\([^]]*\)\].*/\1/' | sort | uniq -c | awk '{ print $1 }' | sort -n | tail -n 1
}

echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for _ in $(seq 1 "$RUNS"); do
  measure plan plan --version b1
  measure details app details --version b1
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

plan=$(median "${wall[plan]}")
details=$(median "${wall[details]}")
echo "| command (3 hosts) | wall (median of $RUNS) | CPU (median) | SSH round trips per host |"
echo "|---|---:|---:|---:|"
printf '| dhow plan | %.2f s | %.2f s | %s |\n' "$plan" "$(median "${cpu[plan]}")" "$(trips plan --version b1)"
printf '| dhow app details | %.2f s | %.2f s | %s |\n' "$details" "$(median "${cpu[details]}")" "$(trips app details --version b1)"
awk -v p="$plan" -v d="$details" 'BEGIN { r = p / d; printf "\nplan / app details: %.2fx (goal < 2x: %s)\n", r, (r < 2 ? "met" : "missed") }'
