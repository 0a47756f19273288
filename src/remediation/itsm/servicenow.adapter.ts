import type { ClosedStatus } from '../../domain/remediation.types';
import { basicAuth, callJson, ItsmAdapter, NewTicket, TicketState } from './itsm-adapter';
import type { ItsmInstance } from '../../config/itsm.config';

type ServiceNowInstance = Extract<ItsmInstance, { kind: 'servicenow' }>;

interface SnRecord {
  sys_id: string;
  number: string;
  state: string;
}

// State codes of the two tables, as ServiceNow ships them.
const STATES: Record<ServiceNowInstance['table'], Record<string, [string, ClosedStatus]>> = {
  incident: {
    '1': ['New', 0],
    '2': ['In Progress', 0],
    '3': ['On Hold', 0],
    '6': ['Resolved', 1],
    '7': ['Closed', 1],
    '8': ['Canceled', 2],
  },
  sc_task: {
    '-5': ['Pending', 0],
    '1': ['Open', 0],
    '2': ['Work in Progress', 0],
    '3': ['Closed Complete', 1],
    '4': ['Closed Incomplete', 2],
    '7': ['Closed Skipped', 2],
  },
};

const FIELDS = 'sys_id,number,state';

/** ServiceNow Table API: the correlation id travels in the record's own `correlation_id` field. */
export class ServiceNowAdapter implements ItsmAdapter {
  private readonly base: string;
  private readonly auth: string;

  constructor(
    private readonly instance: ServiceNowInstance,
    private readonly timeoutMs: number,
  ) {
    this.base = `${instance.url.replace(/\/$/, '')}/api/now/table/${instance.table}`;
    this.auth = basicAuth(instance.username, instance.password);
  }

  async findByCorrelation(correlationId: string): Promise<TicketState | undefined> {
    const query = new URLSearchParams({
      sysparm_query: `correlation_id=${correlationId}`,
      sysparm_limit: '1',
      sysparm_fields: FIELDS,
    });
    const body = await callJson<{ result: SnRecord[] }>(`${this.base}?${query}`, this.request('GET'));
    return body.result[0] ? this.toState(body.result[0]) : undefined;
  }

  async create(ticket: NewTicket): Promise<TicketState> {
    const body = await callJson<{ result: SnRecord }>(`${this.base}?sysparm_fields=${FIELDS}`, {
      ...this.request('POST'),
      body: {
        short_description: ticket.summary,
        description: ticket.description,
        correlation_id: ticket.correlationId,
        correlation_display: 'Recert',
      },
    });
    return this.toState(body.result);
  }

  async get(id: string): Promise<TicketState> {
    const body = await callJson<{ result: SnRecord }>(
      `${this.base}/${encodeURIComponent(id)}?sysparm_fields=${FIELDS}`,
      this.request('GET'),
    );
    return this.toState(body.result);
  }

  private request(method: 'GET' | 'POST') {
    return { method, authorization: this.auth, timeoutMs: this.timeoutMs };
  }

  private toState(r: SnRecord): TicketState {
    const [status, closed] = STATES[this.instance.table][r.state] ?? [`State ${r.state}`, 0];
    return {
      id: r.sys_id,
      number: r.number,
      status,
      closed,
      url: `${this.instance.url.replace(/\/$/, '')}/nav_to.do?uri=${this.instance.table}.do?sys_id=${r.sys_id}`,
    };
  }
}
