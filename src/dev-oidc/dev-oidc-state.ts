import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';
import type { Database } from '../database/database';
import { DevOidcStateRepository } from './dev-oidc-state.repository';

/** Models without an expiry of their own (none of the provider's today) are kept this long. */
const DEFAULT_TTL_SECONDS = 14 * 24 * 3600;

/**
 * oidc-provider's storage over PostgreSQL: the embedded provider's sessions, grants and pending sign-ins
 * survive a restart of Recert and are shared by every API process on the database.
 */
export function postgresState(db: Database, repository = new DevOidcStateRepository()): AdapterFactory {
  return (model: string): Adapter => ({
    upsert: (id, payload, expiresIn) =>
      db.run((sql) =>
        repository.upsert(sql, {
          model,
          id,
          payload,
          grantId: payload.grantId ?? null,
          uid: model === 'Session' ? (payload.uid ?? null) : null,
          userCode: payload.userCode ?? null,
          expiresInSeconds: expiresIn > 0 ? Math.ceil(expiresIn) : DEFAULT_TTL_SECONDS,
        }),
      ),
    find: (id) =>
      db.run((sql) => repository.find(sql, model, 'id', id)) as Promise<AdapterPayload | undefined>,
    findByUid: (uid) =>
      db.run((sql) => repository.find(sql, model, 'uid', uid)) as Promise<AdapterPayload | undefined>,
    findByUserCode: (code) =>
      db.run((sql) => repository.find(sql, model, 'user_code', code)) as Promise<AdapterPayload | undefined>,
    consume: (id) => db.run((sql) => repository.consume(sql, model, id)),
    destroy: (id) => db.run((sql) => repository.destroy(sql, model, id)),
    revokeByGrantId: (grantId) => db.run((sql) => repository.revokeGrant(sql, grantId)),
  });
}

/**
 * The test issuer's storage: in memory, for as long as its process runs (tests start a fresh issuer).
 * A class of its own, because the library warns about its default, which this is by choice.
 */
export async function memoryState(): Promise<AdapterFactory> {
  const { default: MemoryAdapter } = await import('oidc-provider/lib/adapters/memory_adapter.js');
  class TestIssuerState extends MemoryAdapter {}
  return (model) => new TestIssuerState(model);
}
