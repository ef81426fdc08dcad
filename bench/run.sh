#!/usr/bin/env bash
# Load benchmark of Kemal for Java against its peers on this machine: builds the bench server
# jars, then for each server in turn measures startup, memory and, with wrk, throughput,
# latency and server CPU per endpoint (the WebSocket echo with bench/wsload, our own load
# generator). Run `bench/run.sh --help` for the options.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "$0")" && pwd)"
ROOT_DIR="$(dirname "$BENCH_DIR")"
LIB="$BENCH_DIR/lib"
# The static endpoint's file, the same bytes for every server: PUBLIC_DIR/static/100k.txt.
PUBLIC_DIR="$BENCH_DIR/public"
STATIC_PATH="/static/100k.txt"

ALL_SERVERS="nginx,netty,netty-virtual,kemal,kemal-aot,javalin,helidon"
ALL_ENDPOINTS="plaintext,json,hello,echo,template,static,pipelined,ws"
# The WebSocket load generator (bench/wsload): its jar and its JVM flags (fixed, like wrk's build).
WSLOAD_MODULE="bench/wsload"
WSLOAD_JVM_FLAGS="-Xms64m -Xmx512m -XX:+UseSerialGC"
# The idle keep-alive connections of --idle (bench/idle): its jar, its JVM flags, and how often
# it re-uses each held connection, spread evenly: below the shortest idle timeout of the servers
# (Jetty's 30 s under javalin; Kemal's is 60 s), so none is closed during the runs, and at 10,000
# connections only 500 req/s next to wrk's load.
IDLE_MODULE="bench/idle"
IDLE_JVM_FLAGS="-Xms64m -Xmx512m -XX:+UseSerialGC"
IDLE_REFRESH=20

# ---- options ------------------------------------------------------------------------------
servers=""
endpoints="$ALL_ENDPOINTS"
duration=10
warmup=5
runs=3
connections=64
pipeline_depth=16
ws_window=1
idle=0
jvm_flags="${BENCH_JVM_FLAGS:--Xms64m -Xmx512m -XX:+UseSerialGC}"
server_cpu=0
load_cpu=1
base_port=18080
out_dir="$BENCH_DIR/results"
build=1

