#!/usr/bin/env bash
# Start-to-ready time and idle RSS of the packaged JVM app.
#  - "service": fleet-ops as in production (prod profile, OIDC off), against the central API of a demo
#    instance started first, so the figures are the service's own, without the embedded fleet in the process;
#  - "service, container flags": the same with the heap a 256 MiB container would give it (-Xmx128m, SerialGC);
#  - "demo": the demo profile, embedded API servers and Argo CD simulator included in the process.
# Then, for both service variants, 30 s of load: 16 clients GET the application and cluster lists with a signed
# JWT (verified by the service against a public key), while RSS is sampled every second; the peak is reported.
# The demo is its own build (-Pdemo), so both artifacts are built, the demo's into target/demo/.
# "bench/startup.sh variants [runs]" measures instead the service's start with the container flags under four JVM set-ups:
# Java 17, Java 17 with an AppCDS archive, Java 25 (JAVA25_HOME), and Java 25 with the AOT cache the JVM image builds
# (src/main/docker/aot-train.sh: trained with no API server, as in an image build); no load.
# Usage: ./mvnw -B package -Pdemo -DskipTests -Dquarkus.package.output-directory=demo && ./mvnw -B package -DskipTests \
#        && bench/startup.sh [runs]     (or: bench/startup.sh variants [runs])
set -euo pipefail
cd "$(dirname "$0")/.."
mode=load
if [ "${1:-}" = variants ]; then mode=variants; shift; fi
runs=${1:-5}
java25=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
jvm=(java)
service_jar=target/quarkus-app/quarkus-run.jar
demo_jar=target/demo/quarkus-run.jar
[ -f "$service_jar" ] && [ -f "$demo_jar" ] || { echo "build both artifacts first (see Usage above)" >&2; exit 1; }
public_key=$(java bench/LoadGenerator.java keygen target/bench-key)
oidc=(-Dquarkus.oidc.public-key="$public_key" -Dquarkus.oidc.token.issuer=fleet-ops-bench)

# under_load LABEL PORT: 30 s of load against the process in $pid; prints throughput, latency and peak RSS
under_load() {
  local label=$1 port=$2 peak=0 rss
  java bench/LoadGenerator.java run target/bench-key "http://127.0.0.1:$port" 30 16 \
    "/api/v1/apps?cluster=cluster-03" /api/v1/clusters /api/v1/apps > target/bench-load.txt &
  local load=$!
  while kill -0 "$load" 2>/dev/null; do
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
    [ "$rss" -gt "$peak" ] && peak=$rss
    sleep 1
  done
  wait "$load"
  echo "$label under load: $(cat target/bench-load.txt); peak RSS $((peak / 1024)) MiB"
}

# start_and_measure LABEL JAR PORT LOG [java options...]: starts the JAR with the JVM in ${jvm[@]}, prints ready time and
# idle RSS, leaves the process running in $pid; its management interface (health) listens on PORT + 1000
start_and_measure() {
  local label=$1 jar=$2 port=$3 log=$4; shift 4
  local start ready rss_kb
  start=$(date +%s%N)
  "${jvm[@]}" "$@" -Dquarkus.http.port="$port" -Dquarkus.management.port=$((port + 1000)) -jar "$jar" > "$log" 2>&1 &
  pid=$!
  until curl -fs "http://127.0.0.1:$((port + 1000))/q/health/ready" > /dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "$label died; see $log" >&2; exit 1; }
    sleep 0.02
  done
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 10   # idle: let start-up garbage settle and the first probe round pass
  rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  echo "$label: ready after ${ready} ms ($(grep -o 'started in [0-9.]*s' "$log" | head -1)), idle RSS $((rss_kb / 1024)) MiB"
}

if [ "$mode" = variants ]; then
  start_and_measure "demo" "$demo_jar" 18080 target/startup-demo.log -Dquarkus.profile=demo
  demo=$pid
  api=$(grep -o 'central API https://localhost:[0-9]*' target/startup-demo.log | awk '{print $3}')
  service=("${oidc[@]}" -Dquarkus.kubernetes-client.api-server-url="$api" -Dquarkus.kubernetes-client.trust-certs=true
    -Dquarkus.kubernetes-client.namespace=argocd)
  mkdir -p target/startup-cache
  # Java 17's archive is trained to ready against the demo's API, then the process stopped: the archive is written at exit.
  start_and_measure "AppCDS training run" "$service_jar" 18081 target/startup-service.log -Xmx128m -XX:+UseSerialGC \
    -XX:ArchiveClassesAtExit=target/startup-cache/app.jsa "${service[@]}"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  PATH="$(dirname "$java25"):$PATH" src/main/docker/aot-train.sh target/quarkus-app "$PWD/target/startup-cache/app.aot" \
    -Xmx128m -XX:+UseSerialGC
  for i in $(seq 1 "$runs"); do
    for variant in "java 17" "java 17 + AppCDS" "java 25" "java 25 + AOT cache"; do
      case $variant in
        "java 17") jvm=(java) ;;
        "java 17 + AppCDS") jvm=(java -XX:SharedArchiveFile=target/startup-cache/app.jsa) ;;
        "java 25") jvm=("$java25") ;;
        "java 25 + AOT cache") jvm=("$java25" -XX:AOTCache=target/startup-cache/app.aot) ;;
      esac
      start_and_measure "run $i $variant" "$service_jar" 18081 target/startup-service.log -Xmx128m -XX:+UseSerialGC "${service[@]}"
      kill "$pid"; wait "$pid" 2>/dev/null || true
    done
  done
  kill "$demo"; wait "$demo" 2>/dev/null || true
  exit 0
fi

for i in $(seq 1 "$runs"); do
  start_and_measure "run $i demo   " "$demo_jar" 18080 target/startup-demo.log -Dquarkus.profile=demo
  demo=$pid
  api=$(grep -o 'central API https://localhost:[0-9]*' target/startup-demo.log | awk '{print $3}')
  start_and_measure "run $i service" "$service_jar" 18081 target/startup-service.log "${oidc[@]}" \
    -Dquarkus.kubernetes-client.api-server-url="$api" -Dquarkus.kubernetes-client.trust-certs=true \
    -Dquarkus.kubernetes-client.namespace=argocd
  under_load "run $i service" 18081
  kill "$pid"; wait "$pid" 2>/dev/null || true
  start_and_measure "run $i service, container flags" "$service_jar" 18081 target/startup-service.log -Xmx128m -XX:+UseSerialGC "${oidc[@]}" \
    -Dquarkus.kubernetes-client.api-server-url="$api" -Dquarkus.kubernetes-client.trust-certs=true \
    -Dquarkus.kubernetes-client.namespace=argocd
  under_load "run $i service, container flags" 18081
  kill "$pid" "$demo"; wait "$pid" "$demo" 2>/dev/null || true
done
