/** Unit tests of pure modules: no PostgreSQL, no Temporal, so no globalSetup. `npm test` runs them too. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/unit'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    // Each file on its own (tsconfig.jest.json: isolatedModules), without type checks: `tsc` does those.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }],
    // jose and openid-client ship only ES modules, which Node loads through require() but jest does not.
    '^.+\\.js$': [
      'ts-jest',
      {
        tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', isolatedModules: true },
        diagnostics: false,
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(jose|openid-client|oauth4webapi)/)'],
};
