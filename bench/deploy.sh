#!/usr/bin/env bash
# Benchmark: dhow's everyday commands on 1 and 3 sandbox hosts, against the physical floor and against Kamal.
#
#   bench/deploy.sh [RUNS]     (default 5 rounds; keeps nothing afterwards; needs Docker, as scripts/sandbox does)
#
# Each round runs, in this order, every command the issue measures (whole process: launcher, JVM, SSH, the work on
# the hosts), so that drift in the machine's speed hits all alike:
#   floor        one `ssh host '<docker run the app> && <wait for its first 200 from /up>'`: what any tool must pay
#   deploy 1     `dhow deploy --skip-push` of a version not running yet, to 1 host (its round trips counted)
#   deploy 3     the same to 3 hosts (round trips per host counted from --verbose: one per command or upload)
#   app boot 3   `dhow app boot` of the version running (Kamal's reboot: the running container is moved aside)
#   rollback 3   `dhow rollback` to the version before
#   details 3    `dhow app details`
#   exec 3       `dhow server exec true`
# and prints medians with their ratio to the floor and to Kamal 2.12 (Kamal cannot run here, so its figures are the
# ones measured side by side with it on this project's sandbox, quoted in issue 16 and the README, not re-measured),
# then where one more 1-host deploy spends its time, command by command (from its --json events).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-5}
export DHOW_SANDBOX_NAME=${DHOW_SANDBOX_NAME:-dhow-sandbox-bench}
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
ssh_host() { ssh -q -i "$key" -o IdentitiesOnly=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "root@$1" "$2"; }

# One version per deploy, so every deploy boots a version no host runs yet (as a real deploy does).
versions=$((2 * RUNS + 2))
echo "preparing: setup on 3 hosts with b0, push b1..b$versions (same image, new tags)" >&2
dhow setup -c config/bench-3.yml --version b0 -q
image=$registry/hello
docker tag "$image:b0" "$image:floor" && docker push -q "$image:floor" >/dev/null
for v in $(seq 1 "$versions"); do docker tag "$image:b0" "$image:b$v" && docker push -q "$image:b$v" >/dev/null; done
ssh_host "${hosts[0]}" "docker pull -q $image:floor >/dev/null"

declare -A wall
trips_1=() trips_3=()
TIMEFORMAT='%3R'
timed() { # $1 = measure name, rest = command; appends its wall time
  local name=$1 t
  shift
  t=$({ time "$@" >/dev/null 2>"$project/last.log"; } 2>&1) || { echo "bench: '$name' failed:" >&2; cat "$project/last.log" >&2; exit 1; }
  wall[$name]+="$t "
}
trips() { # $1 = host count; round trips per host in last.log, as "a/b/c"
  for h in "${hosts[@]:0:$1}"; do grep -cF "\$ [$h] " "$project/last.log" || true; done | paste -sd/ -
}
floor() {
  ssh_host "${hosts[0]}" "cid=\$(docker run -d --name bench-floor --label service=bench-floor --network kamal $image:floor) && ip=\$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' \$cid) \
    && until (exec 3<>/dev/tcp/\$ip/80 && printf 'GET /up HTTP/1.0\r\n\r\n' >&3 && head -n 1 <&3 | grep -q ' 200') 2>/dev/null; do sleep 0.01; done"
}

v=0
for run in $(seq 1 "$RUNS"); do
  echo "round $run of $RUNS" >&2
  timed floor floor
  ssh_host "${hosts[0]}" "docker rm -f bench-floor >/dev/null"
  v=$((v + 1)); timed deploy1 dhow deploy --skip-push -c config/bench-1.yml --version "b$v" --verbose
  trips_1+=("$(trips 1)")
  v=$((v + 1)); timed deploy3 dhow deploy --skip-push -c config/bench-3.yml --version "b$v" --verbose
  trips_3+=("$(trips 3)")
  timed boot3 dhow app boot -c config/bench-3.yml --version "b$v"
  timed rollback3 dhow rollback -c config/bench-3.yml
  timed details3 dhow app details -c config/bench-3.yml
  timed exec3 dhow server exec -c config/bench-3.yml true
done

median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
floor_s=$(median "${wall[floor]}")

echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| command | dhow (median of $RUNS) | Kamal 2.12 | dhow / Kamal | goal | dhow / floor |"
echo "|---|---:|---:|---:|---|---:|"
row() { # $1 = label, $2 = measure, $3 = Kamal seconds, $4 = goal ratio
  local m r
  m=$(median "${wall[$2]}")
  r=$(ratio "$m" "$3")
  printf '| %s | %.2f s | %.2f s | %s | <= %s: %s | %s |\n' "$1" "$m" "$3" "$r" "$4" \
    "$(awk -v r="$r" -v g="$4" 'BEGIN { print (r <= g) ? "met" : "missed" }')" "$(ratio "$m" "$floor_s")"
}
printf '| floor: docker run + first 200 over one SSH call | %.2f s | | | | 1.00 |\n' "$floor_s"
row "deploy --skip-push, 1 host" deploy1 3.19 0.5
row "deploy --skip-push, 3 hosts" deploy3 3.60 0.5
row "app boot, 3 hosts" boot3 2.13 0.5
row "rollback, 3 hosts" rollback3 2.21 0.5
row "app details, 3 hosts" details3 0.49 0.6
row "server exec true, 3 hosts" exec3 0.57 0.6
echo
d1=$(median "${wall[deploy1]}")
echo "deploy --skip-push on 1 host: $(ratio "$d1" "$floor_s")x the floor (goal <= 2x)"
echo "SSH round trips per host in a deploy (goal <= 12): 1 host: ${trips_1[*]}; 3 hosts: ${trips_3[*]}"

# Where one more 1-host deploy spends its time: each command's start, from the --json events, and the time until the
# next event (the command's own time, plus dhow's work between the two).
v=$((v + 1))
(cd "$project" && "$ROOT/bin/dhow" deploy --skip-push -c config/bench-1.yml --version "b$v" --json 2>/dev/null) > "$project/events.json"
echo
echo "one deploy to 1 host, command by command (seconds from the start, seconds until the next event):"
awk -F'"' '
  function secs(ts,   t) { t = substr(ts, 12); sub(/Z$/, "", t); split(t, p, ":"); return p[1] * 3600 + p[2] * 60 + p[3] }
  /"type":"(command|run_finished)"/ {
    at = secs($6)
    if (n++) printf "%6.2f %5.2f  %s\n", last - first, at - last, substr(what, 1, 90)
    else first = at
    last = at
    what = ""
    if (match($0, /"host":"[^"]*","command":"([^"\\]|\\.)*"/)) {
      what = substr($0, RSTART, RLENGTH)
      sub(/^"host":"[^"]*","command":"/, "", what); sub(/"$/, "", what); gsub(/\\"/, "\"", what); gsub(/\\n/, "", what)
      sub(/^mkdir -p \.kamal && echo "\[[^]]*\] \[[^]]*\] /, "(audit line) ", what)
    }
  }' "$project/events.json"
