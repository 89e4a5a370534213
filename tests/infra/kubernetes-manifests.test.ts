import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { unknownFieldErrors } from './kubernetes-fields.js';
import { schemaErrors } from './kubernetes-schemas.js';
import { buildKustomization, podSpecOf, type KubernetesObject } from './kustomize-build.js';
import { parseQuantity, podLabels, policyViolations, selects } from './manifest-policy.js';

const repository = path.resolve(import.meta.dirname, '../..');
const overlaysDirectory = path.join(repository, 'infra/kubernetes/overlays');
const overlays = ['small', 'regional'];
const render = (overlay: string) => buildKustomization(path.join(overlaysDirectory, overlay));

const find = (objects: KubernetesObject[], kind: string, name: string) => {
  const object = objects.find((candidate) => candidate.kind === kind && candidate.metadata.name === name);
  if (!object) throw new Error(`${kind}/${name} is not rendered`);
  return object;
};

interface TestContainer {
  name: string;
  image: string;
  command?: string[];
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  ports?: { name: string; containerPort: number }[];
  readinessProbe?: { httpGet?: { path?: string; port?: string | number } };
  securityContext?: Record<string, unknown>;
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
}

const containerOf = (object: KubernetesObject) => podSpecOf(object)?.containers[0] as TestContainer;

