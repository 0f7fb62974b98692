#!/usr/bin/env bash
# A development cluster on loopback: three Azurite instances (the control store and one store per
# region, so a region outage is one `kill`), two Api nodes and one headless Silo node.
#   scripts/cluster.sh up       build, start everything, wait until both Api nodes are healthy
#   scripts/cluster.sh down     stop everything this script started (by process id)
#   scripts/cluster.sh status   show what runs
# State (pids, logs, Azurite data) lives in .cluster/. Ports: Azurite 10000 (control), 10001
# (us-east), 10002 (eu-west); Api 5081 and 5082.
set -euo pipefail
cd "$(dirname "$0")/.."
STATE=.cluster
KEY=$(node -e 'console.log(require("./azurite.json").accountKey)')
ACCOUNT=$(node -e 'console.log(require("./azurite.json").accountName)')
declare -A AZURITE_PORTS=([control]=10000 [us-east]=10001 [eu-west]=10002)
API_PORTS=(5081 5082)

connection() {
  echo "DefaultEndpointsProtocol=http;AccountName=$ACCOUNT;AccountKey=$KEY;BlobEndpoint=http://127.0.0.1:$1/$ACCOUNT;"
}

storage_args() {
  echo "--Storage:Default:Provider=blob" "--Storage:Default:ConnectionString=$(connection 10000)" "--Storage:Default:Container=bcp"
  for region in us-east eu-west; do
    echo "--Storage:Stores:$region:Provider=blob" "--Storage:Stores:$region:ConnectionString=$(connection "${AZURITE_PORTS[$region]}")" "--Storage:Stores:$region:Container=bcp"
  done
}

start() { # name, command...
  local name=$1; shift
  "$@" >"$STATE/$name.log" 2>&1 &
  echo $! >"$STATE/$name.pid"
  echo "started $name (pid $!)"
}

up() {
  mkdir -p "$STATE"
  [ -d node_modules ] || npm ci --no-audit --no-fund
  dotnet build -c Release Orleans.Bcp.sln -v quiet -nologo
  for store in control us-east eu-west; do
    start "azurite-$store" node_modules/.bin/azurite-blob --blobHost 127.0.0.1 --blobPort "${AZURITE_PORTS[$store]}" \
      --location "$STATE/azurite-$store" --skipApiVersionCheck --loose --disableTelemetry
  done
  sleep 2
  mapfile -t STORAGE < <(storage_args | tr ' ' '\n')
  for i in 0 1; do
    start "api-$((i + 1))" dotnet Api/bin/Release/net10.0/Orleans.Bcp.Api.dll --environment Development \
      --contentRoot "$PWD/Api/bin/Release/net10.0" --urls "http://127.0.0.1:${API_PORTS[$i]}" "${STORAGE[@]}"
  done
  start silo-1 dotnet Silo.Host/bin/Release/net10.0/Orleans.Bcp.Silo.Host.dll --environment Development \
    --contentRoot "$PWD/Silo.Host/bin/Release/net10.0" "${STORAGE[@]}"
  for port in "${API_PORTS[@]}"; do
    for _ in $(seq 1 60); do
      curl -sf "http://127.0.0.1:$port/health" >/dev/null && { echo "api on $port is healthy"; continue 2; }
      sleep 1
    done
    echo "api on $port did not become healthy; see $STATE/*.log" >&2
    exit 1
  done
}

down() {
  shopt -s nullglob
  for pidfile in "$STATE"/*.pid; do
    pid=$(cat "$pidfile")
    if kill "$pid" 2>/dev/null; then
      for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
      echo "stopped $(basename "$pidfile" .pid) (pid $pid)"
    fi
    rm -f "$pidfile"
  done
}

status() {
  shopt -s nullglob
  for pidfile in "$STATE"/*.pid; do
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then state=running; else state=stopped; fi
    echo "$(basename "$pidfile" .pid) pid $pid $state"
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
