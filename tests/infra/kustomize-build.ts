/**
 * Builds a kustomization the way `kubectl kustomize` does, for the subset of Kustomize that
 * infra/kubernetes uses: resources (files and directories), namespace, images, replicas and JSON 6902
 * patches with a target. Any other field fails the build, so a manifest change that needs more of
 * Kustomize is noticed here instead of being rendered wrongly.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, parse } from 'yaml';

/** A Kubernetes object as it appears in a manifest. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

interface PatchTarget {
  kind?: string;
  name?: string;
}

interface JsonPatchOperation {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  resources?: string[];
  images?: { name: string; newName?: string; newTag?: string; digest?: string }[];
  replicas?: { name: string; count: number }[];
  patches?: { target?: PatchTarget; patch?: string; path?: string }[];
}

const SUPPORTED_FIELDS = new Set([
  'apiVersion',
  'kind',
  'namespace',
  'resources',
  'images',
  'replicas',
  'patches',
]);
const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'PriorityClass',
  'StorageClass',
]);
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet', 'Job']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isKubernetesObject(value: unknown): value is KubernetesObject {
  return (
    isRecord(value) &&
    typeof value.apiVersion === 'string' &&
    typeof value.kind === 'string' &&
    isRecord(value.metadata) &&
    typeof value.metadata.name === 'string'
  );
}

function readObjects(file: string): KubernetesObject[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).flatMap((document) => {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0]?.message}`);
    const value: unknown = document.toJS();
    if (value === null || value === undefined) return [];
    if (!isKubernetesObject(value)) throw new Error(`${file}: a document is not a Kubernetes object`);
    return [value];
  });
}

function decodePointer(pointer: string): string[] {
  if (!pointer.startsWith('/')) throw new Error(`patch path ${pointer} is not a JSON pointer`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function applyOperation(object: KubernetesObject, operation: JsonPatchOperation): void {
  const tokens = decodePointer(operation.path);
  const last = tokens.pop();
  if (last === undefined) throw new Error('a patch cannot replace a whole object');
  let parent: unknown = object;
  for (const token of tokens) {
    parent = Array.isArray(parent) ? parent[Number(token)] : isRecord(parent) ? parent[token] : undefined;
    if (parent === undefined) throw new Error(`patch path ${operation.path} does not exist`);
  }
  const value: unknown = structuredClone(operation.value);
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(index) || index < 0 || index > parent.length)
      throw new Error(`patch path ${operation.path}: no such array index`);
    if (operation.op === 'add') parent.splice(index, 0, value);
    else if (index >= parent.length) throw new Error(`patch path ${operation.path} does not exist`);
    else if (operation.op === 'replace') parent[index] = value;
    else parent.splice(index, 1);
    return;
  }
  if (!isRecord(parent)) throw new Error(`patch path ${operation.path} does not name a field`);
  if (operation.op !== 'add' && !(last in parent))
    throw new Error(`patch path ${operation.path} does not exist`);
  if (operation.op === 'remove') Reflect.deleteProperty(parent, last);
  else parent[last] = value;
}

function matches(object: KubernetesObject, target: PatchTarget): boolean {
  return (
    (target.kind === undefined || target.kind === object.kind) &&
    (target.name === undefined || target.name === object.metadata.name)
  );
}

function setImages(object: KubernetesObject, images: NonNullable<Kustomization['images']>): void {
  const podSpec = podSpecOf(object);
  if (!podSpec) return;
  for (const container of [...podSpec.containers, ...(podSpec.initContainers ?? [])]) {
    const [name, tag] = splitImage(container.image);
    const rule = images.find((image) => image.name === name);
    if (!rule) continue;
    const suffix = rule.digest ? `@${rule.digest}` : rule.newTag ? `:${rule.newTag}` : tag ? `:${tag}` : '';
    container.image = `${rule.newName ?? name}${suffix}`;
  }
}

function splitImage(image: string): [string, string | null] {
  const digest = image.indexOf('@');
  if (digest >= 0) return [image.slice(0, digest), null];
  const colon = image.lastIndexOf(':');
  return colon > image.lastIndexOf('/') ? [image.slice(0, colon), image.slice(colon + 1)] : [image, null];
}

/** A container as far as the build and the checks read it. */
export interface Container {
  name: string;
  image: string;
  [key: string]: unknown;
}

/** The pod spec of a workload, or null for other kinds. */
export function podSpecOf(
  object: KubernetesObject,
): ({ containers: Container[]; initContainers?: Container[] } & Record<string, unknown>) | null {
  if (!WORKLOAD_KINDS.has(object.kind)) return null;
  const spec = object.spec as { template?: { spec?: unknown } } | undefined;
  const podSpec = spec?.template?.spec;
  if (!isRecord(podSpec) || !Array.isArray(podSpec.containers))
    throw new Error(`${object.kind}/${object.metadata.name} has no pod template`);
  return podSpec as { containers: Container[]; initContainers?: Container[] } & Record<string, unknown>;
}

/**
 * The objects a kustomization directory renders to, in the order of its resources.
 * @param directory - a directory holding kustomization.yaml
 */
export function buildKustomization(directory: string): KubernetesObject[] {
  const file = path.join(directory, 'kustomization.yaml');
  const kustomization = parse(readFileSync(file, 'utf8')) as Kustomization;
  const unsupported = Object.keys(kustomization).filter((key) => !SUPPORTED_FIELDS.has(key));
  if (unsupported.length > 0) throw new Error(`${file}: unsupported fields ${unsupported.join(', ')}`);

  const objects = (kustomization.resources ?? []).flatMap((resource) => {
    const resolved = path.resolve(directory, resource);
    return statSync(resolved).isDirectory() ? buildKustomization(resolved) : readObjects(resolved);
  });

  for (const patch of kustomization.patches ?? []) {
    if (!patch.target || patch.path !== undefined || patch.patch === undefined)
      throw new Error(`${file}: only inline JSON 6902 patches with a target are supported`);
    const operations: unknown = parse(patch.patch);
    if (!Array.isArray(operations)) throw new Error(`${file}: a patch is not a JSON 6902 list`);
    const targets = objects.filter((object) => matches(object, patch.target ?? {}));
    if (targets.length === 0)
      throw new Error(`${file}: a patch targets nothing (${JSON.stringify(patch.target)})`);
    for (const object of targets)
      for (const operation of operations as JsonPatchOperation[]) applyOperation(object, operation);
  }
  for (const replica of kustomization.replicas ?? []) {
    const target = objects.find(
      (object) => WORKLOAD_KINDS.has(object.kind) && object.metadata.name === replica.name,
    );
    if (!target) throw new Error(`${file}: replicas names ${replica.name}, which is not a workload here`);
    (target.spec as Record<string, unknown>).replicas = replica.count;
  }
  for (const object of objects) setImages(object, kustomization.images ?? []);
  if (kustomization.namespace !== undefined) {
    for (const object of objects)
      if (!CLUSTER_SCOPED_KINDS.has(object.kind)) object.metadata.namespace = kustomization.namespace;
  }
  return objects;
}
