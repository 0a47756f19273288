import { basic, FakeHttpServer } from './fake-http';

interface Request {
  issueId: string;
  issueKey: string;
  summary: string;
  description: string;
  labels: string[];
  status: string;
  statusCategory: 'NEW' | 'INDETERMINATE' | 'DONE';
}

/**
 * The part of Jira Service Management Recert uses: customer requests (create, read by key) through the
 * Service Desk REST API, and the platform's JQL search on labels.
 */
export class FakeJira extends FakeHttpServer {
  static readonly EMAIL = 'recert@example.test';
  static readonly TOKEN = 'api-token';
  readonly issues: Request[] = [];

  constructor() {
    super(basic(FakeJira.EMAIL, FakeJira.TOKEN));
  }

  instance(code: string) {
    return {
      code,
      kind: 'jira',
      url: this.url,
      email: FakeJira.EMAIL,
      apiToken: FakeJira.TOKEN,
      serviceDeskId: '4',
      requestTypeId: '27',
    };
  }

  /** What an agent's transition does. */
  transition(label: string, status: string, statusCategory: Request['statusCategory']): void {
    const issue = this.issues.find((i) => i.labels.includes(label));
    if (!issue) throw new Error(`no request labelled ${label}`);
    Object.assign(issue, { status, statusCategory });
  }

  protected route(method: string, url: URL, body: unknown): [number, unknown] {
    const view = (i: Request) => ({
      issueId: i.issueId,
      issueKey: i.issueKey,
      requestTypeId: '27',
      serviceDeskId: '4',
      currentStatus: { status: i.status, statusCategory: i.statusCategory },
      _links: { web: `${this.url}/servicedesk/customer/portal/4/${i.issueKey}` },
    });
    if (method === 'POST' && url.pathname === '/rest/servicedeskapi/request') {
      const b = body as {
        serviceDeskId: string;
        requestTypeId: string;
        requestFieldValues: { summary: string; description: string; labels?: string[] };
      };
      if (b.serviceDeskId !== '4' || b.requestTypeId !== '27') {
        return [400, { errorMessage: 'The request type is not valid' }];
      }
      const n = 100 + this.issues.length;
      const issue: Request = {
        issueId: String(10_000 + n),
        issueKey: `ACC-${n}`,
        summary: b.requestFieldValues.summary,
        description: b.requestFieldValues.description,
        labels: b.requestFieldValues.labels ?? [],
        status: 'Waiting for support',
        statusCategory: 'NEW',
      };
      this.issues.push(issue);
      return [201, view(issue)];
    }
    const get = /^\/rest\/servicedeskapi\/request\/([^/]+)$/.exec(url.pathname);
    if (method === 'GET' && get) {
      const issue = this.issues.find((i) => i.issueKey === get[1] || i.issueId === get[1]);
      return issue ? [200, view(issue)] : [404, { errorMessage: 'Request does not exist' }];
    }
    if (method === 'GET' && url.pathname === '/rest/api/2/search') {
      const label = /^labels = "([^"]+)"$/.exec(url.searchParams.get('jql') ?? '')?.[1];
      const found = this.issues.filter((i) => label !== undefined && i.labels.includes(label));
      return [
        200,
        {
          startAt: 0,
          maxResults: Number(url.searchParams.get('maxResults') ?? 50),
          total: found.length,
          issues: found.map((i) => ({
            id: i.issueId,
            key: i.issueKey,
            fields: {
              status: {
                name: i.status,
                statusCategory: {
                  key: { NEW: 'new', INDETERMINATE: 'indeterminate', DONE: 'done' }[i.statusCategory],
                },
              },
            },
          })),
        },
      ];
    }
    return [404, { errorMessage: 'Not found' }];
  }
}
