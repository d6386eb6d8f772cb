#!/usr/bin/env bash
# Fan-out benchmark: `dhow server exec` against 1, 10 and 50 real OpenSSH sshd hosts on loopback addresses.
# Prints the median wall time of RUNS runs per fleet size and the number of failed connections.
# Needs: root, openssh-server + openssh-client (apt-get install -y openssh-server), Java 17, Maven.
# Usage: bench/ssh-fanout.sh [RUNS]   (default 5; sizes via SIZES="1 10 50")
#
# On a real fleet (hosts that do not share this machine's cores): HOSTS="h1 h2 ..." bench/ssh-fanout.sh [RUNS],
# with SSH_USER (default root), PORT (default 22) and SSH_KEY (default: your agent and ~/.ssh keys). Your
# known_hosts is used (unknown hosts are added, as dhow's first contact does); the audit log the runs write on
# the hosts (~/.kamal/bench-audit.log) is removed at the end. Sizes larger than the list are skipped.
set -euo pipefail
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
runs=${1:-5}
sizes=${SIZES:-"1 10 50"}
remote=(${HOSTS:-})
if [ ${#remote[@]} -gt 0 ]; then
  port=${PORT:-22}
  kept=""
  for n in $sizes; do [ "$n" -le ${#remote[@]} ] && kept="$kept $n"; done
  sizes=$kept
  [ -n "$sizes" ] || { echo "bench: HOSTS has ${#remote[@]} hosts, fewer than any of the sizes" >&2; exit 2; }
else
  port=${PORT:-2299}
fi
max=$(printf '%s\n' $sizes | sort -n | tail -1)

if [ ${#remote[@]} -eq 0 ]; then
  [ -x /usr/sbin/sshd ] || { echo "bench: /usr/sbin/sshd missing (apt-get install -y openssh-server)" >&2; exit 2; }
  [ "$(id -u)" = 0 ] || { echo "bench: run as root (sshd must switch users)" >&2; exit 2; }
fi

work=$(mktemp -d /tmp/dhow-bench.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ ${#remote[@]} -gt 0 ] && [ -d "$work/p$max" ]; then
    (cd "$work/p$max" && "$root/bin/dhow" server exec -q 'rm -f .kamal/bench-audit.log' >/dev/null 2>&1) || true
  fi
  rm -rf "$work"
  [ ${#remote[@]} -eq 0 ] || return 0
  # Every "host" is this machine's root: server exec appended Kamal's audit lines to one shared log here.
  rm -f "$root_home/.kamal/bench-audit.log"
  [ -n "$kamal_dir_existed" ] || rmdir "$root_home/.kamal" 2>/dev/null || true
}
root_home=$(getent passwd root | cut -d: -f6)
kamal_dir_existed=$([ -d "$root_home/.kamal" ] && echo yes || true)
trap cleanup EXIT

addr() { if [ ${#remote[@]} -gt 0 ]; then echo "${remote[$(($1 - 1))]}"; else echo "127.0.1.$1"; fi; }
if [ ${#remote[@]} -eq 0 ]; then
mkdir -p "$work/home/.ssh" /run/sshd
ssh-keygen -q -t ed25519 -N '' -f "$work/home/.ssh/id_ed25519"
# The host keys a fresh Debian openssh-server generates, so the host key algorithm is negotiated as on a real server.
for t in rsa ecdsa ed25519; do ssh-keygen -q -t "$t" -N '' -f "$work/host_$t"; done
cp "$work/home/.ssh/id_ed25519.pub" "$work/authorized_keys"

for i in $(seq 1 "$max"); do
  cat > "$work/sshd_$i.conf" <<CONF
ListenAddress $(addr "$i"):$port
HostKey $work/host_rsa
HostKey $work/host_ecdsa
HostKey $work/host_ed25519
PidFile $work/sshd_$i.pid
AuthorizedKeysFile $work/authorized_keys
StrictModes no
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
LogLevel ERROR
PrintMotd no
# bash sources ~/.bashrc for commands run over ssh unless SHLVL says it is nested; a heavy root .bashrc (pyenv
# init on the machine these figures came from costs ~0.5 s of CPU per login) would otherwise be what we measure.
SetEnv SHLVL=2
CONF
  # -r (no re-exec per connection): here all the "hosts" share this machine's cores with dhow, while on a real
  # fleet every host pays for its own sshd; keeping sshd's per-login work small keeps the figures about dhow.
  /usr/sbin/sshd -D -e -r -f "$work/sshd_$i.conf" 2>>"$work/sshd.log" &
  pids+=($!)
done
for i in $(seq 1 "$max"); do
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/$(addr "$i")/$port") 2>/dev/null && break
    sleep 0.05
  done
done
fi
# The local sshds log in with the key made above, from a home of their own; a real fleet uses yours.
bench_home=$([ ${#remote[@]} -gt 0 ] && echo "$HOME" || echo "$work/home")
bench_agent=$([ ${#remote[@]} -gt 0 ] && echo "${SSH_AUTH_SOCK:-}" || true)
ssh_extra=", config: false"
[ ${#remote[@]} -eq 0 ] || ssh_extra=", user: ${SSH_USER:-root}${SSH_KEY:+, keys: [$SSH_KEY]}"

# Build once, outside the timings.
"$root/bin/dhow" version >/dev/null

# CPU seconds (user+sys) of this shell's waited-for children, and of the sshd listeners' finished children
# (each login's forked sshd processes and shell), from /proc; ticks are 1/100 s.
ticks() { awk '{print $16 + $17}' "/proc/$$/stat"; }
sshd_ticks() { local s=0 p; for p in "${pids[@]}"; do s=$(( s + $(awk '{print $16 + $17}' "/proc/$p/stat") )); done; echo "$s"; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

for n in $sizes; do
  mkdir -p "$work/p$n/config"
  {
    echo "service: bench"
    echo "image: bench/app"
    echo "registry: {username: bench, password: [KAMAL_REGISTRY_PASSWORD]}"
    echo "builder: {arch: amd64}"
    echo "servers:"
    for i in $(seq 1 "$n"); do echo "  - $(addr "$i")"; done
    echo "ssh: {port: $port$ssh_extra}"
  } > "$work/p$n/config/deploy.yml"
  # A warm-up run records the hosts in known_hosts (accept-new), as a first deploy would.
  (cd "$work/p$n" && HOME="$bench_home" SSH_AUTH_SOCK="$bench_agent" "$root/bin/dhow" server exec -q true >/dev/null 2>&1) || true
done

# Sizes are interleaved run by run, so a change in machine load hits every size alike.
declare -A times failures client_cpu sshd_cpu
for n in $sizes; do times[$n]=""; failures[$n]=0; client_cpu[$n]=""; sshd_cpu[$n]=""; done
for _ in $(seq 1 "$runs"); do
  for n in $sizes; do
    c0=$(ticks); s0=$(sshd_ticks)
    start=$(date +%s.%N)
    out=$(cd "$work/p$n" && HOME="$bench_home" SSH_AUTH_SOCK="$bench_agent" "$root/bin/dhow" server exec hostname 2>&1) || true
    end=$(date +%s.%N)
    # Give the sshds a moment to reap their session processes so this run's logins are counted here.
    sleep 0.2
    client_cpu[$n]="${client_cpu[$n]} $(( $(ticks) - c0 ))"; sshd_cpu[$n]="${sshd_cpu[$n]} $(( $(sshd_ticks) - s0 ))"
    ok=$(printf '%s\n' "$out" | grep -c '^App Host: ' || true)
    failures[$n]=$(( ${failures[$n]} + n - ok ))
    times[$n]="${times[$n]} $(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}')"
  done
done

printf '%-6s %-9s %-7s %-14s %-13s %-44s %s\n' hosts median_s ratio dhow_cpu_s sshd_cpu_s "runs_s" failed_hosts
base=""
for n in $sizes; do
  med=$(printf '%s\n' ${times[$n]} | median)
  [ -n "$base" ] || base=$med
  ccpu=$(printf '%s\n' ${client_cpu[$n]} | median); scpu=$(printf '%s\n' ${sshd_cpu[$n]} | median)
  printf '%-6s %-9.2f %-7s %-14.2f %-13.2f %-44s %s\n' "$n" "$med" "$(awk -v a="$med" -v b="$base" 'BEGIN {printf "%.2fx", a / b}')" \
    "$(awk -v t="$ccpu" 'BEGIN {print t / 100}')" "$(awk -v t="$scpu" 'BEGIN {print t / 100}')" "$(echo ${times[$n]} | tr ' ' ',')" "${failures[$n]}"
done
if [ ${#remote[@]} -gt 0 ]; then
  echo "dhow_cpu_s: median CPU time of the dhow process; sshd_cpu_s is not measured on remote hosts (shown as 0)"
else
  echo "dhow_cpu_s / sshd_cpu_s: median CPU time of the dhow process, and of the sshds serving that run (all on this machine)"
fi
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