function kubectlAvailable(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.each(overlays)('the %s overlay', (overlay) => {
  const objects = render(overlay);

  it('renders the three services, their exposure, budgets, autoscaler, policies and the migration', () => {
    const kinds = objects.map((object) => `${object.kind}/${object.metadata.name}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'Deployment/adt-listener',
        'Deployment/adt-worker',
        'Deployment/adt-api',
        'Service/adt-listener-mllp',
        'Service/adt-api',
        'Ingress/adt-api',
        'PodDisruptionBudget/adt-listener',
        'PodDisruptionBudget/adt-worker',
        'PodDisruptionBudget/adt-api',
        'HorizontalPodAutoscaler/adt-worker',
        'NetworkPolicy/adt-default-deny',
        'Job/adt-migrate',
      ]),
    );
    expect(new Set(objects.map((object) => object.metadata.namespace))).toEqual(new Set(['adt-followup']));
  });

  it('validates every object against the Kubernetes schemas', () => {
    expect(objects.flatMap(schemaErrors)).toEqual([]);
  });

  it('meets the deployment policy', () => {
    expect(policyViolations(objects)).toEqual([]);
  });

  it.skipIf(!kubectlAvailable())(
    'renders as kubectl kustomize does (skipped where kubectl is not installed)',
    () => {
      const directory = path.join(overlaysDirectory, overlay);
      const output = execFileSync('kubectl', ['kustomize', directory], { encoding: 'utf8' });
      const reference = parseAllDocuments(output).map((document) => document.toJS() as KubernetesObject);
      const key = (object: KubernetesObject) => `${object.kind}/${object.metadata.name}`;
      expect(reference.map(key).sort()).toEqual(objects.map(key).sort());
      for (const expected of reference) {
        const rendered = objects.find((object) => key(object) === key(expected));
        expect(isDeepStrictEqual(rendered, expected), key(expected)).toBe(true);
      }
    },
  );

  it('runs every container from one pinned image, the migration Job included', () => {
    const images = new Set(
      objects.flatMap((object) => podSpecOf(object)?.containers.map((c) => c.image) ?? []),
    );
    expect(images.size).toBe(1);
    expect([...images][0]).toMatch(/^[^@]+(:[\w.-]+|@sha256:[0-9a-f]{64})$/);
  });

  it('scales workers on the waiting-jobs gauge the worker exposes, and on CPU', () => {
    const autoscaler = find(objects, 'HorizontalPodAutoscaler', 'adt-worker').spec as {
      scaleTargetRef: { kind: string; name: string };
      minReplicas: number;
      maxReplicas: number;
      metrics: {
        type: string;
        external?: { metric: { name: string; selector?: { matchLabels?: Record<string, string> } } };
      }[];
    };
    expect(autoscaler.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'adt-worker' });
    expect(autoscaler.maxReplicas).toBeGreaterThan(autoscaler.minReplicas);
    const external = autoscaler.metrics.find((metric) => metric.type === 'External')?.external;
    const gauges = readFileSync(
      path.join(repository, 'services/followup-worker/src/queue-metrics.ts'),
      'utf8',
    );
    expect(gauges).toContain(`name: '${external?.metric.name}'`);
    expect(gauges).toContain(`labelNames: ['state']`);
    expect(external?.metric.selector?.matchLabels).toEqual({ state: 'waiting' });
    expect(autoscaler.metrics.map((metric) => metric.type)).toContain('Resource');
    // The autoscaler owns the worker count: a fixed one in the Deployment would undo it on every apply.
    expect(
      (find(objects, 'Deployment', 'adt-worker').spec as { replicas?: number }).replicas,
    ).toBeUndefined();
  });

  it('runs migrations in the Job, with the image`s adt command, before the services', () => {
    const job = find(objects, 'Job', 'adt-migrate');
    expect(containerOf(job).command).toEqual(['adt', 'migrate']);
    // deploy.sh applies the Job first by this label; Argo CD runs it as a PreSync hook.
    expect(job.metadata.labels?.['app.kubernetes.io/component']).toBe('migrate');
    expect(job.metadata.annotations).toMatchObject({ 'argocd.argoproj.io/hook': 'PreSync' });
    expect(readFileSync(path.join(repository, 'infra/kubernetes/deploy.sh'), 'utf8')).toContain(
      'wait --for=condition=complete',
    );
    const deployments = objects.filter((object) => object.kind === 'Deployment');
    for (const deployment of deployments)
      expect(deployment.metadata.labels?.['app.kubernetes.io/component']).not.toBe('migrate');
  });
});

describe('fields', () => {
  // One type-check for both overlays (building the program is the slow part), with a copy of the
  // listener that misspells a field, to show that an unknown field is reported.
  it('uses no field Kubernetes does not know', () => {
    const objects = overlays.flatMap(render);
    const misspelt = structuredClone(find(objects, 'Deployment', 'adt-listener'));
    misspelt.metadata.name = 'misspelt';
    const container = containerOf(misspelt) as TestContainer & { readinessprobe?: unknown };
    container.readinessprobe = container.readinessProbe;
    delete container.readinessProbe;
    expect(unknownFieldErrors([...objects, misspelt])).toEqual([
      expect.stringMatching(
        /^Deployment\/misspelt: .*'"readinessprobe"' does not exist in type 'IContainer'/,
      ),
    ]);
  });
});

describe('the manifests and the image agree', () => {
  const objects = render('small');
  const dockerfile = readFileSync(path.join(repository, 'Dockerfile'), 'utf8');
  const services: [string, string, string][] = [
    ['adt-listener', 'listener', 'LISTENER_HTTP_PORT'],
    ['adt-worker', 'followup-worker', 'WORKER_HTTP_PORT'],
    ['adt-api', 'api', 'HTTP_PORT'],
  ];

  it.each(services)(
    '%s runs its service, probes the port that service listens on',
    (deployment, service, portVariable) => {
      const container = containerOf(find(objects, 'Deployment', deployment));
      expect(container.command).toEqual(['node', `services/${service}/dist/main.js`]);
      expect(dockerfile).toContain(`services/${service}/dist/main.js`);
      expect(existsSync(path.join(repository, 'services', service, 'src/main.ts'))).toBe(true);
      const listensOn = Number(container.env?.find((variable) => variable.name === portVariable)?.value);
      const probePort = container.readinessProbe?.httpGet?.port;
      expect(container.ports?.find((port) => port.name === probePort)?.containerPort).toBe(listensOn);
    },
  );

  it('runs as the image`s own user, with the adt command the Job calls', () => {
    // The official node images' `node` user is uid 1000.
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toContain('/usr/local/bin/adt');
    for (const object of objects.filter((candidate) => podSpecOf(candidate)))
      expect((podSpecOf(object)?.securityContext as { runAsUser?: number }).runAsUser).toBe(1000);
  });

  /** Ports the NetworkPolicies let a workload's pods connect to. */
  const egressPorts = (workload: KubernetesObject) =>
    objects
      .filter((object) => object.kind === 'NetworkPolicy')
      .map(
        (object) =>
          object.spec as {
            podSelector?: Parameters<typeof selects>[0];
            egress?: { ports?: { port?: number | string }[] }[];
          },
      )
      .filter((spec) => selects(spec.podSelector, podLabels(workload)))
      .flatMap((spec) => (spec.egress ?? []).flatMap((rule) => (rule.ports ?? []).map((port) => port.port)));

  it.each(['adt-listener', 'adt-worker'])(
    '%s, which sends the in-product alerts, gets their destinations and may reach them',
    (deployment) => {
      const workload = find(objects, 'Deployment', deployment);
      const env = containerOf(workload).env ?? [];
      for (const variable of ['ALERT_WEBHOOK_URL', 'ALERT_SMTP_URL'])
        expect(env.find((candidate) => candidate.name === variable)?.valueFrom).toEqual({
          secretKeyRef: { name: 'adt-followup-secrets', key: variable, optional: true },
        });
      expect(egressPorts(workload)).toEqual(expect.arrayContaining([443, 587, 5432, 6379, 53]));
    },
  );

  it('lets the API reach Postgres, Redis and DNS, and nothing else', () => {
    expect(new Set(egressPorts(find(objects, 'Deployment', 'adt-api')))).toEqual(new Set([53, 5432, 6379]));
  });

  it('routes MLLP to the listener with the sender`s address kept, and the Ingress to the API', () => {
    const mllp = find(objects, 'Service', 'adt-listener-mllp').spec as Record<string, unknown>;
    expect(mllp).toMatchObject({ type: 'LoadBalancer', externalTrafficPolicy: 'Local' });
    const ingress = JSON.stringify(find(objects, 'Ingress', 'adt-api').spec);
    expect(ingress).toContain('"name":"adt-api"');
  });

  // Peak RSS of each process in the 1,000,000-message run of 2026-11-23 (docs/performance.md).
  const measuredPeakMb: Record<string, number> = { 'adt-listener': 199, 'adt-worker': 139, 'adt-api': 247 };

  it.each(Object.entries(measuredPeakMb))(
    'gives %s a memory limit above its measured peak RSS',
    (deployment, peakMb) => {
      const limit = containerOf(find(objects, 'Deployment', deployment)).resources?.limits?.memory ?? '0';
      expect(parseQuantity(limit)).toBeGreaterThan(1.5 * peakMb * 1e6);
    },
  );
});

describe('the checks find what they are for', () => {
  const fresh = () => render('small');
  const listener = (objects: KubernetesObject[]) => containerOf(find(objects, 'Deployment', 'adt-listener'));

  it('a privileged container, a writable root filesystem and a missing limit', () => {
    const objects = fresh();
    const container = listener(objects);
    container.securityContext = {
      ...container.securityContext,
      privileged: true,
      readOnlyRootFilesystem: false,
    };
    delete container.resources?.limits?.memory;
    expect(policyViolations(objects)).toEqual(
      expect.arrayContaining([
        'Deployment/adt-listener container listener: privileged is not false',
        'Deployment/adt-listener container listener: the root filesystem is writable',
        'Deployment/adt-listener container listener: no memory limit',
      ]),
    );
  });

  it('a database address written into the manifest, and a service that migrates on start', () => {
    const objects = fresh();
    const env = listener(objects).env ?? [];
    for (const variable of env) {
      if (variable.name === 'DATABASE_URL') {
        delete variable.valueFrom;
        variable.value = 'postgres://postgres:secret@db/adt';
      }
      if (variable.name === 'MIGRATE_ON_START') variable.value = 'true';
    }
    expect(policyViolations(objects)).toEqual(
      expect.arrayContaining([
        'Deployment/adt-listener container listener: DATABASE_URL is not taken from a Secret',
        'Deployment/adt-listener: MIGRATE_ON_START is not false (the Job migrates)',
      ]),
    );
  });

  it('no default-deny policy, the API opened to everyone, the API exposed on a node port', () => {
    const objects = fresh().filter((object) => object.metadata.name !== 'adt-default-deny');
    const apiPolicy = find(objects, 'NetworkPolicy', 'adt-api-ingress').spec as {
      ingress: { from?: unknown }[];
    };
    delete apiPolicy.ingress[0]?.from;
    (find(objects, 'Service', 'adt-api').spec as { type: string }).type = 'NodePort';
    expect(policyViolations(objects)).toEqual(
      expect.arrayContaining([
        'no default-deny NetworkPolicy for ingress and egress',
        'NetworkPolicy/adt-api-ingress: admits every source to http',
        'Service/adt-api: exposes 80 outside the cluster',
      ]),
    );
  });

  it('an Ingress without TLS and a Deployment without a disruption budget', () => {
    const objects = fresh().filter(
      (object) => !(object.kind === 'PodDisruptionBudget' && object.metadata.name === 'adt-api'),
    );
    delete (find(objects, 'Ingress', 'adt-api').spec as { tls?: unknown }).tls;
    expect(policyViolations(objects)).toEqual(
      expect.arrayContaining([
        'Ingress/adt-api: host adt-followup.example.org is served without TLS',
        'Deployment/adt-api: no PodDisruptionBudget',
      ]),
    );
  });

  it('an object the Kubernetes schema refuses', () => {
    const objects = fresh();
    const port = listener(objects).ports?.[0] as unknown as Record<string, unknown>;
    port.containerPort = 'mllp';
    const budget = find(objects, 'PodDisruptionBudget', 'adt-worker').spec as Record<string, unknown>;
    budget.unhealthyPodEvictionPolicy = 'Sometimes';
    expect(objects.flatMap(schemaErrors)).toEqual([
      expect.stringContaining(
        'Deployment/adt-listener: data/spec/template/spec/containers/0/ports/0/containerPort must be integer',
      ),
      expect.stringContaining(
        'PodDisruptionBudget/adt-worker: data/spec/unhealthyPodEvictionPolicy must be equal to one of the allowed values',
      ),
    ]);
  });
});

describe('docker-compose.yml', () => {
  interface ComposeService {
    command?: string[];
    ports?: string[];
    profiles?: string[];
    environment?: Record<string, string>;
  }
  const compose = parse(readFileSync(path.join(repository, 'docker-compose.yml'), 'utf8'), {
    merge: true,
  }) as {
    services: Record<string, ComposeService>;
  };

  it('scales workers on one box: the scale profile runs the worker with no published port to clash', () => {
    const worker = compose.services.worker;
    const extra = compose.services['worker-scale'];
    expect(extra?.profiles).toEqual(['scale']);
    expect(extra?.command).toEqual(worker?.command);
    expect(extra?.environment).toEqual(worker?.environment);
    expect(extra?.ports ?? []).toEqual([]);
    // Without the profile, one box runs as before: one worker, its ops port on the host's loopback.
    expect(worker?.profiles).toBeUndefined();
    expect(worker?.ports).toEqual(['127.0.0.1:2581:2581']);
  });
});
