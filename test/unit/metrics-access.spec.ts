import { loadConfig } from '../../src/config/config.schema';
import { scrapeRefusal } from '../../src/metrics/metrics-access';

const TOKEN = 'metrics-0123456789abcdef0123456789';
const PRODUCTION = {
  NODE_ENV: 'production',
  OIDC_ISSUER: 'https://id.example.com',
  OIDC_CLIENT_ID: 'recert',
};

describe('where metrics are served', () => {
  it('serves them on the public port in development, and in production only with a token', () => {
    expect(loadConfig({}).metrics).toEqual({ port: null, token: null, public: true });
    expect(loadConfig({ ...PRODUCTION, OIDC_CLIENT_SECRET: 's' }).metrics).toEqual({
      port: null,
      token: null,
      public: false,
    });
    expect(loadConfig({ ...PRODUCTION, OIDC_CLIENT_SECRET: 's', METRICS_TOKEN: TOKEN }).metrics).toEqual({
      port: null,
      token: TOKEN,
      public: true,
    });
  });

  it('serves them on METRICS_PORT alone when it is set, in any environment', () => {
    expect(loadConfig({ METRICS_PORT: '9464' }).metrics).toEqual({ port: 9464, token: null, public: false });
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_TOKEN: TOKEN }).metrics).toEqual({
      port: 9464,
      token: TOKEN,
      public: false,
    });
    expect(loadConfig({ METRICS_PORT: '', METRICS_TOKEN: ' ' }).metrics).toEqual({
      port: null,
      token: null,
      public: true,
    });
  });

  it.each([
    [{ METRICS_PORT: '3000' }, /METRICS_PORT: must differ from PORT/],
    [{ METRICS_PORT: '70000' }, /METRICS_PORT: /],
    [{ METRICS_PORT: 'metrics' }, /METRICS_PORT: /],
    [{ METRICS_TOKEN: 'short' }, /METRICS_TOKEN: must be at least 16 characters/],
    [{ METRICS_TOKEN: 'sixteen chars and a space' }, /METRICS_TOKEN: must be at least 16 characters/],
  ])('fails at boot on %j, naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('scrapeRefusal', () => {
  it('lets every scrape through without a token', () => {
    expect(scrapeRefusal(undefined, null)).toBeUndefined();
  });

  it('asks for exactly the configured bearer token', () => {
    expect(scrapeRefusal(`Bearer ${TOKEN}`, TOKEN)).toBeUndefined();
    expect(scrapeRefusal(`bearer  ${TOKEN}`, TOKEN)).toBeUndefined();
    for (const sent of [
      undefined,
      '',
      'Bearer',
      `Bearer ${TOKEN}0`,
      `Bearer ${TOKEN.slice(1)}`,
      TOKEN,
      `Basic ${TOKEN}`,
    ]) {
      expect(scrapeRefusal(sent, TOKEN)).toMatchObject({ status: 401, challenge: 'Bearer realm="metrics"' });
    }
  });
});
