import type { ClosedStatus } from '../../domain/remediation.types';
import { basicAuth, callJson, ItsmAdapter, NewTicket, TicketState } from './itsm-adapter';
import type { ItsmInstance } from '../../config/itsm.config';

type JiraInstance = Extract<ItsmInstance, { kind: 'jira' }>;

interface CustomerRequest {
  issueId: string;
  issueKey: string;
  currentStatus: { status: string; statusCategory: string };
}

interface SearchResult {
  issues: {
    id: string;
    key: string;
    fields: { status: { name: string; statusCategory: { key: string } } };
  }[];
}

/**
 * Jira Service Management: requests are opened and read through the Service Desk REST API; the
 * correlation id is a label, found again through the platform's JQL search.
 */
export class JiraAdapter implements ItsmAdapter {
  private readonly base: string;
  private readonly auth: string;

  constructor(
    private readonly instance: JiraInstance,
    private readonly timeoutMs: number,
  ) {
    this.base = instance.url.replace(/\/$/, '');
    this.auth = basicAuth(instance.email, instance.apiToken);
  }

  async findByCorrelation(correlationId: string): Promise<TicketState | undefined> {
    const query = new URLSearchParams({
      jql: `labels = "${correlationId}"`,
      fields: 'status',
      maxResults: '1',
    });
    const body = await callJson<SearchResult>(`${this.base}/rest/api/2/search?${query}`, this.request('GET'));
    const issue = body.issues[0];
    if (!issue) return undefined;
    const category = issue.fields.status.statusCategory.key === 'done' ? 'DONE' : 'OPEN';
    return this.toState(issue.key, issue.fields.status.name, category);
  }

  async create(ticket: NewTicket): Promise<TicketState> {
    const body = await callJson<CustomerRequest>(`${this.base}/rest/servicedeskapi/request`, {
      ...this.request('POST'),
      body: {
        serviceDeskId: this.instance.serviceDeskId,
        requestTypeId: this.instance.requestTypeId,
        requestFieldValues: {
          summary: ticket.summary,
          description: ticket.description,
          labels: [ticket.correlationId],
        },
      },
    });
    return this.fromRequest(body);
  }

  async get(id: string): Promise<TicketState> {
    const body = await callJson<CustomerRequest>(
      `${this.base}/rest/servicedeskapi/request/${encodeURIComponent(id)}`,
      this.request('GET'),
    );
    return this.fromRequest(body);
  }

  private request(method: 'GET' | 'POST') {
    return { method, authorization: this.auth, timeoutMs: this.timeoutMs };
  }

  private fromRequest(r: CustomerRequest): TicketState {
    return this.toState(r.issueKey, r.currentStatus.status, r.currentStatus.statusCategory);
  }

  // The issue key is what people quote and what the request resource is addressed by.
  private toState(key: string, status: string, category: string): TicketState {
    let closed: ClosedStatus = 0;
    if (category === 'DONE') {
      const cancelled = this.instance.cancelledStatuses.some((s) => s.toLowerCase() === status.toLowerCase());
      closed = cancelled ? 2 : 1;
    }
    return { id: key, number: key, status, closed, url: `${this.base}/browse/${key}` };
  }
}
