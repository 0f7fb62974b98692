#!/usr/bin/env bash
# A development cluster on loopback: three Azurite instances (the control store and one store per
# region, so a region outage is one `kill`), two Api nodes and one headless Silo node, all silos of
# one Orleans cluster (azure profile: membership and reminders in the control store's Table
# service, grain state in its Blob service). The silos talk over mutual TLS: `up` makes a throw-away
# cluster CA and one certificate per node with openssl (in .cluster/tls/, kept across runs, made again
# when missing); no node has an Orleans client gateway, so nothing outside the silos can call a grain.
#   scripts/cluster.sh up       build, start everything, wait until both Api nodes are healthy
#   scripts/cluster.sh down     stop everything this script started (by process id)
#   scripts/cluster.sh status   each process, each Api node's /health, the silos in the cluster
# State (pids, logs, Azurite data) lives in .cluster/; `down` keeps the data, delete the folder for
# a fresh cluster.
# Ports (loopback, fixed; `up` refuses to start if one is taken):
#   Azurite control   blob 10000, queue 10001, table 10002 (the emulator's usual ports)
#   Azurite us-east   blob 10010;  eu-west blob 10020
#   api-1   HTTP 5081, silo 11111
#   api-2   HTTP 5082, silo 11112
#   silo-1  (no HTTP), silo 11113
# Failure detection: the azure profile's production membership settings (2 s probes, 2 missed, the last
#   through another silo, 2 votes; docs/reliability.md "Membership settings"), passed explicitly below:
#   a killed silo is declared dead in a few seconds (2.3-4.5 s measured) instead of Orleans' default 10-20 s.
# BCP_CLUSTER_FAST=1 scripts/cluster.sh up   uses the test suite's failure detection instead (one vote
#   is enough: faster on a quiet machine, but one starved silo can evict a healthy one); for trying failures only.
set -euo pipefail
cd "$(dirname "$0")/.."
STATE=.cluster
KEY=$(node -e 'console.log(require("./azurite.json").accountKey)')
ACCOUNT=$(node -e 'console.log(require("./azurite.json").accountName)')
mapfile -t AZURITE_FLAGS < <(node -e 'for (const f of require("./azurite.json").flags) console.log(f)')
CONTROL_BLOB=10000 CONTROL_QUEUE=10001 CONTROL_TABLE=10002
declare -A REGION_PORTS=([us-east]=10010 [eu-west]=10020)
CLUSTER_ID=bcp
NODES=(api-1 api-2 silo-1)
declare -A HTTP_PORTS=([api-1]=5081 [api-2]=5082)
declare -A SILO_PORTS=([api-1]=11111 [api-2]=11112 [silo-1]=11113)
TLS=$STATE/tls

blob_endpoint() { echo "http://127.0.0.1:$1/$ACCOUNT"; }

account() { echo "DefaultEndpointsProtocol=http;AccountName=$ACCOUNT;AccountKey=$KEY"; }

node_args() { # node name: one argument a line
  # The control store needs Table too: Orleans keeps membership and reminders there.
  echo "--Storage:Default:Provider=blob"
  echo "--Storage:Default:ConnectionString=$(account);BlobEndpoint=$(blob_endpoint $CONTROL_BLOB);TableEndpoint=http://127.0.0.1:$CONTROL_TABLE/$ACCOUNT;"
  echo "--Storage:Default:Container=bcp"
  for region in us-east eu-west; do
    echo "--Storage:Stores:$region:Provider=blob"
    echo "--Storage:Stores:$region:ConnectionString=$(account);BlobEndpoint=$(blob_endpoint "${REGION_PORTS[$region]}");"
    echo "--Storage:Stores:$region:Container=bcp"
  done
  echo "--Cluster:ClusterId=$CLUSTER_ID"
  echo "--Cluster:AdvertisedAddress=127.0.0.1"
  echo "--Cluster:SiloPort=${SILO_PORTS[$1]}"
  echo "--Cluster:Tls:CertificatePath=$PWD/$TLS/$1.crt"
  echo "--Cluster:Tls:KeyPath=$PWD/$TLS/$1.key"
  echo "--Cluster:Tls:CaPath=$PWD/$TLS/ca.crt"
  echo "--Cluster:Membership:ProbeTimeout=00:00:02"
  echo "--Cluster:Membership:NumMissedProbesLimit=2"
  echo "--Cluster:Membership:EnableIndirectProbes=true"
  if [ "${BCP_CLUSTER_FAST:-0}" = 1 ]; then
    echo "--Cluster:Membership:NumVotesForDeathDeclaration=1"
  else
    echo "--Cluster:Membership:NumVotesForDeathDeclaration=2"
  fi
}

