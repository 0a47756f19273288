import { randomUUID } from 'node:crypto';
import { ServerResponse } from 'node:http';
import { basic, FakeHttpServer } from './fake-http';

export interface Incident {
  sys_id: string;
  number: string;
  state: string;
  short_description: string;
  description: string;
  correlation_id: string;
  correlation_display: string;
}

/**
 * The part of ServiceNow's Table API Recert uses, on the incident table: create, read by sys_id, and
 * query by `correlation_id` (sysparm_query, sysparm_limit, sysparm_fields), answers wrapped in `result`.
 */
export class FakeServiceNow extends FakeHttpServer {
  static readonly USER = 'recert.integration';
  static readonly PASSWORD = 's3cret';
  readonly incidents: Incident[] = [];
  /** Called when an incident has been created, before the answer; may hold the answer. */
  onCreated?: (incident: Incident, res: ServerResponse) => 'held' | void;

  constructor() {
    super(basic(FakeServiceNow.USER, FakeServiceNow.PASSWORD));
  }

  instance(code: string) {
    return {
      code,
      kind: 'servicenow',
      url: this.url,
      username: FakeServiceNow.USER,
      password: FakeServiceNow.PASSWORD,
    };
  }

  /** What a service-desk agent does: moves the incident to a state (6 Resolved, 7 Closed, 8 Canceled). */
  setState(correlationId: string, state: string): void {
    const incident = this.incidents.find((i) => i.correlation_id === correlationId);
    if (!incident) throw new Error(`no incident for ${correlationId}`);
    incident.state = state;
  }

  protected route(method: string, url: URL, body: unknown, res: ServerResponse): [number, unknown] | 'held' {
    const match = /^\/api\/now\/table\/incident(?:\/([^/]+))?$/.exec(url.pathname);
    if (!match) return [400, { error: { message: 'Invalid table' } }];
    const fields = url.searchParams.get('sysparm_fields')?.split(',');
    const pick = (i: Incident) =>
      fields ? Object.fromEntries(fields.map((f) => [f, i[f as keyof Incident] ?? ''])) : i;
    if (method === 'POST' && !match[1]) {
      const b = body as Partial<Incident>;
      const incident: Incident = {
        sys_id: randomUUID().replace(/-/g, ''),
        number: `INC${String(10001 + this.incidents.length).padStart(7, '0')}`,
        state: '1',
        short_description: b.short_description ?? '',
        description: b.description ?? '',
        correlation_id: b.correlation_id ?? '',
        correlation_display: b.correlation_display ?? '',
      };
      this.incidents.push(incident);
      if (this.onCreated?.(incident, res) === 'held') return this.hold(res);
      return [201, { result: pick(incident) }];
    }
    if (method === 'GET' && match[1]) {
      const incident = this.incidents.find((i) => i.sys_id === match[1]);
      return incident
        ? [200, { result: pick(incident) }]
        : [404, { error: { message: 'No Record found' }, status: 'failure' }];
    }
    if (method === 'GET') {
      const query = url.searchParams.get('sysparm_query') ?? '';
      const cid = /^correlation_id=(.*)$/.exec(query)?.[1];
      const limit = Number(url.searchParams.get('sysparm_limit') ?? 10_000);
      const found = this.incidents
        .filter((i) => cid === undefined || i.correlation_id === cid)
        .slice(0, limit);
      return [200, { result: found.map(pick) }];
    }
    return [405, { error: { message: 'Method not allowed' } }];
  }
}
