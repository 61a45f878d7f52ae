import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The Kubernetes files: every process deployed with probes, resources, a Service and an autoscaler. */
const dir = __dirname;
const PROCESSES = ['identity', 'customer', 'document', 'notification', 'gateway'];

interface Container {
  readinessProbe: { httpGet: { path: string } };
  livenessProbe: { httpGet: { path: string } };
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  env?: { name: string; valueFrom?: { secretKeyRef?: object } }[];
}
interface Deployment {
  selector: { matchLabels: Record<string, string> };
  template: {
    metadata: { labels: Record<string, string> };
    spec: { containers: Container[]; securityContext: { runAsNonRoot: boolean } };
  };
}
/** The fields these tests read, per kind. */
interface Manifest {
  kind: string;
  metadata: { name: string };
  spec: Deployment & {
    selector: Record<string, string>;
    scaleTargetRef: object;
    minReplicas: number;
  };
}
const manifestsOf = (file: string): Manifest[] =>
  parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((doc) => doc.toJS() as Manifest);

describe('Kubernetes manifests', () => {
  const kustomization = manifestsOf('kustomization.yaml')[0] as unknown as { resources: string[] };

  it('list every process in the kustomization', () => {
    expect(kustomization.resources.sort()).toEqual(
      ['config.yaml', ...PROCESSES.map((name) => `${name}.yaml`)].sort(),
    );
  });

  it.each(PROCESSES)('deploy %s with probes, resources, a Service and an autoscaler', (name) => {
    const manifests = manifestsOf(`${name}.yaml`);
    expect(manifests.map((manifest) => manifest.kind)).toEqual([
      'Deployment',
      'Service',
      'HorizontalPodAutoscaler',
    ]);
    const [deployment, service, autoscaler] = manifests as [Manifest, Manifest, Manifest];
    const pod = deployment.spec.template.spec;
    const container = pod.containers[0]!;
    expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');
    expect(container.resources.requests).toEqual(
      expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }),
    );
    expect(container.resources.limits.memory).toEqual(expect.any(String));
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    // The selector, the pod labels and the Service all name the same process.
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
    // Secrets come from the Secret, never inline.
    for (const variable of container.env ?? [])
      if (/SECRET|KEY|SMTP_URL/.test(variable.name))
        expect(variable.valueFrom.secretKeyRef).toBeDefined();
  });
});
