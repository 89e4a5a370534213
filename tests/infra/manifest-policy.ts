/**
 * The deployment policy every rendered manifest set must meet: containers that cannot gain
 * privileges or write their image, run as a non-root user with bounded resources and probes, secrets
 * only by reference, a default-deny network, and only the MLLP port and the API exposed.
 */
import { podSpecOf, type Container, type KubernetesObject } from './kustomize-build.js';

interface SecurityContext {
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  runAsNonRoot?: boolean;
  runAsUser?: number;
  capabilities?: { add?: string[]; drop?: string[] };
  seccompProfile?: { type?: string };
}

interface Probe {
  httpGet?: { path?: string; port?: number | string };
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}

type Quantities = Partial<Record<'cpu' | 'memory', string>>;

interface ContainerSpec extends Container {
  securityContext?: SecurityContext;
  resources?: { requests?: Quantities; limits?: Quantities };
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  volumeMounts?: { name: string; mountPath: string }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
}

interface PodSpec {
  containers: ContainerSpec[];
  initContainers?: ContainerSpec[];
  securityContext?: SecurityContext;
  automountServiceAccountToken?: boolean;
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  volumes?: { name: string; emptyDir?: unknown }[];
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: {
    key: string;
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    values?: string[];
  }[];
}

/** Variables that carry credentials: never written into a manifest, always from a Secret. */
const SECRET_VARIABLES = ['DATABASE_URL', 'REDIS_URL', 'ALERT_WEBHOOK_URL', 'ALERT_SMTP_URL'];

const name = (object: KubernetesObject) => `${object.kind}/${object.metadata.name}`;

/** Parses a Kubernetes quantity of CPU or memory into cores or bytes. */
export function parseQuantity(quantity: string): number {
  const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(quantity);
  if (!match) throw new Error(`unreadable quantity ${quantity}`);
  const factors: Record<string, number> = {
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
  };
  return Number(match[1]) * (match[2] ? (factors[match[2]] ?? 1) : 1);
}

/**
 * Whether a label selector selects an object with these labels.
 * @param selector - a label selector (matchLabels and matchExpressions)
 * @param labels - the object's labels
 */
export function selects(
  selector: LabelSelector | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  const byLabel = Object.entries(selector?.matchLabels ?? {}).every(
    ([key, value]) => labels?.[key] === value,
  );
  return (
    byLabel &&
    (selector?.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
      const value = labels?.[key];
      if (operator === 'Exists') return value !== undefined;
      if (operator === 'DoesNotExist') return value === undefined;
      const listed = value !== undefined && values.includes(value);
      return operator === 'In' ? listed : !listed;
    })
  );
}

/** The labels of a workload's pods. */
export function podLabels(object: KubernetesObject): Record<string, string> | undefined {
  return (object.spec as { template?: { metadata?: { labels?: Record<string, string> } } }).template?.metadata
    ?.labels;
}

