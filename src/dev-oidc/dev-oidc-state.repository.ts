import type { Sql } from '../database/database';

/** One stored model instance of the development provider, as oidc-provider hands it over. */
export interface StoredState {
  model: string;
  id: string;
  payload: Record<string, unknown>;
  grantId: string | null;
  uid: string | null;
  userCode: string | null;
  expiresInSeconds: number;
}

const LIVE = 'expires_at > now()';

/** The development provider's state (dev_oidc_state); rows past their expiry are neither read nor kept. */
export class DevOidcStateRepository {
  async upsert(sql: Sql, s: StoredState): Promise<void> {
    // Sweeping here keeps the table to what is alive without a timer of its own; the index makes it cheap.
    await sql.rows(
      `WITH swept AS (DELETE FROM dev_oidc_state WHERE expires_at <= now())
       INSERT INTO dev_oidc_state (model, id, payload, grant_id, uid, user_code, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + $7::int * interval '1 second')
       ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id,
         uid = excluded.uid, user_code = excluded.user_code, expires_at = excluded.expires_at`,
      [s.model, s.id, JSON.stringify(s.payload), s.grantId, s.uid, s.userCode, s.expiresInSeconds],
    );
  }

  async find(
    sql: Sql,
    model: string,
    by: 'id' | 'uid' | 'user_code',
    value: string,
  ): Promise<Record<string, unknown> | undefined> {
    const row = await sql.one<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM dev_oidc_state WHERE model = $1 AND ${by} = $2 AND ${LIVE}`,
      [model, value],
    );
    return row?.payload;
  }

  /** Marks a code or token used, as oidc-provider expects: a `consumed` time in its payload. */
  async consume(sql: Sql, model: string, id: string): Promise<void> {
    await sql.rows(
      `UPDATE dev_oidc_state SET payload = payload || jsonb_build_object('consumed', extract(epoch FROM now())::int)
       WHERE model = $1 AND id = $2`,
      [model, id],
    );
  }

  async destroy(sql: Sql, model: string, id: string): Promise<void> {
    await sql.rows(`DELETE FROM dev_oidc_state WHERE model = $1 AND id = $2`, [model, id]);
  }

  async revokeGrant(sql: Sql, grantId: string): Promise<void> {
    await sql.rows(`DELETE FROM dev_oidc_state WHERE grant_id = $1`, [grantId]);
  }
}
