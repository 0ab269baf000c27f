#!/usr/bin/env bash
# The local stack of the video studio: one script to install, start, demo, test and stop it.
#   setup            install what is missing (apt, npm, dotnet restore); idempotent, no prompts
#   up | down        start / stop the emulators, the function app (:7071) and the render worker (up twice starts
#                    nothing twice; down ends every process it started, with its children)
#   emulators [scratch] start only Azurite and cosmosdb-server (down stops them); scratch: Azurite keeps nothing on disk
#   demo [SCRIPT]    setup + up, submit a script, follow it, download the MP4 (its path is the last line), stops what it started
#   test             setup + emulators + bicep + dotnet test Serverless.sln + stops what it started; exits with the tests' code
#   bench NAME [ARGS] run a benchmark (durable, render, clips, api, ui, import, batch); writes artifacts/bench/NAME.json
#   bicep            build and lint the Bicep templates
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LOCAL="$ROOT/.local"
RUN="$LOCAL/run"
LOGS="$LOCAL/logs"
NODE_BIN="$ROOT/infra/local/node_modules/.bin"
CONFIGURATION=${CONFIGURATION:-Release}
APP_URL=${SERVERLESS_URL:-http://127.0.0.1:7071}
APT_PACKAGES=(ffmpeg espeak-ng fonts-noto-cjk sox festival festvox-us-slt-hts pocketsphinx pocketsphinx-en-us chromium)

say() { printf '[dev] %s\n' "$*" >&2; }
die() { printf '[dev] error: %s\n' "$*" >&2; exit 1; }

# ---------- setup ----------
setup_apt() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]} (apt)"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

