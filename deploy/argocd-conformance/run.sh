#!/bin/sh
# GitLab CI job argocd-conformance: a throwaway k3s (k3d, in the job's Docker-in-Docker service) with real Argo CD
# $ARGOCD_VERSION, the packaged fleet-ops (production profile) pointed at it, and scenario.sh run against both.
# Needs: docker (DOCKER_HOST), curl, jq, openssl, envsubst, java 17, and the jar in target/quarkus-app.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
K3D_VERSION="${K3D_VERSION:-v5.8.3}"
KUBECTL_VERSION="${KUBECTL_VERSION:-v1.34.2}"
ARGOCD_VERSION="${ARGOCD_VERSION:-v3.1.8}"
DOCKER_HOSTNAME="${DOCKER_HOSTNAME:-docker}"

curl -fsSL -o /usr/local/bin/k3d "https://github.com/k3d-io/k3d/releases/download/$K3D_VERSION/k3d-linux-amd64"
curl -fsSL -o /usr/local/bin/kubectl "https://dl.k8s.io/release/$KUBECTL_VERSION/bin/linux/amd64/kubectl"
chmod +x /usr/local/bin/k3d /usr/local/bin/kubectl

k3d cluster create conformance --api-port 0.0.0.0:6550 --k3s-arg "--tls-san=$DOCKER_HOSTNAME@server:0" \
  --k3s-arg "--disable=traefik@server:0" --wait --timeout 300s
export KUBECONFIG="$work/kubeconfig"
k3d kubeconfig get conformance | sed "s#https://0.0.0.0:6550#https://$DOCKER_HOSTNAME:6550#" > "$KUBECONFIG"

# Argo CD as bootstrap leaves it: the release's manifests, the Application health check in argocd-cm.
kubectl create namespace argocd
kubectl apply -n argocd --server-side --force-conflicts \
  -f "https://raw.githubusercontent.com/argoproj/argo-cd/$ARGOCD_VERSION/manifests/install.yaml"
lua=$(cat "$here/../../src/main/resources/argocd/application-health.lua")
kubectl -n argocd patch configmap argocd-cm --type merge \
  -p "$(jq -n --arg lua "$lua" '{data: {"resource.customizations.health.argoproj.io_Application": $lua}}')"
kubectl -n argocd rollout restart statefulset/argocd-application-controller
kubectl -n argocd rollout status deployment/argocd-server deployment/argocd-repo-server --timeout=300s
kubectl -n argocd rollout status statefulset/argocd-application-controller --timeout=300s

# This project's repository for the parent app: public, or read with the job's token.
export FLEET_OPS_REPO_URL="$CI_PROJECT_URL.git"
kubectl -n argocd apply -f - <<SECRET
apiVersion: v1
kind: Secret
metadata:
  name: conformance-repository
  labels: {argocd.argoproj.io/secret-type: repository}
stringData: {type: git, url: "$FLEET_OPS_REPO_URL", username: gitlab-ci-token, password: "$CI_JOB_TOKEN"}
SECRET
envsubst '${FLEET_OPS_REPO_URL} ${CI_COMMIT_SHA}' < "$here/applications.yaml" | kubectl apply -f -

# fleet-ops (production profile) against the cluster, its REST API verifying tokens signed here.
openssl genrsa -out "$work/key.pem" 2048 2>/dev/null
public=$(openssl rsa -in "$work/key.pem" -pubout -outform DER 2>/dev/null | base64 | tr -d '\n')
b64url() { base64 | tr -d '\n=' | tr '+/' '-_'; }
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
claims=$(printf '{"iss":"https://conformance.invalid","aud":"fleet-ops","sub":"conformance","upn":"conformance","groups":["fleet-admin"],"iat":%s,"exp":%s}' "$now" $((now + 3600)) | b64url)
signature=$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$work/key.pem" | b64url)
export FLEET_TOKEN="$header.$claims.$signature"

raw() { kubectl config view --raw -o jsonpath="$1"; }
QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL=$(raw '{.clusters[0].cluster.server}') \
QUARKUS_KUBERNETES_CLIENT_CA_CERT_DATA=$(raw '{.clusters[0].cluster.certificate-authority-data}') \
QUARKUS_KUBERNETES_CLIENT_CLIENT_CERT_DATA=$(raw '{.users[0].user.client-certificate-data}') \
QUARKUS_KUBERNETES_CLIENT_CLIENT_KEY_DATA=$(raw '{.users[0].user.client-key-data}') \
QUARKUS_KUBERNETES_CLIENT_NAMESPACE=argocd \
QUARKUS_OIDC_PUBLIC_KEY="$public" QUARKUS_OIDC_TOKEN_ISSUER=https://conformance.invalid \
QUARKUS_HTTP_PORT=8080 QUARKUS_MANAGEMENT_PORT=9000 \
  java -jar target/quarkus-app/quarkus-run.jar > "$work/fleet-ops.log" 2>&1 &
fleet_ops=$!
trap 'kill $fleet_ops 2>/dev/null || true; tail -n 200 "$work/fleet-ops.log"' EXIT
export FLEET_URL=http://localhost:8080
for _ in $(seq 1 60); do curl -fsS http://localhost:9000/q/health/ready >/dev/null 2>&1 && break; sleep 2; done

# Two deployments of the automated app (Argo CD's own sync, then one through fleet-ops) so it can be rolled back.
for _ in $(seq 1 150); do
  [ "$(kubectl -n argocd get application conformance-automated -o jsonpath='{.status.history[0].id}')" != "" ] && break; sleep 2
done
curl -fsS -H "Authorization: Bearer $FLEET_TOKEN" -H 'Content-Type: application/json' \
  -d '{"apps":["conformance-automated"],"wait":true,"waitSeconds":300}' "$FLEET_URL/api/v1/sync" | jq -e '.state == "succeeded"'

APP_MANUAL=conformance-manual \
APP_REVISION=f58c7ed8cfe28ad70701c5923fdbd0154388ea9f \
APP_PARENT=conformance-parent \
APP_AUTOMATED=conformance-automated \
REPO_URL=https://github.com/argoproj/argocd-example-apps.git \
CHANGED_PATH=guestbook/guestbook-ui-deployment.yaml \
  sh "$here/scenario.sh"
