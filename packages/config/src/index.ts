import { keyringFrom } from '@portico/event-secrets';
import { z } from 'zod';

export { z };
export { envEntries, type EnvEntry } from './env-entries';

/** Thrown when the environment does not satisfy a process's config schema. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${variable}: ${reason}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses `env` with `schema`. The first problem becomes a ConfigError whose
 * message names the variable, so a bad start-up says exactly what to fix.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const variable = issue.path.join('.') || '(environment)';
  const reason =
    issue.code === 'invalid_type' && env[variable] === undefined ? 'is required' : issue.message;
  throw new ConfigError(variable, reason);
}

/** loadConfig for process entry points: prints one line and exits 1 on failure. */
export function loadConfigOrExit<S extends z.ZodType>(schema: S): z.infer<S> {
  try {
    return loadConfig(schema);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

const METRICS_PORT_OFFSET = 5000;

/** A comma-separated setting as its trimmed, non-empty entries. */
export const commaSeparated = (value: string): string[] =>
  value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);

/**
 * A transform for a string setting that `parse` turns into what the process uses; what `parse`
 * throws becomes the variable's error (one line naming it, as every bad setting gets).
 */
export const parsedBy =
  <T>(parse: (value: string) => T) =>
  (value: string, context: z.RefinementCtx): T => {
    try {
      return parse(value);
    } catch (error) {
      context.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  };

/** Keys every Portico process reads, each with a short doc string. */
export const commonEnv = {
  NODE_ENV: z
    .enum(['development', 'test', 'production'])
    // Unset is production: introspection and GraphiQL only where someone asked for them.
    .default('production')
    .describe('development or test turn on introspection and GraphiQL; unset is production'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('pino log level'),
  PORT: z.coerce.number().int().min(1).max(65535).describe('HTTP port of this process'),
  METRICS_PORT: z.coerce
    .number()
    .int()
    .min(1)
    .max(65535)
    .optional()
    .describe(
      `internal port serving Prometheus /metrics only (never publish it); PORT + ${METRICS_PORT_OFFSET} when unset`,
    ),
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .url()
    .optional()
    .describe(
      'OpenTelemetry collector (OTLP/HTTP); traces go to <it>/v1/traces. Unset: no tracing',
    ),
  OTEL_TRACES_SAMPLER_ARG: z.coerce
    .number()
    .min(0)
    .max(1)
    .default(1)
    .describe('share of new traces recorded, 0 to 1; a traced caller keeps its own decision'),
};

/** startTracing's options from a process's config. */
export const tracingOf = (
  service: string,
  config: { OTEL_EXPORTER_OTLP_ENDPOINT?: string; OTEL_TRACES_SAMPLER_ARG: number },
) => ({
  service,
  endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
  sampleRatio: config.OTEL_TRACES_SAMPLER_ARG,
});

/** The port /metrics is served on: METRICS_PORT, or PORT + METRICS_PORT_OFFSET. */
export function metricsPortOf(config: { PORT: number; METRICS_PORT?: number }): number {
  return config.METRICS_PORT ?? config.PORT + METRICS_PORT_OFFSET;
}

/** How a process reaches Kafka in production: TLS and SASL, each off unless set. */
export const kafkaSecurityEnv = {
  KAFKA_SSL: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('true: connect to the brokers over TLS (system CAs)'),
  KAFKA_SASL_MECHANISM: z
    .enum(['plain', 'scram-sha-256', 'scram-sha-512'])
    .optional()
    .describe('SASL mechanism the brokers require; needs KAFKA_SASL_USERNAME and _PASSWORD'),
  KAFKA_SASL_USERNAME: z.string().min(1).optional().describe('SASL user'),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional().describe('SASL password'),
};

type KafkaSecurity = z.infer<z.ZodObject<typeof kafkaSecurityEnv>>;

/** The TLS and SASL settings for the Kafka client; a mechanism without its credentials is refused. */
export function kafkaConnectionOf(config: KafkaSecurity): {
  ssl: boolean;
  sasl?: {
    mechanism: NonNullable<KafkaSecurity['KAFKA_SASL_MECHANISM']>;
    username: string;
    password: string;
  };
} {
  const { KAFKA_SSL: ssl, KAFKA_SASL_MECHANISM: mechanism } = config;
  if (!mechanism) return { ssl };
  for (const key of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const)
    if (!config[key]) throw new ConfigError(key, `is required with KAFKA_SASL_MECHANISM`);
  return {
    ssl,
    sasl: {
      mechanism,
      username: config.KAFKA_SASL_USERNAME!,
      password: config.KAFKA_SASL_PASSWORD!,
    },
  };
}

/** Keys of a subgraph service (MongoDB, Kafka, gateway trust, token trust). */
export const serviceEnv = {
  ...commonEnv,
  MONGO_URL: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URL')
    .describe('MongoDB server; the service uses its own database on it'),
  KAFKA_BROKERS: z
    .string()
    .min(1)
    .transform((value) => value.split(',').map((broker) => broker.trim()))
    .describe('comma-separated host:port list'),
  ...kafkaSecurityEnv,
  GATEWAY_SECRET: z
    .string()
    .min(16, 'must be at least 16 characters')
    .describe('shared secret the gateway sends; other callers get 401'),
  JWKS_URL: z.url().describe("identity's JSON Web Key Set used to verify access tokens"),
};

/** Keys of the services that make or serve download links (document signs, notification serves). */
export const fileLinkEnv = {
  FILE_LINK_SECRET: z
    .string()
    .min(16, 'must be at least 16 characters')
    .describe('signs download links; the same value in the document and notification services'),
  PUBLIC_URL: z
    .url()
    .default('http://localhost:4000')
    .describe("the portal's base URL, used in links"),
};

/** Keys of the services that make or send one-time secrets (identity seals, notification opens). */
export const eventSecretEnv = {
  EVENT_SECRET_KEYS: z
    .string()
    .transform(parsedBy(keyringFrom))
    .describe(
      'seal invitation and reset tokens and SMS codes on Kafka: id:base64key,... (32-byte keys, first seals); the same in identity and notification only',
    ),
};
