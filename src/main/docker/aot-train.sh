#!/usr/bin/env sh
# Training run for the JVM image's AOT cache (JDK 25, JEP 483/514/515): starts the packaged service until its HTTP
# interfaces answer, then stops it; the JVM writes the cache on exit. No Kubernetes API is reachable while an image is
# built, so the informers fail and retry during the run; what is cached is the classes (and linked state) of the start
# itself, which is where the start-up time goes. Quarkus' own "quarkus.appcds.generate" stop point did not return
# for this application on JDK 25, hence a timed run.
# The cache is valid only for the same JDK and the same class path: run the service later with the jar path given here.
# Usage: aot-train.sh APP_DIR CACHE_FILE [JVM options of the later runs...]
set -eu
app=$1 cache=$2
shift 2
log=$app/aot-train.log
java "$@" -XX:AOTCacheOutput="$cache" -Dquarkus.http.port=18089 -Dquarkus.management.port=19089 \
  -Dquarkus.kubernetes-client.api-server-url=https://127.0.0.1:1 -jar "$app/quarkus-run.jar" > "$log" 2>&1 &
pid=$!
tries=0
until curl -fs -o /dev/null http://127.0.0.1:19089/q/health/live; do
  tries=$((tries + 1))
  if [ "$tries" -gt 600 ] || ! kill -0 "$pid" 2>/dev/null; then
    echo "training run did not come up; its log:" >&2; cat "$log" >&2; exit 1
  fi
  sleep 0.1
done
kill -TERM "$pid"
wait "$pid" || true
rm -f "$log"
[ -s "$cache" ] || { echo "no AOT cache written" >&2; exit 1; }
