import {
  ConfigError,
  commonEnv,
  kafkaConnectionOf,
  loadConfig,
  metricsPortOf,
  serviceEnv,
  z,
} from './index';

const schema = z.object({ ...serviceEnv });
const valid = {
  PORT: '4002',
  MONGO_URL: 'mongodb://127.0.0.1:27017',
  KAFKA_BROKERS: 'a:9092, b:9092',
  GATEWAY_SECRET: 'x'.repeat(32),
  JWKS_URL: 'http://127.0.0.1:4001/.well-known/jwks.json',
};

describe('loadConfig', () => {
  it('parses and types a valid environment', () => {
    const config = loadConfig(schema, valid);
    expect(config.PORT).toBe(4002);
    expect(config.KAFKA_BROKERS).toEqual(['a:9092', 'b:9092']);
    expect(config.LOG_LEVEL).toBe('info');
  });

  it('behaves as production unless NODE_ENV says otherwise', () => {
    expect(loadConfig(schema, valid).NODE_ENV).toBe('production');
    expect(loadConfig(schema, { ...valid, NODE_ENV: 'development' }).NODE_ENV).toBe('development');
  });

  it('connects to Kafka in the clear unless told TLS and SASL, and wants both SASL credentials', () => {
    expect(kafkaConnectionOf(loadConfig(schema, valid))).toEqual({ ssl: false });
    const secured = {
      ...valid,
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'portico',
      KAFKA_SASL_PASSWORD: 'broker-password',
    };
    expect(kafkaConnectionOf(loadConfig(schema, secured))).toEqual({
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'portico', password: 'broker-password' },
    });
    const { KAFKA_SASL_PASSWORD: _password, ...withoutPassword } = secured;
    expect(() => kafkaConnectionOf(loadConfig(schema, withoutPassword))).toThrow(
      new ConfigError('KAFKA_SASL_PASSWORD', 'is required with KAFKA_SASL_MECHANISM'),
    );
  });

  it('serves metrics on METRICS_PORT, or on PORT + 5000', () => {
    expect(metricsPortOf(loadConfig(schema, valid))).toBe(9002);
    expect(metricsPortOf(loadConfig(schema, { ...valid, METRICS_PORT: '9464' }))).toBe(9464);
  });

  it('names a missing variable', () => {
    const { MONGO_URL: _omitted, ...env } = valid;
    expect(() => loadConfig(schema, env)).toThrow(new ConfigError('MONGO_URL', 'is required'));
  });

  it('names a malformed variable and says why', () => {
    expect(() => loadConfig(schema, { ...valid, PORT: '99999' })).toThrow(
      /^Invalid configuration: PORT: /,
    );
    expect(() => loadConfig(schema, { ...valid, MONGO_URL: 'postgres://x' })).toThrow(
      'Invalid configuration: MONGO_URL: must be a mongodb:// URL',
    );
  });

  it('supports conditional requirements', () => {
    const conditional = z
      .object({
        ...commonEnv,
        PORT: commonEnv.PORT.default(1),
        SMTP_URL: z.string().optional(),
        LOCAL: z.string().optional(),
      })
      .refine((env) => env.SMTP_URL || env.LOCAL, {
        path: ['SMTP_URL'],
        message: 'is required unless the local provider runs',
      });
    expect(() => loadConfig(conditional, {})).toThrow(
      'Invalid configuration: SMTP_URL: is required unless the local provider runs',
    );
    expect(loadConfig(conditional, { LOCAL: '1' }).LOCAL).toBe('1');
  });
});