setup_npm() {
  local stamp="$ROOT/infra/local/node_modules/.installed-lock"
  if ! { [ -f "$stamp" ] && cmp -s "$stamp" "$ROOT/infra/local/package-lock.json"; }; then
    say "installing Azurite, cosmosdb-server and model packages (npm ci)"
    (cd "$ROOT/infra/local" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    cp "$ROOT/infra/local/package-lock.json" "$stamp"
  fi
  for patch in "$ROOT"/infra/local/patches/*.js; do node "$patch"; done
}

setup_models() {
  # Models the worker loads by name; copied out of the npm packages, never committed.
  local dest="$LOCAL/models"
  mkdir -p "$dest"
  local vad="$ROOT/infra/local/node_modules/@ricky0123/vad-web/dist/silero_vad_v5.onnx"
  [ -f "$vad" ] && cp -u "$vad" "$dest/"
  return 0
}

setup_dotnet() {
  say "restoring and building ($CONFIGURATION)"
  dotnet build "$ROOT/Serverless.sln" -c "$CONFIGURATION" -nologo -v quiet -clp:ErrorsOnly >&2
}

setup_music() {
  # A synthesized ambient pad (no download, no licence question) so the local catalog has music to duck under speech.
  local track="$LOCAL/catalog/bgm/calm/evening-pad.m4a"
  [ -f "$track" ] && return 0
  mkdir -p "$(dirname "$track")"
  say "synthesizing the local catalog's background music"
  ffmpeg -nostdin -v error -y \
    -f lavfi -i "sine=f=220:d=24" -f lavfi -i "sine=f=277.18:d=24" -f lavfi -i "sine=f=329.63:d=24" \
    -f lavfi -i "anoisesrc=c=pink:a=0.03:d=24" \
    -filter_complex "[0][1][2][3]amix=inputs=4,tremolo=f=0.25:d=0.6,lowpass=f=1500,volume=0.8" \
    -c:a aac -b:a 96k "$track"
}

setup_sfx() {
  # Two synthesized effects (seeded noise and sines: the same bytes on every machine) for [SFX: ...] cues.
  local knock="$LOCAL/catalog/sfx/door/door-knock.wav" chime="$LOCAL/catalog/sfx/bell/soft-chime.wav"
  mkdir -p "$(dirname "$knock")" "$(dirname "$chime")"
  if [ ! -f "$knock" ]; then
    say "synthesizing the local catalog's door knock"
    # Three knocks: low band-passed noise under a fast-decaying envelope every 0.28 s.
    ffmpeg -nostdin -v error -y \
      -f lavfi -i "anoisesrc=c=brown:a=1:d=1.2:r=48000:s=17" \
      -f lavfi -i "aevalsrc=exp(-45*mod(t\,0.28))*lt(t\,0.84):s=48000:d=1.2" \
      -filter_complex "[0]bandpass=f=170:w=220[n];[n][1]amultiply,volume=60,alimiter=limit=0.8:level=false" \
      -ac 1 "$knock"
  fi
  if [ ! -f "$chime" ]; then
    say "synthesizing the local catalog's soft chime"
    # An E6 bell: three partials, the higher ones dying away faster.
    ffmpeg -nostdin -v error -y -f lavfi \
      -i "aevalsrc=0.35*exp(-3*t)*sin(2*PI*1318.5*t)+0.2*exp(-4.5*t)*sin(2*PI*1975.5*t)+0.1*exp(-7*t)*sin(2*PI*2637*t):s=48000:d=2.5" \
      -af "afade=t=in:d=0.005" -ac 1 "$chime"
  fi
}

cmd_setup() { setup_apt; setup_npm; setup_models; setup_music; setup_sfx; setup_dotnet; }

# ---------- processes ----------
mkdir -p "$RUN" "$LOGS"

answers() { curl -sk -o /dev/null --max-time 2 "$1"; }

wait_for() { # url seconds what
  local i
  for ((i = 0; i < $2 * 5; i++)); do answers "$1" && return 0; sleep 0.2; done
  die "$3 did not answer at $1 within $2 s (logs: $LOGS)"
}

running() { # name: the pid in .local/run/NAME.pid, when that process is alive
  local pidfile="$RUN/$1.pid" pid
  [ -f "$pidfile" ] || return 1
  pid=$(cat "$pidfile")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

start() { # name url command...
  # A live pid file means ours is running (the worker has no URL to ask): starting again would orphan it.
  # A pid file whose process died is stale: what is left of its group is stopped, and the process started again.
  local name=$1 url=$2 pid; shift 2
  if pid=$(running "$name"); then say "$name already running (pid $pid)"; return 0; fi
  stop "$name"
  if [ -n "$url" ] && answers "$url"; then say "$name already answers at $url (not started by us, left alone)"; return 0; fi
  say "starting $name"
  # setsid: the process leads its own process group, so stop ends it with every child (ffmpeg, node workers).
  setsid "$@" >"$LOGS/$name.log" 2>&1 < /dev/null &
  echo $! >"$RUN/$name.pid"
  STARTED+=("$name")
}

stop() { # name: ends the process group started for NAME, children included, even when its leader already died
  local pidfile="$RUN/$1.pid"
  [ -f "$pidfile" ] || return 0
  local pid; pid=$(cat "$pidfile")
  if [ -n "$pid" ] && kill -0 -- "-$pid" 2>/dev/null; then
    say "stopping $1 (process group $pid)"
    kill -TERM -- "-$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

secrets() {
  # Per-checkout secrets for the local stack, generated once, never committed (.local is ignored).
  local file="$LOCAL/secrets.env"
  if [ ! -f "$file" ]; then
    umask 077
    echo "SERVERLESS_API_KEY=sk_local_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$file"
  fi
  # Checkouts whose secrets predate access tokens get their signing key added.
  grep -q '^JWT_SIGNING_KEY=' "$file" || echo "JWT_SIGNING_KEY=$(head -c 32 /dev/urandom | base64 | tr -d '\n')" >>"$file"
  # Older files still hold a DURABLE_SIGNING_KEY line (the retired home-made engine's key): it is not read.
  # shellcheck disable=SC1090
  set -a; . <(grep -v '^DURABLE_SIGNING_KEY=' "$file"); set +a
}

cmd_emulators() { # [scratch]
  [ -x "$NODE_BIN/azurite" ] || die "Azurite is not installed: run infra/local/dev.sh setup"
  # up and demo keep the studio's data in .local/azurite across restarts. test and bench keep theirs in memory
  # (scratch), gone when they stop what they started: every run makes task hubs, queues and blobs of its own, and a
  # kept store grows run after run, which Azurite pays for by writing its whole table file out again every few seconds.
  local store=(--location "$LOCAL/azurite")
  if [ "${1:-}" = scratch ]; then store=(--inMemoryPersistence); else mkdir -p "$LOCAL/azurite"; fi
  start azurite http://127.0.0.1:10000/devstoreaccount1?comp=list \
    "$NODE_BIN/azurite" --silent --skipApiVersionCheck "${store[@]}" \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1
  start cosmos https://127.0.0.1:8081/ "$NODE_BIN/cosmosdb-server" -p 8081 --host 127.0.0.1
  wait_for http://127.0.0.1:10000/devstoreaccount1?comp=list 30 Azurite
  wait_for https://127.0.0.1:8081/ 30 cosmosdb-server
}

app_env() {
  secrets
  export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
  export Auth__ApiKeys__0__Key="$SERVERLESS_API_KEY" Auth__ApiKeys__0__UserId="local-user"
  export Auth__Jwt__SigningKey="$JWT_SIGNING_KEY"
  export Studio__PublicBaseUrl="$APP_URL"
  if [ -d "$LOCAL/catalog" ]; then export Catalog__SeedFolder="$LOCAL/catalog"; fi
}

cmd_up() {
  cmd_emulators
  app_env
  local bin="bin/$CONFIGURATION/net10.0"
  [ -f "$ROOT/functions/Serverless.Functions/$bin/Serverless.Functions.dll" ] || setup_dotnet
  start functions "$APP_URL/api/healthz" \
    dotnet "$ROOT/functions/Serverless.Functions/$bin/Serverless.Functions.dll" --urls "$APP_URL" --contentRoot "$ROOT/functions/Serverless.Functions"
  start worker "" env Speech__VadModelPath="$LOCAL/models/silero_vad_v5.onnx" Worker__FootageQueue=footage-jobs dotnet "$ROOT/workers/Serverless.Worker/$bin/Serverless.Worker.dll" --contentRoot "$ROOT/workers/Serverless.Worker"
  wait_for "$APP_URL/api/healthz" 60 "the function app"
  say "function app: $APP_URL (API key in $LOCAL/secrets.env), logs: $LOGS"
  say "studio: $APP_URL/ (sign up in the browser)"
}

cmd_down() { stop worker; stop functions; stop cosmos; stop azurite; }

# demo, test and bench stop on exit only what they started: a stack already up (dev.sh up) stays up.
STARTED=()
stop_started() { local i; for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do stop "${STARTED[i]}"; done; }

cli() { dotnet "$ROOT/functions/Serverless.Cli/bin/$CONFIGURATION/net10.0/serverless.dll" "$@"; }

cmd_demo() {
  local script=${1:-$ROOT/samples/confession.zh.txt}
  [ -f "$script" ] || die "no such script: $script"
  script=$(cd "$(dirname "$script")" && pwd)/$(basename "$script")
  cmd_setup
  trap stop_started EXIT
  cmd_up
  local out="$ROOT/artifacts/videos"
  mkdir -p "$out"
  cli submit "$script" --wait --music calm --url "$APP_URL" --api-key "$SERVERLESS_API_KEY" --output "$out"
}

cmd_test() {
  # A full build and test run needs about 2 GB beside the NuGet cache; say so up front when the disk is short.
  local free_mb; free_mb=$(df -Pm "$ROOT" | awk 'NR==2 {print $4}')
  say "disk: ${free_mb} MB free under $ROOT"
  [ "$free_mb" -ge 2500 ] || say "warning: under 2.5 GB free; the build may run out of disk"
  cmd_setup
  trap stop_started EXIT
  cmd_emulators scratch
  if [ -x "$ROOT/infra/local/bicep.sh" ]; then "$ROOT/infra/local/bicep.sh"; fi
  local rc=0
  dotnet test "$ROOT/Serverless.sln" -c "$CONFIGURATION" --no-build -nologo --logger "console;verbosity=normal" || rc=$?
  emulators_survived || rc=1
  return $rc
}

emulators_survived() {
  # An emulator that died mid-run fails every later test with "connection refused"; name it and show why it ended.
  local name ok=0
  for name in azurite cosmos; do
    [ -f "$RUN/$name.pid" ] || continue
    running "$name" >/dev/null && continue
    say "error: $name stopped during the tests; the end of $LOGS/$name.log:"
    tail -n 40 "$LOGS/$name.log" >&2
    ok=1
  done
  return $ok
}

cmd_bench() {
  local name=${1:-}; [ -n "$name" ] || die "usage: dev.sh bench durable|render|clips|api|ui|import|batch"
  local project
  case "$name" in
    durable) project="$ROOT/tests/Serverless.Durable.Benchmarks" ;;
    render) project="$ROOT/tests/Serverless.Render.Benchmarks" ;;
    clips) project="$ROOT/tests/Serverless.Clips.Benchmarks" ;;
    api) project="$ROOT/tests/Serverless.Api.Benchmarks" ;;
    ui) project="$ROOT/tests/Serverless.Studio.Benchmarks" ;;
    import) project="$ROOT/tests/Serverless.Import.Benchmarks" ;;
    batch) project="$ROOT/tests/Serverless.Batch.Benchmarks" ;;
    *) die "unknown benchmark '$name' (durable, render, clips, api, ui, import, batch)" ;;
  esac
  [ -d "$project" ] || die "benchmark '$name' is not built yet ($project)"
  cmd_setup
  trap stop_started EXIT
  cmd_emulators scratch
  shift
  # Anything after the name goes to the benchmark: dev.sh bench batch --products 100
  dotnet run --project "$project" -c Release --no-build -- --output "$ROOT/artifacts/bench/$name.json" "$@"
}

cmd_bicep() { "$ROOT/infra/local/bicep.sh"; }

# Sourced (tests of the process functions), it defines everything and runs nothing.
if [ "${BASH_SOURCE[0]}" != "$0" ]; then return 0; fi

case "${1:-}" in
  setup) cmd_setup ;;
  up) cmd_up ;;
  down) cmd_down ;;
  emulators) shift; cmd_emulators "$@" ;;
  demo) shift; cmd_demo "$@" ;;
  test) cmd_test ;;
  bench) shift; cmd_bench "$@" ;;
  bicep) cmd_bicep ;;
  *) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