certificates() { # the cluster CA and a node certificate per node (serverAuth and clientAuth: silos connect both ways)
  mkdir -p "$TLS"
  chmod 700 "$TLS"
  if [ ! -f "$TLS/ca.crt" ]; then
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj "/CN=Orleans.Bcp dev cluster CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -keyout "$TLS/ca.key" -out "$TLS/ca.crt" 2>/dev/null
  fi
  local node
  for node in "${NODES[@]}"; do
    [ -f "$TLS/$node.crt" ] && openssl verify -CAfile "$TLS/ca.crt" "$TLS/$node.crt" >/dev/null 2>&1 && continue
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$node" \
      -keyout "$TLS/$node.key" -out "$TLS/$node.csr" 2>/dev/null
    openssl x509 -req -in "$TLS/$node.csr" -CA "$TLS/ca.crt" -CAkey "$TLS/ca.key" -CAcreateserial -days 30 \
      -extfile <(printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
        "extendedKeyUsage=serverAuth,clientAuth" "subjectAltName=IP:127.0.0.1,DNS:localhost") \
      -out "$TLS/$node.crt" 2>/dev/null
    rm -f "$TLS/$node.csr"
  done
  chmod 600 "$TLS"/*.key
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for_port() { # port, what
  for _ in $(seq 1 60); do
    port_taken "$1" && return 0
    sleep 0.5
  done
  echo "$2 did not listen on port $1; see $STATE/*.log" >&2
  exit 1
}

start() { # name, command...
  local name=$1; shift
  "$@" >"$STATE/$name.log" 2>&1 &
  echo $! >"$STATE/$name.pid"
  echo "started $name (pid $!)"
}

up() {
  mkdir -p "$STATE"
  shopt -s nullglob
  for pidfile in "$STATE"/*.pid; do
    if kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "$(basename "$pidfile" .pid) is still running: scripts/cluster.sh down first" >&2
      exit 1
    fi
  done
  local port
  for port in $CONTROL_BLOB $CONTROL_QUEUE $CONTROL_TABLE "${REGION_PORTS[@]}" "${HTTP_PORTS[@]}" "${SILO_PORTS[@]}"; do
    if port_taken "$port"; then
      echo "port $port on 127.0.0.1 is taken by another process" >&2
      exit 1
    fi
  done

  [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
  dotnet build -c Release Orleans.Bcp.sln -v quiet -nologo
  certificates

  start azurite-control node_modules/.bin/azurite --location "$STATE/azurite-control" \
    --blobHost 127.0.0.1 --blobPort $CONTROL_BLOB --queueHost 127.0.0.1 --queuePort $CONTROL_QUEUE \
    --tableHost 127.0.0.1 --tablePort $CONTROL_TABLE "${AZURITE_FLAGS[@]}"
  for region in us-east eu-west; do
    # Regional stores hold tenant configuration only: Blob is all they need.
    start "azurite-$region" node_modules/.bin/azurite-blob --location "$STATE/azurite-$region" \
      --blobHost 127.0.0.1 --blobPort "${REGION_PORTS[$region]}" "${AZURITE_FLAGS[@]}"
  done
  wait_for_port $CONTROL_BLOB azurite-control
  wait_for_port $CONTROL_TABLE azurite-control
  for region in us-east eu-west; do wait_for_port "${REGION_PORTS[$region]}" "azurite-$region"; done

  local node args
  for node in "${NODES[@]}"; do
    mapfile -t args < <(node_args "$node")
    if [[ -n "${HTTP_PORTS[$node]:-}" ]]; then
      start "$node" dotnet Api/bin/Release/net10.0/Orleans.Bcp.Api.dll --environment Development \
        --contentRoot "$PWD/Api/bin/Release/net10.0" --urls "http://127.0.0.1:${HTTP_PORTS[$node]}" "${args[@]}"
    else
      start "$node" dotnet Silo.Host/bin/Release/net10.0/Orleans.Bcp.Silo.Host.dll --environment Development \
        --contentRoot "$PWD/Silo.Host/bin/Release/net10.0" "${args[@]}"
    fi
  done

  for node in api-1 api-2; do
    for _ in $(seq 1 90); do
      curl -sf "http://127.0.0.1:${HTTP_PORTS[$node]}/health" >/dev/null && { echo "$node on :${HTTP_PORTS[$node]} is healthy"; continue 2; }
      sleep 1
    done
    echo "$node on :${HTTP_PORTS[$node]} did not become healthy; see $STATE/$node.log" >&2
    exit 1
  done
}

down() {
  shopt -s nullglob
  # Nodes first, so they leave the cluster while its store is still there.
  for name in "${NODES[@]}" azurite-us-east azurite-eu-west azurite-control; do
    pidfile="$STATE/$name.pid"
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if kill "$pid" 2>/dev/null; then
      for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
      echo "stopped $name (pid $pid)"
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
  for node in api-1 api-2; do
    echo "$node /health: $(curl -s -m 5 "http://127.0.0.1:${HTTP_PORTS[$node]}/health" || echo unreachable)"
  done
  # Orleans' membership table (OrleansSiloInstances in the control store's Table service).
  node - "$ACCOUNT" "$KEY" "$CONTROL_TABLE" "$CLUSTER_ID" "$(for n in "${NODES[@]}"; do echo -n "${SILO_PORTS[$n]}=$n,"; done)" <<'JS' || echo "cluster membership: control store unreachable"
const [account, key, port, clusterId, nodes] = process.argv.slice(2);
const names = Object.fromEntries(nodes.split(',').filter(Boolean).map(entry => entry.split('=')));
const crypto = require('crypto'), http = require('http');
const path = `/${account}/OrleansSiloInstances()`;
const date = new Date().toUTCString();
const signature = crypto.createHmac('sha256', Buffer.from(key, 'base64'))
  .update(`${date}\n/${account}${path}`).digest('base64');
const filter = encodeURIComponent(`PartitionKey eq '${clusterId}'`);
http.get({ host: '127.0.0.1', port, path: `${path}?$filter=${filter}`, timeout: 5000, headers: {
  'x-ms-date': date, 'x-ms-version': '2019-02-02', Accept: 'application/json;odata=nometadata',
  Authorization: `SharedKeyLite ${account}:${signature}` } }, res => {
  let body = '';
  res.on('data', chunk => body += chunk);
  res.on('end', () => {
    if (res.statusCode !== 200) { console.log(`cluster membership: HTTP ${res.statusCode}`); return; }
    // Silo rows carry an address; the table also holds a version row and range markers.
    const silos = JSON.parse(body).value.filter(row => row.Address);
    const active = silos.filter(row => row.Status === 'Active');
    // Rows of stopped silos stay (as Dead) until Orleans removes defunct entries: only count them.
    const others = silos.length - active.length;
    console.log(`cluster ${clusterId}: ${active.length} active silo(s)${others ? `, ${others} not active` : ''}`);
    for (const row of active) console.log(`  ${names[row.Port] ?? '?'} ${row.Address}:${row.Port} (started ${row.StartTime})`);
  });
}).on('error', () => { console.log('cluster membership: control store unreachable'); })
  .on('timeout', function () { this.destroy(); });
JS
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
