import { ConfigError, loadConfig } from '@portico/config';
import { gatewayConfigSchema } from './config';

const env = {
  GATEWAY_SECRET: 'x'.repeat(32),
  JWKS_URL: 'http://127.0.0.1:4001/.well-known/jwks.json',
  KAFKA_BROKERS: '127.0.0.1:9092',
};

describe('gateway config', () => {
  it('trusts no proxy unless told, and the CIDRs it is told', () => {
    expect(loadConfig(gatewayConfigSchema, env).TRUSTED_PROXIES.check('10.0.0.1')).toBe(false);
    const trusted = loadConfig(gatewayConfigSchema, {
      ...env,
      TRUSTED_PROXIES: '10.0.0.0/8, 192.168.1.10',
    }).TRUSTED_PROXIES;
    expect([trusted.check('10.2.3.4'), trusted.check('192.168.1.10')]).toEqual([true, true]);
    expect(trusted.check('192.168.1.11')).toBe(false);
  });

  it('names TRUSTED_PROXIES when an entry is not a CIDR', () => {
    expect(() =>
      loadConfig(gatewayConfigSchema, { ...env, TRUSTED_PROXIES: '10.0.0.0/40' }),
    ).toThrow(new ConfigError('TRUSTED_PROXIES', 'not a CIDR: 10.0.0.0/40'));
  });
});
