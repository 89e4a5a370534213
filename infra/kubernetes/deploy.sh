#!/usr/bin/env bash
# Deploys an overlay in order: the migration Job first, waited for, then the services.
#   infra/kubernetes/deploy.sh infra/kubernetes/overlays/small
# Needs kubectl (with its built-in kustomize), a context with the target cluster, and the namespace
# with its Secrets already created (docs/scaling.md#what-you-provide).
set -euo pipefail
overlay="${1:?usage: deploy.sh <overlay directory>}"
namespace="$(kubectl kustomize "$overlay" | awk '/^  namespace: /{print $2; exit}')"
namespace="${namespace:-default}"
component='app.kubernetes.io/component'

# A Job's pod template cannot change: the previous run (kept a day for its logs) goes first.
kubectl -n "$namespace" delete job adt-migrate --ignore-not-found --wait=true
kubectl apply -k "$overlay" -l "$component=migrate"
if ! kubectl -n "$namespace" wait --for=condition=complete --timeout=15m job/adt-migrate; then
  echo "migration did not complete; the services were not changed. Its log:" >&2
  kubectl -n "$namespace" logs job/adt-migrate --tail=50 >&2 || true
  exit 1
fi

kubectl apply -k "$overlay" -l "$component!=migrate"
for deployment in adt-listener adt-worker adt-api; do
  kubectl -n "$namespace" rollout status "deployment/$deployment" --timeout=10m
done