usage() {
  cat <<EOF
Usage: bench/run.sh [options]

Starts each bench server in turn pinned to one core, measures startup time to the first 200,
RSS, and drives every endpoint with wrk pinned to another core (the ws endpoint with
bench/wsload, which echoes 13-byte text messages over as many WebSockets, on the same core).
Each measurement is repeated and the median reported. Results: bench/results/latest.md, latest.svg, and raw CSVs in
bench/results/raw/.

Options:
  --servers LIST       servers to run, comma-separated, in order
                       (default: $ALL_SERVERS; nginx only if installed)
                       known: nginx netty netty-virtual kemal kemal-loop kemal-aot kemal-log javalin helidon
                       (kemal-aot: the kemal jar started with its AOT cache, see below)
  --endpoints LIST     endpoints to drive (default: $ALL_ENDPOINTS)
                       (template: GET /template, an HTML table from bench/templates,
                        kemal, kemal-log and javalin only;
                        static: GET $STATIC_PATH, 100 KiB from bench/public;
                        ws: WebSocket echo at /ws, counted in messages/s)
  --duration SECS      length of each measured wrk run (default: $duration)
  --warmup SECS        wrk warm-up per endpoint before its measured runs, 0 for none (default: $warmup)
  --runs N             measured runs per endpoint, and server starts for startup time (default: $runs)
  --connections N      wrk connections (default: $connections)
  --pipeline N         requests per write in the pipelined run (default: $pipeline_depth)
  --ws-window N        ws messages in flight per connection (default: $ws_window: the next
                       message goes when the echo of the previous one arrives)
  --idle N             after the plaintext runs of each Java server, hold N idle keep-alive
                       connections open (bench/idle, on the load core; each served once,
                       then re-used every ${IDLE_REFRESH}s) and run plaintext again: the plaintext-idle
                       row, and an idle table with RSS (default: off; raises ulimit -n)
  --jvm-flags "FLAGS"  JVM flags for every Java server (default: "$jvm_flags";
                       also from BENCH_JVM_FLAGS)
  --server-cpu N       core the server is pinned to (default: $server_cpu)
  --load-cpu N         core wrk and this script are pinned to (default: $load_cpu)
  --port N             first port; server i listens on N+i (default: $base_port)
  --out DIR            results folder (default: bench/results)
  --no-build           use the jars already in bench/servers/*/target
  -h, --help           this help

kemal-aot starts the kemal jar with a JDK AOT cache (an AppCDS archive before JDK 24) made by
bin/aot-train after the build, or whenever the cache is older than the jar or was made with
another java or other JVM flags; it is measured for startup and idle memory only (its
throughput is kemal's), next to kemal, which starts without the cache.

Example: bench/run.sh --servers kemal,netty --duration 5 --runs 1
EOF
}

die() { printf 'bench/run.sh: %s\n' "$*" >&2; exit 1; }
say() { printf '%s\n' "$*" >&2; }

is_count() { [[ "$1" =~ ^[0-9]+$ ]]; }

while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --no-build) build=0; shift; continue ;;
  esac
  [ $# -ge 2 ] || die "$1 needs a value (see --help)"
  case "$1" in
    --servers) servers="$2" ;;
    --endpoints) endpoints="$2" ;;
    --duration) duration="$2" ;;
    --warmup) warmup="$2" ;;
    --runs) runs="$2" ;;
    --connections) connections="$2" ;;
    --pipeline) pipeline_depth="$2" ;;
    --ws-window) ws_window="$2" ;;
    --idle) idle="$2" ;;
    --jvm-flags) jvm_flags="$2" ;;
    --server-cpu) server_cpu="$2" ;;
    --load-cpu) load_cpu="$2" ;;
    --port) base_port="$2" ;;
    --out) out_dir="$2" ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  shift 2
done

for pair in "duration:$duration" "warmup:$warmup" "runs:$runs" "connections:$connections" \
            "pipeline:$pipeline_depth" "ws-window:$ws_window" "server-cpu:$server_cpu" "load-cpu:$load_cpu" "port:$base_port"; do
  is_count "${pair#*:}" || die "--${pair%%:*} takes a whole number, not '${pair#*:}'"
done
if [ "$duration" -lt 1 ] || [ "$runs" -lt 1 ] || [ "$connections" -lt 1 ] || [ "$pipeline_depth" -lt 1 ] \
   || [ "$ws_window" -lt 1 ]; then
  die "--duration, --runs, --connections, --pipeline and --ws-window must be at least 1"
fi

is_count "$idle" || die "--idle takes a whole number, not '$idle'"

# ---- tools --------------------------------------------------------------------------------
need() { # command, how to install
  command -v "$1" >/dev/null 2>&1 || die "$1 is missing. Install it with: $2"
}
need wrk "sudo apt-get install -y wrk   (or build it from its source)"
need taskset "sudo apt-get install -y util-linux"
need curl "sudo apt-get install -y curl"
need awk "sudo apt-get install -y mawk"
need cmp "sudo apt-get install -y diffutils"

cores=$(nproc)
if [ "$server_cpu" -ge "$cores" ] || [ "$load_cpu" -ge "$cores" ]; then
  die "this machine has $cores core(s): --server-cpu and --load-cpu must be below $cores"
fi
[ "$server_cpu" -ne "$load_cpu" ] || say "warning: server and wrk share core $server_cpu; numbers will be lower"

java_major() { # major version of the java binary $1, or 0
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}
pick_java_home() { # a JDK 21+: JAVA_HOME, the java on PATH, or one under /usr/lib/jvm
  local dir candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  command -v java >/dev/null 2>&1 && candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  for dir in /usr/lib/jvm/*; do candidates+=("$dir"); done
  for dir in "${candidates[@]}"; do
    if [ -x "$dir/bin/java" ] && [ "$(java_major "$dir/bin/java")" -ge 21 ] 2>/dev/null; then
      echo "$dir"; return 0
    fi
  done
  return 1
}

# ---- servers ------------------------------------------------------------------------------
if [ -z "$servers" ]; then
  servers="$ALL_SERVERS"
  command -v nginx >/dev/null 2>&1 || { servers="${servers#nginx,}"; say "nginx not installed: skipping its row (apt-get install -y nginx-light)"; }
fi
IFS=, read -r -a server_list <<<"$servers"
IFS=, read -r -a endpoint_list <<<"$endpoints"
needs_java=0
for name in "${server_list[@]}"; do
  case "$name" in
    nginx) need nginx "sudo apt-get install -y nginx-light" ;;
    netty|netty-virtual|kemal|kemal-loop|kemal-aot|kemal-log|javalin|helidon) needs_java=1 ;;
    *) die "unknown server '$name' (see --help)" ;;
  esac
done
drives_ws=0
for endpoint in "${endpoint_list[@]}"; do
  case "$endpoint" in plaintext|json|hello|echo|template|static|pipelined) ;; ws) drives_ws=1 ;; *) die "unknown endpoint '$endpoint' (see --help)" ;; esac
done
[ -f "$PUBLIC_DIR$STATIC_PATH" ] || die "$PUBLIC_DIR$STATIC_PATH is missing (it is part of the repository)"
if [ "$idle" -gt 0 ]; then
  [[ ",$endpoints," == *",plaintext,"* ]] || die "--idle needs the plaintext endpoint: its runs without the idle connections are the baseline"
  # Each of the server and bench/idle holds a socket per connection, besides its own files.
  files_needed=$(( idle + 1024 ))
  if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$files_needed" ]; then
    ulimit -n "$files_needed" 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
    [ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge "$files_needed" ] \
      || die "--idle $idle needs $files_needed open files per process, but the hard limit is $(ulimit -Hn) (ulimit -Hn): raise it (limits.conf, or ulimit -Hn as root)"
  fi
fi

module_of() { # the Maven module (and jar name) of a server
  case "$1" in netty-virtual) echo netty ;; kemal-log|kemal-loop|kemal-aot) echo kemal ;; *) echo "$1" ;; esac
}
flags_of() { # extra flags of a server's jar
  case "$1" in netty-virtual) echo --virtual ;; kemal-log) echo --log ;; kemal-loop) echo --event-loop ;; esac
}
serves() { # whether server $1 has endpoint $2: nginx is only a ceiling for plaintext and static
  # (no ws); the templated page compares Kemal's views with Javalin's rendering only.
  case "$2" in
    template) [ "$1" = kemal ] || [ "$1" = kemal-loop ] || [ "$1" = kemal-log ] || [ "$1" = javalin ] ;;
    *) [ "$1" != nginx ] || [ "$2" = plaintext ] || [ "$2" = pipelined ] || [ "$2" = static ] ;;
  esac
}
startup_only() { # servers measured for startup and idle memory only: the same jar as another row
  [ "$1" = kemal-aot ]
}
jvm_flags_of() { # JVM flags of a server on top of --jvm-flags: the startup cache, strictly
  # (AOTMode=on, Xshare:on): a cache the JVM cannot use stops the start instead of being skipped.
  [ "$1" = kemal-aot ] || return 0
  case "$AOT_CACHE" in
    *.aot) echo "-XX:AOTCache=$AOT_CACHE -XX:AOTMode=on" ;;
    *) echo "-XX:SharedArchiveFile=$AOT_CACHE -Xshare:on" ;;
  esac
}

train_kemal_aot() { # the startup cache of kemal-aot, made again when stale
  local jar="$ROOT_DIR/bench/servers/kemal/target/kemal.jar" stamp kind_flag=()
  local major
  major=$(java_major "$JAVA")
  if [ "$major" -ge 24 ]; then AOT_CACHE="${jar%.jar}.aot"; else AOT_CACHE="${jar%.jar}.jsa"; kind_flag=(--cds); fi
  # The cache holds for one jar, one java and one set of JVM flags: a change to any trains again
  # (JDK 25 before 25.0.4 would not notice a changed jar itself: JDK-8377932).
  stamp="$JAVA $("$JAVA" -version 2>&1 | tr '\n' ' ') | $jvm_flags"
  if [ "$build" -eq 0 ] && [ -f "$AOT_CACHE" ] && [ "$AOT_CACHE" -nt "$jar" ] \
     && [ "$(cat "$AOT_CACHE.stamp" 2>/dev/null)" = "$stamp" ]; then
    say "== kemal-aot: reusing $AOT_CACHE"
    return
  fi
  say "== kemal-aot: training $AOT_CACHE (bin/aot-train)"
  rm -f "$AOT_CACHE.stamp"
  "$ROOT_DIR/bin/aot-train" --java "$JAVA" --jvm-flags "$jvm_flags" --out "$AOT_CACHE" "${kind_flag[@]}" \
    -p /plaintext -p /json -p /hello/World -p "$STATIC_PATH" "$jar" -- --public "$PUBLIC_DIR" >/dev/null \
    || die "training the AOT cache of kemal-aot failed"
  echo "$stamp" >"$AOT_CACHE.stamp"
}

if [ "$needs_java" -eq 1 ]; then
  JAVA_HOME="$(pick_java_home)" || die "no JDK 21+ found: set JAVA_HOME (e.g. /usr/lib/jvm/temurin-25-jdk-amd64)"
  export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
  JAVA="$JAVA_HOME/bin/java"
  modules=()
  for name in "${server_list[@]}"; do
    [ "$name" = nginx ] && continue
    module="bench/servers/$(module_of "$name")"
    [[ " ${modules[*]} " == *" $module "* ]] || modules+=("$module")
  done
  # The WebSocket load generator, when a Java server is to get the ws endpoint.
  [ "$drives_ws" -eq 1 ] && [ ${#modules[@]} -gt 0 ] && modules+=("$WSLOAD_MODULE")
  WSLOAD_JAR="$ROOT_DIR/$WSLOAD_MODULE/target/wsload.jar"
  [ "$idle" -gt 0 ] && [ ${#modules[@]} -gt 0 ] && modules+=("$IDLE_MODULE")
  IDLE_JAR="$ROOT_DIR/$IDLE_MODULE/target/idle.jar"
  if [ "$build" -eq 1 ]; then
    need mvn "sudo apt-get install -y maven"
    say "== building ${modules[*]} (mvn package, tests skipped; --no-build to reuse the jars)"
    (cd "$ROOT_DIR" && mvn -B -q -pl "$(IFS=,; echo "${modules[*]}")" -am package -DskipTests) >&2 \
      || die "build failed"
  fi
  for module in "${modules[@]}"; do
    jar="$ROOT_DIR/$module/target/$(basename "$module").jar"
    [ -f "$jar" ] || die "$jar is missing: run without --no-build"
  done
  if [[ ",$servers," == *,kemal-aot,* ]]; then train_kemal_aot; fi
fi

# ---- process bookkeeping: stop only what this script started ------------------------------
run_id="$(date -u +%Y%m%d-%H%M%S)"
raw_dir="$out_dir/raw"
work_dir="$raw_dir/$run_id"
mkdir -p "$work_dir"
started_pids=()

stop_server() { # pid: SIGTERM, then SIGKILL after 10 s
  local pid="$1" i
  kill "$pid" 2>/dev/null || return 0
  for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local pid
  for pid in "${started_pids[@]}"; do stop_server "$pid"; done
  started_pids=()
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- measurements -------------------------------------------------------------------------
now_us() { echo "${EPOCHREALTIME/./}"; }
clk_tck=$(getconf CLK_TCK)

rss_mb() { # VmRSS (or another /proc status field) of pid, in MB
  awk -v field="${2:-VmRSS}:" '$1 == field { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}
cpu_ticks() { # user + system CPU of the whole process, in clock ticks
  # Fields after "pid (comm) ": state is $1, so utime (14th) is $12 and stime (15th) $13.
  sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_server() { # name port log -> sets server_pid and startup_ms
  local name="$1" port="$2" log="$3" t0 deadline module extra_flags server_jvm_flags
  port_in_use "$port" && die "port $port is already in use: choose another with --port"
  t0=$(now_us)
  if [ "$name" = nginx ]; then
    write_nginx_conf "$port"
    taskset -c "$server_cpu" nginx -e stderr -p "$work_dir/nginx" -c "$work_dir/nginx/nginx.conf" >"$log" 2>&1 &
  else
    module="$(module_of "$name")"
    read -r -a extra_flags <<<"$(flags_of "$name")"
    server_jvm_flags="$jvm_flags $(jvm_flags_of "$name")"
    # shellcheck disable=SC2086 # the JVM flags are a list of words
    taskset -c "$server_cpu" "$JAVA" $server_jvm_flags -jar "$ROOT_DIR/bench/servers/$module/target/$module.jar" \
      --port "$port" --public "$PUBLIC_DIR" "${extra_flags[@]}" >"$log" 2>&1 &
  fi
  server_pid=$!
  started_pids+=("$server_pid")
  # Tight loop on purpose: the resolution of the startup time is one curl (a few ms).
  deadline=$(( t0 + 60000000 ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/plaintext")" = 200 ]; do
    kill -0 "$server_pid" 2>/dev/null || { tail -20 "$log" >&2; die "$name exited during startup (log: $log)"; }
    [ "$(now_us)" -lt "$deadline" ] || { tail -20 "$log" >&2; die "$name did not answer 200 within 60 s (log: $log)"; }
  done
  startup_ms=$(( ($(now_us) - t0) / 1000 ))
}

forget() { # pid: no longer ours to stop
  local pid kept=()
  for pid in "${started_pids[@]}"; do [ "$pid" = "$1" ] || kept+=("$pid"); done
  started_pids=("${kept[@]}")
}
stop_started() { # stops the last started server
  stop_server "$server_pid"
  forget "$server_pid"
}

write_nginx_conf() { # port: a private nginx, one process in the foreground, no logs
  mkdir -p "$work_dir/nginx/tmp"
  cat >"$work_dir/nginx/nginx.conf" <<EOF
daemon off;
master_process off;
worker_processes 1;
pid $work_dir/nginx/nginx.pid;
error_log $work_dir/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work_dir/nginx/tmp;
  proxy_temp_path $work_dir/nginx/tmp;
  fastcgi_temp_path $work_dir/nginx/tmp;
  uwsgi_temp_path $work_dir/nginx/tmp;
  scgi_temp_path $work_dir/nginx/tmp;
  # Static files as nginx is usually set up to serve them: sendfile, the type from the extension.
  sendfile on;
  types { text/plain txt; }
  server {
    listen 127.0.0.1:$1;
    location = /plaintext {
      default_type text/plain;
      charset utf-8;
      return 200 "Hello, World!";
    }
    location /static/ {
      root "$PUBLIC_DIR";
    }
  }
}
EOF
}

wrk_script() { # endpoint -> path of the wrk script (the request part plus report.lua)
  local kind script
  case "$1" in echo) kind=post ;; pipelined) kind=pipeline ;; *) kind="get" ;; esac
  script="$work_dir/wrk-$kind.lua"
  [ -f "$script" ] || cat "$LIB/wrk/$kind.lua" "$LIB/wrk/report.lua" >"$script"
  echo "$script"
}
endpoint_path() {
  case "$1" in
    plaintext|pipelined) echo /plaintext ;; json) echo /json ;; hello) echo /hello/World ;; echo) echo /echo ;;
    template) echo /template ;; static) echo "$STATIC_PATH" ;;
  esac
}

run_wrk() { # endpoint port seconds -> sets wrk_line to wrk's result line
  local args=(-t1 -c"$connections" -d"$3s" --timeout 5s -s "$(wrk_script "$1")" "http://127.0.0.1:$2$(endpoint_path "$1")")
  [ "$1" = pipelined ] && args+=(-- "$pipeline_depth")
  # In the background and waited for, so that a signal to this script stops the run at once.
  wrk "${args[@]}" >"$work_dir/wrk.out" 2>&1 &
  local pid=$!
  started_pids+=("$pid")
  local status=0
  wait "$pid" || status=$?
  forget "$pid"
  if wrk_line=$(grep '^wrk-result' "$work_dir/wrk.out"); then return; fi
  [ "$status" -ne 0 ] || { cat "$work_dir/wrk.out" >&2; die "wrk printed no result for $1 (is $LIB/wrk/report.lua intact?)"; }
  # wrk gives up without a result when no connection gets through (a server that stopped
  # accepting, e.g. out of heap): a run with nothing answered, every connection an error.
  say "   warning: wrk could not run against $1: $(head -c 200 "$work_dir/wrk.out" | tr '\n' ' ')"
  wrk_line="wrk-result requests=0 duration_us=$(( $3 * 1000000 )) p50_us=0 p99_us=0 socket_errors=$connections non2xx=0"
}
run_wsload() { # port output-file wsload-options...: bench/wsload against ws://127.0.0.1:PORT/ws
  local port="$1" out="$2"
  shift 2
  # In the background and waited for, as wrk is. On the load core, like wrk: it inherits this
  # script's pinning.
  # shellcheck disable=SC2086 # the JVM flags are a list of words
  "$JAVA" $WSLOAD_JVM_FLAGS -jar "$WSLOAD_JAR" --url "ws://127.0.0.1:$port/ws" "$@" >"$out" 2>&1 &
  local pid=$!
  started_pids+=("$pid")
  wait "$pid" || { cat "$out" >&2; die "wsload failed on ws (output: $out)"; }
  forget "$pid"
}
expected_body() {
  case "$1" in plaintext|pipelined|echo) echo "Hello, World!" ;; json) echo '{"message":"Hello, World!"}' ;; hello) echo "Hello back to World" ;; esac
}
check_answers() { # name port: refuse to measure a server that answers wrongly
  local endpoint body
  for endpoint in "${endpoint_list[@]}"; do
    serves "$1" "$endpoint" || continue
    if [ "$endpoint" = ws ]; then
      # One WebSocket for a second: wsload checks every echo against what it sent.
      run_wsload "$2" "$work_dir/ws-check.out" --connections 1 --warmup 0 --duration 1 --runs 1
      body=$(grep '^wsload-result' "$work_dir/ws-check.out") || die "$1: wsload printed no result (see $work_dir/ws-check.out)"
      [ "$(field messages "$body")" -gt 0 ] && [ "$(field mismatches "$body")" -eq 0 ] && [ "$(field errors "$body")" -eq 0 ] \
        || die "$1 does not echo WebSocket messages at /ws: $body"
      continue
    elif [ "$endpoint" = static ]; then
      # The exact bytes of the file, compared as bytes.
      curl -s --max-time 5 -o "$work_dir/static.out" "http://127.0.0.1:$2$STATIC_PATH" || true
      cmp -s "$work_dir/static.out" "$PUBLIC_DIR$STATIC_PATH" \
        || die "$1 answers static with other bytes than $PUBLIC_DIR$STATIC_PATH (saved in $work_dir/static.out)"
      continue
    elif [ "$endpoint" = template ]; then
      # A whole page: its escaped script row and its end are enough to tell it from an error page.
      body=$(curl -s --max-time 5 "http://127.0.0.1:$2/template")
      [[ "$body" == *"<td>&lt;script&gt;alert("* && "$body" == *"</table>"* ]] \
        || die "$1 answers template without the escaped <script> row of bench/templates/fortunes.jte: '${body:0:200}'"
      continue
    elif [ "$endpoint" = echo ]; then
      body=$(curl -s --max-time 5 -d 'message=Hello%2C+World%21' "http://127.0.0.1:$2/echo")
    else
      body=$(curl -s --max-time 5 "http://127.0.0.1:$2$(endpoint_path "$endpoint")")
    fi
    [ "$body" = "$(expected_body "$endpoint")" ] || die "$1 answers $endpoint with '$body', not '$(expected_body "$endpoint")'"
  done
}
field() { # name line -> the value of name=... in a wrk-result line
  local pair
  for pair in $2; do [ "${pair%%=*}" = "$1" ] && { echo "${pair#*=}"; return; }; done
  echo 0
}

runs_csv="$raw_dir/$run_id-runs.csv"
servers_csv="$raw_dir/$run_id-servers.csv"
summary_csv="$raw_dir/$run_id-summary.csv"
echo "server,endpoint,run,requests,duration_s,rps,p50_ms,p99_ms,socket_errors,non2xx,cpu_s,req_per_cpu_s,rss_mb" >"$runs_csv"
echo "server,startup_ms,rss_idle_mb,rss_after_mb,rss_peak_mb" >"$servers_csv"
idle_csv="$raw_dir/$run_id-idle.csv"
[ "$idle" -eq 0 ] || echo "server,connections,opened,held,closed,rss_before_mb,rss_held_mb,rss_after_mb" >"$idle_csv"

median() { # [printf format] < numbers separated by spaces
  tr ' ' '\n' | sort -n | awk -v fmt="${1:-%s}" \
    '{ v[NR] = $1 } END { printf fmt "\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

record_run() { # name endpoint port run [label]: one measured wrk run, appended to the runs CSV as label (default: endpoint)
  local cpu0 cpu1 requests socket_errors non2xx latency seconds rps cpu_s per_cpu
  cpu0=$(cpu_ticks "$server_pid")
  run_wrk "$2" "$3" "$duration"
  cpu1=$(cpu_ticks "$server_pid")
  kill -0 "$server_pid" 2>/dev/null || die "$1 died during the $2 run (log: $work_dir/$1.log)"
  requests=$(field requests "$wrk_line")
  socket_errors=$(field socket_errors "$wrk_line")
  non2xx=$(field non2xx "$wrk_line")
  # wrk times a pipelined batch, not a request, and its coordinated-omission correction assumes
  # one request per write (its p99 can even come out as 0): no latency for pipelined runs.
  if [ "$2" = pipelined ]; then
    latency=","
  else
    latency=$(awk -v a="$(field p50_us "$wrk_line")" -v b="$(field p99_us "$wrk_line")" 'BEGIN { printf "%.2f,%.2f", a / 1000, b / 1000 }')
  fi
  read -r seconds rps cpu_s per_cpu < <(awk -v r="$requests" -v d="$(field duration_us "$wrk_line")" \
    -v c=$(( cpu1 - cpu0 )) -v hz="$clk_tck" \
    'BEGIN { s = d / 1e6; cs = c / hz; printf "%.3f %.0f %.2f %.0f\n", s, r / s, cs, (cs > 0 ? r / cs : 0) }')
  echo "$1,${5:-$2},$4,$requests,$seconds,$rps,$latency,$socket_errors,$non2xx,$cpu_s,$per_cpu,$(rss_mb "$server_pid")" >>"$runs_csv"
  local shown="p50/p99 ${latency/,//} ms"
  [ "$latency" = "," ] && shown="latency n/a"
  say "   ${5:-$2} run $4/$runs: $rps req/s, $shown, server CPU ${cpu_s}s, errors $(( socket_errors + non2xx ))"
}

record_ws_runs() { # name port: the ws warm-up and every measured run, in one wsload process
  # One process, so its JIT is warm for every measured run, on the same open WebSockets; it
  # reads the server's CPU time itself at the edges of each run.
  local out="$work_dir/wsload-$1.out" line count=0 messages errors mismatches latency seconds rps cpu_s per_cpu
  run_wsload "$2" "$out" --connections "$connections" --window "$ws_window" --warmup "$warmup" \
    --duration "$duration" --runs "$runs" --server-pid "$server_pid"
  kill -0 "$server_pid" 2>/dev/null || die "$1 died during the ws runs (log: $work_dir/$1.log)"
  line=$(grep '^wsload: warm-up' "$out") && line="${line#wsload: warm-up }" && say "   ws warm-up: ${line//,/}"
  while read -r line; do
    count=$(( count + 1 ))
    messages=$(field messages "$line")
    errors=$(field errors "$line")
    mismatches=$(field mismatches "$line")
    latency=$(awk -v a="$(field p50_us "$line")" -v b="$(field p99_us "$line")" 'BEGIN { printf "%.2f,%.2f", a / 1000, b / 1000 }')
    read -r seconds rps cpu_s per_cpu < <(awk -v r="$messages" -v d="$(field duration_us "$line")" \
      -v c="$(field cpu_ticks "$line")" -v hz="$clk_tck" \
      'BEGIN { s = d / 1e6; cs = c / hz; printf "%.3f %.0f %.2f %.0f\n", s, r / s, cs, (cs > 0 ? r / cs : 0) }')
    echo "$1,ws,$count,$messages,$seconds,$rps,$latency,$errors,$mismatches,$cpu_s,$per_cpu," >>"$runs_csv"
    say "   ws run $count/$runs: $rps msg/s, p50/p99 ${latency/,//} ms, server CPU ${cpu_s}s, errors $(( errors + mismatches ))"
  done < <(grep '^wsload-result' "$out")
  [ "$count" -eq "$runs" ] || { cat "$out" >&2; die "wsload reported $count of $runs ws runs for $1"; }
}

record_idle_runs() { # name port: plaintext again, with $idle idle keep-alive connections held open
  local out="$work_dir/idle-$1.out" pid line opened rss_before rss_held rss_after deadline run
  rss_before=$(rss_mb "$server_pid")
  # On the load core, like wrk: it inherits this script's pinning. Until stopped: SIGTERM makes it
  # print its idle-result line.
  # shellcheck disable=SC2086 # the JVM flags are a list of words
  "$JAVA" $IDLE_JVM_FLAGS -jar "$IDLE_JAR" --url "http://127.0.0.1:$2/plaintext" --connections "$idle" \
    --refresh "$IDLE_REFRESH" --report 10 >"$out" 2>&1 &
  pid=$!
  started_pids+=("$pid")
  deadline=$(( $(now_us) + 300000000 ))
  until line=$(grep '^idle-ready' "$out"); do
    kill -0 "$pid" 2>/dev/null || { cat "$out" >&2; die "bench/idle ended before its connections were open (output: $out)"; }
    [ "$(now_us)" -lt "$deadline" ] || die "bench/idle did not open its connections within 300 s (output: $out)"
    sleep 0.2
  done
  kill -0 "$server_pid" 2>/dev/null || die "$1 died while $idle connections were opened (log: $work_dir/$1.log)"
  opened=$(field open "$line")
  [ "$opened" -eq "$idle" ] || say "   warning: only $opened of $idle idle connections opened: $(grep -m1 '^idle: .* failed' "$out" || true)"
  sleep 2 # let the work of opening them end (opening 10,000 connections leaves garbage and JIT work behind) before reading the footprint
  rss_held=$(rss_mb "$server_pid")
  say "   $opened of $idle idle connections open in $(field seconds "$line")s; server RSS $rss_before -> $rss_held MB"
  if [ "$warmup" -gt 0 ]; then
    run_wrk plaintext "$2" "$warmup"
    say "   plaintext-idle warm-up: $(( $(field requests "$wrk_line") / warmup )) req/s"
  fi
  for run in $(seq 1 "$runs"); do record_run "$1" plaintext "$2" "$run" plaintext-idle; done
  rss_after=$(rss_mb "$server_pid")
  stop_server "$pid"
  forget "$pid"
  line=$(grep '^idle-result' "$out") || { cat "$out" >&2; die "bench/idle printed no result (output: $out)"; }
  echo "$1,$idle,$opened,$(field open "$line"),$(field closed "$line"),$rss_before,$rss_held,$rss_after" >>"$idle_csv"
  say "   idle connections still open after the runs: $(field open "$line") of $idle (closed by $1: $(field closed "$line"))"
}

bench_server() { # name index
  local name="$1" port=$(( base_port + $2 )) log="$work_dir/$1.log" i startups=() idles=()
  # Startup and idle memory: one sample per start; the last start stays up for the load runs.
  for i in $(seq 1 "$runs"); do
    [ "$i" -gt 1 ] && stop_started
    start_server "$name" "$port" "$log"
    sleep 1 # let startup work finish before reading the idle footprint
    startups+=("$startup_ms")
    idles+=("$(rss_mb "$server_pid")")
  done
  check_answers "$name" "$port"
  local startup_median idle_median
  startup_median=$(echo "${startups[*]}" | median %.0f)
  idle_median=$(echo "${idles[*]}" | median %.1f)
  say "== $name: startup ${startups[*]} ms (median $startup_median), idle RSS median $idle_median MB, pid $server_pid on core $server_cpu"

  if startup_only "$name"; then
    echo "$name,$startup_median,$idle_median,," >>"$servers_csv"
    stop_started
    return
  fi

  local endpoint run
  for endpoint in "${endpoint_list[@]}"; do
    serves "$name" "$endpoint" || continue
    if [ "$endpoint" = ws ]; then
      record_ws_runs "$name" "$port"
      continue
    fi
    if [ "$warmup" -gt 0 ]; then
      run_wrk "$endpoint" "$port" "$warmup"
      say "   $endpoint warm-up: $(( $(field requests "$wrk_line") / warmup )) req/s"
    fi
    for run in $(seq 1 "$runs"); do record_run "$name" "$endpoint" "$port" "$run"; done
  done
  echo "$name,$startup_median,$idle_median,$(rss_mb "$server_pid"),$(rss_mb "$server_pid" VmHWM)" >>"$servers_csv"
  # After the RSS above, which stays that of the plain runs. nginx is set up for 1024 connections:
  # the idle check is for the Java servers.
  if [ "$idle" -gt 0 ] && [ "$name" != nginx ]; then record_idle_runs "$name" "$port"; fi
  stop_started
}

# From here on the script and everything it starts (curl, wrk) stay on the load core; servers
# are pinned explicitly to theirs. (After the build, which may use every core.)
taskset -cp "$load_cpu" $$ >/dev/null

say "== run $run_id: servers ${server_list[*]}; endpoints ${endpoint_list[*]}; ${duration}s x $runs runs after ${warmup}s warm-up; $connections connections"
say "   server on core $server_cpu, wrk on core $load_cpu; JVM flags: $jvm_flags"
index=0
for name in "${server_list[@]}"; do
  bench_server "$name" "$index"
  index=$(( index + 1 ))
done

# ---- report -------------------------------------------------------------------------------
awk -f "$LIB/summarise.awk" "$runs_csv" >"$summary_csv"

cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
java_version=$([ "$needs_java" -eq 1 ] && "$JAVA" -version 2>&1 | head -1 || echo "n/a")
commit=$(git -C "$ROOT_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)
{
  echo "# Benchmark run $run_id"
  echo
  echo "- commit $commit; $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- machine: $cpu_model, $cores cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), Linux $(uname -r)"
  echo "- java: $java_version; JVM flags: \`$jvm_flags\`"
  echo "- $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), 1 thread, $connections connections, ${duration}s per run after ${warmup}s warm-up; pipelined depth $pipeline_depth"
  [ "$drives_ws" -eq 1 ] && echo "- ws: bench/wsload (Netty, one event loop) on core $load_cpu, $connections WebSockets, $ws_window message(s) in flight on each, 13-byte text messages; for ws, req/s means echoed messages/s and the latency is the plain round trip"
  echo "- server pinned to core $server_cpu, wrk to core $load_cpu; medians of $runs runs (startup: of $runs starts)"
  echo
  awk -f "$LIB/table.awk" "$summary_csv" "$servers_csv"
  echo
  echo "req/CPU-s: requests per second of server CPU (user + system). Raw runs: \`raw/$run_id-runs.csv\`."
  echo
  echo "## Memory across repeated load"
  echo
  echo "RSS right after each measured run of the same endpoint (after its warm-up): a leak grows run after run."
  echo
  awk -f "$LIB/memory.awk" "$runs_csv"
  if [ "$idle" -gt 0 ]; then
    echo
    echo "## Plaintext with $idle idle keep-alive connections"
    echo
    echo "bench/idle (one event loop, on core $load_cpu) opens $idle keep-alive connections, has each answer one GET /plaintext, and holds them while plaintext runs again (the plaintext-idle row), re-using each every ${IDLE_REFRESH}s so no idle timeout closes them. RSS before: after the plain runs; with idle: once they are all open."
    echo
    awk -f "$LIB/idle.awk" "$summary_csv" "$idle_csv"
  fi
} >"$raw_dir/$run_id.md"
cp "$raw_dir/$run_id.md" "$out_dir/latest.md"
runs_label=$([ "$runs" -eq 1 ] && echo "1 run" || echo "median of $runs runs")
awk -v title="Requests per second, higher is better ($runs_label)" -v order="$endpoints" \
    -v subtitle="$cpu_model; server on 1 core, wrk on another; ${duration}s runs, $connections connections; $run_id" \
    -f "$LIB/chart.awk" "$summary_csv" >"$raw_dir/$run_id.svg"
cp "$raw_dir/$run_id.svg" "$out_dir/latest.svg"

echo
awk -f "$LIB/table.awk" "$summary_csv" "$servers_csv"
echo
awk -f "$LIB/memory.awk" "$runs_csv"
echo
if [ "$idle" -gt 0 ]; then
  awk -f "$LIB/idle.awk" "$summary_csv" "$idle_csv"
  echo
fi
say "Results: $out_dir/latest.md, $out_dir/latest.svg; raw: $raw_dir/$run_id-*.csv, server logs in $work_dir/"
