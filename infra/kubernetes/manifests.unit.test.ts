import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The Kubernetes files: every process deployed hardened, with a Service, an autoscaler and a budget. */
const dir = __dirname;
const PROCESSES = ['identity', 'customer', 'document', 'notification', 'gateway'];

interface Container {
  image: string;
  readinessProbe: { httpGet: { path: string } };
  livenessProbe: { httpGet: { path: string } };
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: object } }[];
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  securityContext: {
    allowPrivilegeEscalation: boolean;
    capabilities?: { drop?: string[] };
  };
}
interface PodSpec {
  containers: Container[];
  terminationGracePeriodSeconds: number;
  securityContext: { runAsNonRoot: boolean; seccompProfile?: { type: string } };
}
interface Deployment {
  selector: { matchLabels: Record<string, string> };
  template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
}
/** The fields these tests read, per kind. */
interface Manifest {
  kind: string;
  metadata: { name: string };
  spec: Deployment & {
    selector: Record<string, string>;
    scaleTargetRef: object;
    minReplicas: number;
    minAvailable: number;
  };
}
const manifestsOf = (file: string): Manifest[] =>
  parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((doc) => doc.toJS() as Manifest);

// The process's own drain takes up to this long after SIGTERM (service-runtime's shutdown).
const DRAIN_SECONDS = 30;

describe('Kubernetes manifests', () => {
  const kustomization = manifestsOf('kustomization.yaml')[0] as unknown as {
    resources: string[];
    images: { name: string; newTag: string }[];
  };

  it('list every process, the network policies and the ingress in the kustomization', () => {
    expect(kustomization.resources.sort()).toEqual(
      [
        'config.yaml',
        'ingress.yaml',
        'network-policies.yaml',
        ...PROCESSES.map((name) => `${name}.yaml`),
      ].sort(),
    );
  });

  it('pin every image to a released version', () => {
    expect(kustomization.images.map((image) => image.name).sort()).toEqual(
      PROCESSES.map((name) => `portico/${name}`).sort(),
    );
    for (const image of kustomization.images) expect(image.newTag).toMatch(/^\d+\.\d+\.\d+$/);
    for (const name of PROCESSES)
      expect(readFileSync(join(dir, `${name}.yaml`), 'utf8')).not.toMatch(/:latest\b/);
  });

  it.each(PROCESSES)('deploy %s hardened, with a Service, an autoscaler and a budget', (name) => {
    const manifests = manifestsOf(`${name}.yaml`);
    expect(manifests.map((manifest) => manifest.kind)).toEqual([
      'Deployment',
      'Service',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
    ]);
    const [deployment, service, autoscaler, budget] = manifests as [
      Manifest,
      Manifest,
      Manifest,
      Manifest,
    ];
    const pod = deployment.spec.template.spec;
    const container = pod.containers[0]!;
    expect(container.image).toBe(`portico/${name}`);
    expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');
    expect(container.resources.requests).toEqual(
      expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }),
    );
    expect(container.resources.limits.memory).toEqual(expect.any(String));
    // Least privilege: not root, no capabilities, the runtime's default seccomp filter.
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
    expect(container.securityContext.allowPrivilegeEscalation).toBe(false);
    expect(container.securityContext.capabilities?.drop).toEqual(['ALL']);
    // A pause before SIGTERM, and room for it and the drain before the kill.
    const [sleep, seconds] = container.lifecycle?.preStop?.exec?.command ?? [];
    expect(sleep).toBe('sleep');
    expect(Number(seconds)).toBeGreaterThanOrEqual(3);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(Number(seconds) + DRAIN_SECONDS);
    // The selector, the pod labels, the Service and the budget all name the same process.
    expect(deployment.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': name });
    expect(pod.containers).toHaveLength(1);
    expect(deployment.spec.template.metadata.labels['app.kubernetes.io/name']).toBe(name);
    expect(service.spec.selector).toEqual({ 'app.kubernetes.io/name': name });
    expect(autoscaler.spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name,
    });
    expect(autoscaler.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(budget.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': name } });
    expect(budget.spec.minAvailable).toBeGreaterThanOrEqual(1);
    expect(budget.spec.minAvailable).toBeLessThan(autoscaler.spec.minReplicas);
    // Secrets come from the Secret, never inline.
    for (const variable of container.env ?? [])
      if (/SECRET|KEY|SMTP_URL/.test(variable.name))
        expect(variable.valueFrom?.secretKeyRef).toBeDefined();
  });

  it('route the public host to the gateway over TLS', () => {
    const [ingress] = manifestsOf('ingress.yaml') as unknown as [
      {
        kind: string;
        spec: {
          tls: { hosts: string[]; secretName: string }[];
          rules: { host: string; http: { paths: { path: string; backend: unknown }[] } }[];
        };
      },
    ];
    expect(ingress.kind).toBe('Ingress');
    const [rule] = ingress.spec.rules;
    expect(ingress.spec.tls[0]!.hosts).toEqual([rule!.host]);
    expect(rule!.http.paths).toEqual([
      {
        path: '/',
        pathType: 'Prefix',
        backend: { service: { name: 'gateway', port: { name: 'http' } } },
      },
    ]);
  });
});

