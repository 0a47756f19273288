import type { Sql } from '../database/database';

export interface SignInAttempt {
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
}

export interface SessionRow {
  id: string;
  subject: string;
  roles: string[];
  csrf_token: string;
  id_token: string | null;
  user_agent: string | null;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  ended_at: Date | null;
  end_reason: string | null;
}

export interface NewSession {
  tokenHash: string;
  subject: string;
  roles: string[];
  csrfToken: string;
  idToken: string | null;
  userAgent: string | null;
  absoluteMs: number;
}

const ms = (param: string) => `(${param}::bigint * interval '1 millisecond')`;

/** Sign-in attempts and browser sessions. */
export class SessionRepository {
  async addAttempt(sql: Sql, a: SignInAttempt, keepMs: number): Promise<void> {
    // Attempts never finished (the browser was closed at the provider) go when the next one starts.
    await sql.rows(`DELETE FROM sign_in_attempt WHERE created_at < now() - ${ms('$1')}`, [keepMs]);
    await sql.rows(
      `INSERT INTO sign_in_attempt (state, nonce, code_verifier, return_to) VALUES ($1, $2, $3, $4)`,
      [a.state, a.nonce, a.code_verifier, a.return_to],
    );
  }

  /** The attempt, removed so that it serves once; undefined when unknown or older than `keepMs`. */
  takeAttempt(sql: Sql, state: string, keepMs: number): Promise<SignInAttempt | undefined> {
    return sql.one<SignInAttempt>(
      `WITH taken AS (DELETE FROM sign_in_attempt WHERE state = $1 RETURNING *)
       SELECT state, nonce, code_verifier, return_to FROM taken WHERE created_at >= now() - ${ms('$2')}`,
      [state, keepMs],
    );
  }

  async create(sql: Sql, s: NewSession): Promise<SessionRow> {
    return (await sql.one<SessionRow>(
      `INSERT INTO browser_session (token_hash, subject, roles, csrf_token, id_token, user_agent, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + ${ms('$7')})
       RETURNING *`,
      [s.tokenHash, s.subject, s.roles, s.csrfToken, s.idToken, s.userAgent, s.absoluteMs],
    ))!;
  }

  byTokenHash(sql: Sql, tokenHash: string): Promise<SessionRow | undefined> {
    return sql.one<SessionRow>(`SELECT * FROM browser_session WHERE token_hash = $1`, [tokenHash]);
  }

  byId(sql: Sql, id: string): Promise<SessionRow | undefined> {
    return sql.one<SessionRow>(`SELECT * FROM browser_session WHERE id = $1`, [id]);
  }

  async touch(sql: Sql, id: string): Promise<void> {
    await sql.rows(`UPDATE browser_session SET last_seen_at = now() WHERE id = $1 AND ended_at IS NULL`, [
      id,
    ]);
  }

  /** Ends the session if it is still open; the row it ended, or undefined. */
  end(sql: Sql, id: string, reason: string, by: string | null): Promise<SessionRow | undefined> {
    return sql.one<SessionRow>(
      `UPDATE browser_session SET ended_at = now(), end_reason = $2, ended_by = $3
       WHERE id = $1 AND ended_at IS NULL RETURNING *`,
      [id, reason, by],
    );
  }

  /** Sessions still open (not ended, within both timeouts), newest first; one person's when `subject` is set. */
  open(sql: Sql, idleMs: number, subject: string | undefined, limit: number): Promise<SessionRow[]> {
    return sql.rows<SessionRow>(
      `SELECT * FROM browser_session
       WHERE ended_at IS NULL AND expires_at > now() AND last_seen_at > now() - ${ms('$1')}
         AND ($2::text IS NULL OR subject = $2)
       ORDER BY created_at DESC LIMIT $3`,
      [idleMs, subject ?? null, limit],
    );
  }
}
