#!/usr/bin/env bash
# Benchmark: start-up of `dhow version` and `dhow config`, each the whole process (launcher, JVM, dhow) as a user
# runs it, against a bare start of the same JVM (`java -version`, same flags, no dhow). Runs the three in turn
# (bare, version, config, bare, ...) so that drift in the machine's speed hits all alike, and prints the median
# wall and CPU time of each, its ratio to the bare JVM, and whether the goals (version <= 0.10 s, config <= 0.15 s)
# are met.
#
#   bench/startup.sh [RUNS]        (default 21 runs of each)
#   DHOW=~/.local/bin/dhow bench/startup.sh    measures an installed release instead of bin/dhow
#
# `dhow config` runs in a temporary project: two roles, an accessory, clear and secret env, a git repository with
# one commit (dhow asks git for the version, as Kamal does). Needs bash 5; nothing else beyond what dhow needs.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-21}
DHOW=${DHOW:-$ROOT/bin/dhow}

project=$(mktemp -d)
trap 'rm -rf "$project"' EXIT
mkdir -p "$project/config" "$project/.kamal"
cat > "$project/config/deploy.yml" <<'EOF'
service: bench
image: acme/bench
servers:
  web: [10.0.0.1, 10.0.0.2]
  jobs:
    hosts: [10.0.0.3]
    cmd: bin/jobs
registry:
  server: registry.example.com
  username: bench
  password: [KAMAL_REGISTRY_PASSWORD]
env:
  clear: {RAILS_ENV: production}
  secret: [DATABASE_PASSWORD]
proxy:
  host: bench.example.com
  healthcheck: {path: /up}
builder: {arch: amd64}
accessories:
  db:
    image: postgres:16
    host: 10.0.0.4
    port: 5432
    env:
      secret: [DATABASE_PASSWORD]
EOF
printf 'KAMAL_REGISTRY_PASSWORD=bench\nDATABASE_PASSWORD=bench\n' > "$project/.kamal/secrets"
if command -v git >/dev/null; then
  git -C "$project" init -q
  git -C "$project" add -A
  git -C "$project" -c user.name=bench -c user.email=bench@example.com commit -q -m bench
else
  export VERSION=bench # no git: dhow takes the version from the environment, as Kamal does
fi

# First run builds and trains when needed; then ask the launcher which JVM it runs (java -version exits before dhow).
(cd "$project" && "$DHOW" version >/dev/null)
java_home=$(cd "$project" && DHOW_JAVA_OPTS="-XshowSettings:properties -version" "$DHOW" 2>&1 | sed -n 's/^ *java\.home = //p')
java=$java_home/bin/java
[[ -x $java ]] || { echo "startup: cannot tell which java $DHOW runs" >&2; exit 1; }

declare -A wall cpu
TIMEFORMAT='%3R %3U %3S'
measure() { # $1 = name, rest = command; appends one run's wall and CPU seconds
  local name=$1 t w u s
  shift
  t=$({ time (cd "$project" && "$@" >/dev/null 2>&1); } 2>&1)
  read -r w u s <<<"$t"
  wall[$name]+="$w "
  cpu[$name]+="$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.3f", u + s }') "
}
median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "dhow: $DHOW on $("$java" -version 2>&1 | head -n 1)" >&2
for _ in $(seq 1 "$RUNS"); do
  measure bare "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:disable -version
  measure version "$DHOW" version
  measure config "$DHOW" config
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

bare=$(median "${wall[bare]}")
echo "| command | wall (median of $RUNS) | vs bare JVM | CPU (median) | goal |"
echo "|---|---:|---:|---:|---|"
row() { # $1 = name, $2 = label, $3 = goal in seconds or empty
  local w c verdict=""
  w=$(median "${wall[$1]}")
  c=$(median "${cpu[$1]}")
  if [[ -n $3 ]]; then
    verdict=$(awk -v w="$w" -v g="$3" 'BEGIN { printf (w <= g ? "<= %s s: met" : "<= %s s: missed by %.0f%%"), g, (w / g - 1) * 100 }')
  fi
  awk -v l="$2" -v w="$w" -v b="$bare" -v c="$c" -v v="$verdict" 'BEGIN { printf "| %s | %.3f s | %.2fx | %.3f s | %s |\n", l, w, w / b, c, v }'
}
row bare "bare JVM (java -version)" ""
row version "dhow version" 0.10
row config "dhow config" 0.15