interface Selector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In'; values: string[] }[];
}
interface NetworkPolicy {
  spec: {
    podSelector: Selector;
    policyTypes: string[];
    ingress: {
      from?: { podSelector?: Selector; namespaceSelector?: Selector }[];
      ports?: { port: string }[];
    }[];
  };
}
const selects = (selector: Selector, labels: Record<string, string>) =>
  Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value) &&
  (selector.matchExpressions ?? []).every(({ key, values }) => values.includes(labels[key]!));

/** A pod by its app name, in Portico's namespace unless another is named. */
interface Peer {
  name: string;
  namespace?: string;
}

/**
 * Whether `from` may open a connection to pods named `to` on `port`, as Kubernetes decides it
 * for the selectors these files use: allowed when no policy selects the target, else when
 * some rule of a selecting policy admits the peer and the port.
 */
function mayReach(policies: NetworkPolicy[], from: Peer, to: string, port: string): boolean {
  const target = { 'app.kubernetes.io/name': to };
  const selecting = policies.filter(
    ({ spec }) => spec.policyTypes.includes('Ingress') && selects(spec.podSelector, target),
  );
  if (selecting.length === 0) return true;
  const namespace = from.namespace ?? 'portico';
  return selecting.some(({ spec }) =>
    spec.ingress.some(
      (rule) =>
        (rule.ports === undefined || rule.ports.some((each) => each.port === port)) &&
        (rule.from === undefined ||
          rule.from.some((peer) =>
            peer.namespaceSelector
              ? selects(peer.namespaceSelector, { 'kubernetes.io/metadata.name': namespace })
              : namespace === 'portico' &&
                selects(peer.podSelector!, { 'app.kubernetes.io/name': from.name }),
          )),
    ),
  );
}

describe('network policies', () => {
  const policies = manifestsOf('network-policies.yaml') as unknown as NetworkPolicy[];
  const reach = (from: Peer | string, to: string, port = 'http') =>
    mayReach(policies, typeof from === 'string' ? { name: from } : from, to, port);
  const SUBGRAPHS = ['identity', 'customer', 'document', 'notification'];

  it('let only the gateway reach the subgraphs', () => {
    for (const subgraph of SUBGRAPHS) expect(reach('gateway', subgraph)).toBe(true);
    for (const subgraph of ['customer', 'document', 'notification']) {
      for (const other of SUBGRAPHS) expect(reach(other, subgraph)).toBe(false);
      expect(reach('debug-shell', subgraph)).toBe(false);
      expect(reach({ name: 'gateway', namespace: 'other-team' }, subgraph)).toBe(false);
    }
  });

  it('let the processes fetch identity’s signing keys, and nobody else', () => {
    for (const verifier of ['customer', 'document', 'notification'])
      expect(reach(verifier, 'identity')).toBe(true);
    expect(reach('debug-shell', 'identity')).toBe(false);
  });

  it('let anyone reach the gateway’s HTTP port, and only Prometheus the metrics ports', () => {
    expect(reach({ name: 'ingress-nginx', namespace: 'ingress' }, 'gateway')).toBe(true);
    for (const name of PROCESSES) {
      expect(reach({ name: 'prometheus', namespace: 'monitoring' }, name, 'metrics')).toBe(true);
      expect(reach('debug-shell', name, 'metrics')).toBe(false);
    }
  });

  it('let only the services reach MongoDB and Kafka', () => {
    for (const service of SUBGRAPHS) {
      expect(reach(service, 'mongodb', 'mongodb')).toBe(true);
      expect(reach(service, 'kafka', 'kafka')).toBe(true);
    }
    expect(reach('gateway', 'kafka', 'kafka')).toBe(true);
    expect(reach('gateway', 'mongodb', 'mongodb')).toBe(false);
    expect(reach('mongodb', 'mongodb', 'mongodb')).toBe(true);
    expect(reach('kafka', 'kafka', 'kafka')).toBe(true);
    for (const outsider of ['debug-shell', 'web-shop'])
      for (const store of ['mongodb', 'kafka']) expect(reach(outsider, store, store)).toBe(false);
    expect(reach({ name: 'identity', namespace: 'other-team' }, 'mongodb', 'mongodb')).toBe(false);
  });
});
