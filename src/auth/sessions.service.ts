import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditRepository } from '../audit';
import { notFound } from '../common/domain-error';
import { currentRequestId } from '../common/request-context';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { Database } from '../database/database';
import { LedgerLookupRepository } from '../ledger';
import { AuthenticationFailed, notInLedger } from './auth.errors';
import { actorOf, type Principal, type Role } from './roles';
import { SessionRepository, type SessionRow } from './session.repository';

/** A session's last use is written at most this often: requests in a burst cost one read each. */
const TOUCH_EVERY_MS = 15_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const randomToken = () => randomBytes(32).toString('base64url');

export interface SessionView {
  id: string;
  subject: string;
  roles: string[];
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  /** When it ends if unused: the idle timeout from its last use, or the absolute one, the sooner. */
  expiresAt: string;
  /** Whether it is the session the request came with. */
  current: boolean;
}

export interface PersonSignedIn {
  sub: string;
  roles: Role[];
  displayName: string;
}

const sessionEnded = (why: string) =>
  new AuthenticationFailed(`Your session ${why}; sign in again at /auth/login.`);

/**
 * Browser sessions: a row in PostgreSQL per signed-in browser, so any API process can serve it and an
 * administrator can end it. The cookie's token is stored only as its hash.
 */
@Injectable()
export class SessionsService {
  private readonly idleMs: number;
  private readonly absoluteMs: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(Database) private readonly db: Database,
    @Inject(SessionRepository) private readonly sessions: SessionRepository,
    @Inject(LedgerLookupRepository) private readonly lookup: LedgerLookupRepository,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
  ) {
    ({ idleMs: this.idleMs, absoluteMs: this.absoluteMs } = config.oidc.session);
  }

  /** Opens a session for a person the provider signed in; the token goes to the cookie, nowhere else. */
  async start(
    person: PersonSignedIn,
    idToken: string | null,
    userAgent: string | null,
  ): Promise<{ token: string; session: SessionRow }> {
    const token = randomToken();
    const session = await this.db.transaction(async (sql) => {
      const row = await this.sessions.create(sql, {
        tokenHash: sha256(token),
        subject: person.sub,
        roles: person.roles,
        csrfToken: randomToken(),
        idToken,
        userAgent: userAgent?.slice(0, 400) ?? null,
        absoluteMs: this.absoluteMs,
      });
      await this.audit.record(sql, {
        actor: person.sub,
        action: 'session.started',
        objectType: 'session',
        objectId: row.id,
        after: { roles: row.roles, userAgent: row.user_agent, expiresAt: row.expires_at.toISOString() },
        requestId: currentRequestId(),
        via: `session:${row.id}`,
      });
      return row;
    });
    return { token, session };
  }

  /** The person behind a session cookie, if the session is open and they are still in the ledger. */
  async authenticate(token: string): Promise<Principal> {
    return this.db.run(async (sql) => {
      const row = await this.sessions.byTokenHash(sql, sha256(token));
      if (!row) throw sessionEnded('is not known (it may have been signed out elsewhere)');
      if (row.ended_at) throw sessionEnded(`has ended (${row.end_reason})`);
      const now = Date.now();
      if (row.expires_at.getTime() <= now) {
        await this.sessions.end(sql, row.id, 'expired', null);
        throw sessionEnded(`has expired: a session lasts ${Math.round(this.absoluteMs / 60_000)} minutes`);
      }
      if (row.last_seen_at.getTime() + this.idleMs <= now) {
        await this.sessions.end(sql, row.id, 'idle', null);
        throw sessionEnded(
          `has ended after ${Math.round(this.idleMs / 60_000)} minutes without use (idle timeout)`,
        );
      }
      const identity = await this.lookup.person(sql, 'key', row.subject);
      if (!identity || identity.status !== 'active') throw notInLedger(`Identity "${row.subject}"`);
      let lastSeen = row.last_seen_at.getTime();
      if (now - lastSeen >= TOUCH_EVERY_MS) {
        await this.sessions.touch(sql, row.id);
        lastSeen = now;
      }
      return {
        sub: row.subject,
        kind: 'person',
        roles: row.roles as Role[],
        displayName: identity.display_name,
        expiresAt: this.endOf(lastSeen, row),
        session: { id: row.id, csrfToken: row.csrf_token },
      };
    });
  }

  /** Signs the caller's own session out; the ended row (its ID token is the provider's logout hint). */
  signOut(p: Principal): Promise<SessionRow | undefined> {
    if (!p.session) return Promise.resolve(undefined);
    return this.endWithAudit(p.session.id, 'signed out', 'session.signed-out', p);
  }

  /** Ends a session: administrators any, everyone their own (another's is not found). */
  async revoke(id: string, p: Principal): Promise<void> {
    const row = await this.db.run((sql) => this.sessions.byId(sql, id));
    if (!row || (row.subject !== p.sub && !p.roles.includes('admin'))) throw notFound('Session');
    const reason = row.subject === p.sub ? 'revoked by its owner' : `revoked by ${p.sub}`;
    if (!(await this.endWithAudit(id, reason, 'session.revoked', p))) {
      throw notFound('Session', `Session ${id} has already ended.`);
    }
  }

  /** Open sessions: everyone's (or one person's) for an administrator, one's own for anyone else. */
  async list(p: Principal, subject: string | undefined, limit: number): Promise<SessionView[]> {
    const of = p.roles.includes('admin') ? subject : p.sub;
    const rows = await this.db.run((sql) => this.sessions.open(sql, this.idleMs, of, limit));
    return rows.map((r) => ({
      id: r.id,
      subject: r.subject,
      roles: r.roles,
      userAgent: r.user_agent,
      createdAt: r.created_at.toISOString(),
      lastSeenAt: r.last_seen_at.toISOString(),
      expiresAt: this.endOf(r.last_seen_at.getTime(), r).toISOString(),
      current: r.id === p.session?.id,
    }));
  }

  /** When a session ends if unused from `lastSeen`: the idle timeout or the absolute end, the sooner. */
  private endOf(lastSeen: number, row: SessionRow): Date {
    return new Date(Math.min(lastSeen + this.idleMs, row.expires_at.getTime()));
  }

  private endWithAudit(
    id: string,
    reason: string,
    action: string,
    p: Principal,
  ): Promise<SessionRow | undefined> {
    return this.db.transaction(async (sql) => {
      const ended = await this.sessions.end(sql, id, reason, p.sub);
      if (ended) {
        await this.audit.record(sql, {
          ...actorOf(p),
          action,
          objectType: 'session',
          objectId: id,
          before: { subject: ended.subject },
          after: { endReason: reason },
        });
      }
      return ended;
    });
  }
}
