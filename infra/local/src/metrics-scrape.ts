/** One sample of a process's /metrics: a metric (or histogram part) name, its labels, its value. */
export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][\w:]*)(?:\{([^}]*)\})? (\S+)$/;
const LABEL = /(\w+)="([^"]*)"/g;

/** The samples a process serves on /metrics (`origin`: its http://host:port), for tests and benchmarks. */
export async function scrapeMetrics(origin: string): Promise<MetricSample[]> {
  const text = await (await fetch(new URL('/metrics', origin))).text();
  const samples: MetricSample[] = [];
  for (const line of text.split('\n')) {
    const match = SAMPLE.exec(line);
    if (!match) continue; // comments (# HELP, # TYPE) and blank lines
    const labels = Object.fromEntries(
      [...(match[2] ?? '').matchAll(LABEL)].map((l) => [l[1]!, l[2]!]),
    );
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The sum of a metric's samples whose labels include `labels`. */
export function metricTotal(
  samples: MetricSample[],
  name: string,
  labels: Record<string, string> = {},
): number {
  return samples
    .filter(
      (sample) =>
        sample.name === name &&
        Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
    )
    .reduce((sum, sample) => sum + sample.value, 0);
}