function containerProblems(where: string, container: ContainerSpec, pod: PodSpec): string[] {
  const problems: string[] = [];
  const at = `${where} container ${container.name}`;
  const security = container.securityContext ?? {};
  if (security.privileged !== false) problems.push(`${at}: privileged is not false`);
  if (security.allowPrivilegeEscalation !== false)
    problems.push(`${at}: allowPrivilegeEscalation is not false`);
  if (security.readOnlyRootFilesystem !== true) problems.push(`${at}: the root filesystem is writable`);
  if (!security.capabilities?.drop?.includes('ALL')) problems.push(`${at}: capabilities are not dropped`);
  if ((security.capabilities?.add ?? []).length > 0) problems.push(`${at}: adds capabilities`);
  if (security.runAsUser === 0) problems.push(`${at}: runs as root`);
  const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp');
  if (!tmp || !pod.volumes?.some((volume) => volume.name === tmp.name && volume.emptyDir))
    problems.push(`${at}: no writable /tmp (an emptyDir) beside the read-only root filesystem`);

  for (const kind of ['requests', 'limits'] as const)
    for (const resource of ['cpu', 'memory'] as const)
      if (!container.resources?.[kind]?.[resource])
        problems.push(`${at}: no ${resource} ${kind.slice(0, -1)}`);
  for (const resource of ['cpu', 'memory'] as const) {
    const request = container.resources?.requests?.[resource];
    const limit = container.resources?.limits?.[resource];
    if (request && limit && parseQuantity(request) > parseQuantity(limit))
      problems.push(`${at}: ${resource} request above its limit`);
  }

  const [, tag] = /:([^:/@]+)$/.exec(container.image) ?? [];
  if (!container.image.includes('@') && (!tag || tag === 'latest'))
    problems.push(`${at}: image ${container.image} has no pinned tag or digest`);

  for (const variable of container.env ?? []) {
    if (SECRET_VARIABLES.includes(variable.name) && !variable.valueFrom?.secretKeyRef)
      problems.push(`${at}: ${variable.name} is not taken from a Secret`);
  }
  return problems;
}

function probeProblems(where: string, container: ContainerSpec): string[] {
  const problems: string[] = [];
  const portNames = new Map((container.ports ?? []).map((port) => [port.name, port.containerPort]));
  const portNumbers = new Set((container.ports ?? []).map((port) => port.containerPort));
  for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe'] as const) {
    const get = container[probe]?.httpGet;
    if (!get) {
      problems.push(`${where}: no ${probe}`);
      continue;
    }
    if (!['/healthz', '/readyz'].includes(get.path ?? ''))
      problems.push(`${where}: ${probe} is not on /healthz or /readyz`);
    const port = typeof get.port === 'string' ? portNames.get(get.port) : get.port;
    if (port === undefined || !portNumbers.has(port))
      problems.push(`${where}: ${probe} names a port the container does not declare`);
  }
  // A restart only helps a process that does not answer; a dependency that is down is not fixed by one.
  if (container.livenessProbe?.httpGet?.path !== '/healthz')
    problems.push(`${where}: liveness is not /healthz`);
  return problems;
}

function workloadProblems(object: KubernetesObject): string[] {
  const pod = podSpecOf(object) as PodSpec | null;
  if (!pod) return [];
  const where = name(object);
  const problems: string[] = [];
  const security = pod.securityContext ?? {};
  if (security.runAsNonRoot !== true) problems.push(`${where}: runAsNonRoot is not true`);
  // runAsNonRoot can only check a numeric user; the image names its user (`node`).
  if (!security.runAsUser || security.runAsUser === 0) problems.push(`${where}: no non-zero runAsUser`);
  if (security.seccompProfile?.type !== 'RuntimeDefault')
    problems.push(`${where}: no RuntimeDefault seccomp profile`);
  if (pod.automountServiceAccountToken !== false) problems.push(`${where}: mounts a service account token`);
  for (const host of ['hostNetwork', 'hostPID', 'hostIPC'] as const)
    if (pod[host]) problems.push(`${where}: uses ${host}`);
  for (const container of [...pod.containers, ...(pod.initContainers ?? [])]) {
    problems.push(...containerProblems(where, container, pod));
    if (object.kind === 'Deployment') {
      problems.push(...probeProblems(`${where} container ${container.name}`, container));
      const migrate = container.env?.find((variable) => variable.name === 'MIGRATE_ON_START');
      if (migrate?.value !== 'false')
        problems.push(`${where}: MIGRATE_ON_START is not false (the Job migrates)`);
    }
  }
  return problems;
}

