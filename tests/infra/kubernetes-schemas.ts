/**
 * Validates rendered objects against the Kubernetes OpenAPI schemas that the `kubernetes-models`
 * package compiles (types, required fields, enums and formats such as quantities). Only the kinds
 * the manifests use are known here; any other kind is reported, not passed.
 */
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import type { KubernetesObject } from './kustomize-build.js';

type ModelClass = new (data: never) => { validate(): void };

const MODELS: Record<string, ModelClass> = {
  'apps/v1 Deployment': Deployment,
  'autoscaling/v2 HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1 Job': Job,
  'networking.k8s.io/v1 Ingress': Ingress,
  'networking.k8s.io/v1 NetworkPolicy': NetworkPolicy,
  'policy/v1 PodDisruptionBudget': PodDisruptionBudget,
  'v1 ConfigMap': ConfigMap,
  'v1 Service': Service,
};

// Kubernetes' own rule for object names (DNS-1123 subdomain; labels for Services).
const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The schema errors of one object; empty when it is valid.
 * @param object - a rendered object
 */
export function schemaErrors(object: KubernetesObject): string[] {
  const where = `${object.kind}/${object.metadata.name}`;
  const Model = MODELS[`${object.apiVersion} ${object.kind}`];
  if (!Model) return [`${where}: ${object.apiVersion} ${object.kind} is not a kind these checks know`];
  const errors: string[] = [];
  if (!DNS_1123_LABEL.test(object.metadata.name) || object.metadata.name.length > 63)
    errors.push(`${where}: the name is not a DNS-1123 label`);
  try {
    new Model(object as never).validate();
  } catch (error) {
    errors.push(`${where}: ${(error as Error).message}`);
  }
  return errors;
}