function networkProblems(objects: KubernetesObject[]): string[] {
  const problems: string[] = [];
  const policies = objects.filter((object) => object.kind === 'NetworkPolicy');
  const denyAll = policies.find((policy) => {
    const spec = policy.spec as {
      podSelector?: LabelSelector;
      policyTypes?: string[];
      ingress?: unknown;
      egress?: unknown;
    };
    return (
      Object.keys(spec.podSelector?.matchLabels ?? {}).length === 0 &&
      spec.policyTypes?.includes('Ingress') &&
      spec.policyTypes.includes('Egress') &&
      spec.ingress === undefined &&
      spec.egress === undefined
    );
  });
  if (!denyAll) problems.push('no default-deny NetworkPolicy for ingress and egress');

  // Ingress rules that admit any source: only the listener's MLLP port may have one.
  for (const policy of policies) {
    const spec = policy.spec as {
      podSelector?: LabelSelector;
      ingress?: { from?: unknown[]; ports?: { port?: number | string }[] }[];
    };
    for (const rule of spec.ingress ?? []) {
      if (rule.from !== undefined && rule.from.length > 0) continue;
      const pods = objects.filter(
        (object) => podSpecOf(object) && selects(spec.podSelector, podLabels(object)),
      );
      const ports = (rule.ports ?? []).map((port) => port.port);
      const onlyMllp =
        ports.length > 0 &&
        ports.every((port) => port === 'mllp' || port === 2575) &&
        pods.length > 0 &&
        pods.every((pod) => pod.metadata.name === 'adt-listener');
      if (!onlyMllp)
        problems.push(
          `${name(policy)}: admits every source to ${ports.length ? ports.join(', ') : 'every port'}`,
        );
    }
  }
  return problems;
}

function exposureProblems(objects: KubernetesObject[]): string[] {
  const problems: string[] = [];
  for (const service of objects.filter((object) => object.kind === 'Service')) {
    const spec = service.spec as {
      type?: string;
      ports?: { port: number }[];
      selector?: Record<string, string>;
    };
    const backed = objects.some(
      (object) => podSpecOf(object) && selects({ matchLabels: spec.selector }, podLabels(object)),
    );
    if (!backed) problems.push(`${name(service)}: selects no pods`);
    if (spec.type === 'LoadBalancer' || spec.type === 'NodePort') {
      const ports = (spec.ports ?? []).map((port) => port.port);
      if (ports.length !== 1 || ports[0] !== 2575)
        problems.push(`${name(service)}: exposes ${ports.join(', ')} outside the cluster`);
    }
  }
  for (const ingress of objects.filter((object) => object.kind === 'Ingress')) {
    const spec = ingress.spec as {
      tls?: { hosts?: string[]; secretName?: string }[];
      rules?: { host?: string }[];
    };
    for (const rule of spec.rules ?? []) {
      const covered = (spec.tls ?? []).some(
        (tls) => tls.secretName && rule.host && tls.hosts?.includes(rule.host),
      );
      if (!covered) problems.push(`${name(ingress)}: host ${rule.host ?? '(any)'} is served without TLS`);
    }
  }
  if (objects.some((object) => object.kind === 'Secret'))
    problems.push('a Secret is part of the manifests; reference one instead');
  return problems;
}

function availabilityProblems(objects: KubernetesObject[]): string[] {
  const problems: string[] = [];
  const budgets = objects.filter((object) => object.kind === 'PodDisruptionBudget');
  for (const deployment of objects.filter((object) => object.kind === 'Deployment')) {
    const covered = budgets.some((budget) =>
      selects((budget.spec as { selector?: LabelSelector }).selector, podLabels(deployment)),
    );
    if (!covered) problems.push(`${name(deployment)}: no PodDisruptionBudget`);
  }
  return problems;
}

/**
 * Every policy violation in a rendered manifest set; empty when it complies.
 * @param objects - the objects an overlay renders to
 */
export function policyViolations(objects: KubernetesObject[]): string[] {
  return [
    ...objects.flatMap(workloadProblems),
    ...networkProblems(objects),
    ...exposureProblems(objects),
    ...availabilityProblems(objects),
  ];
}
