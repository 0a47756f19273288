import { api, ok } from '../api/client';

export interface AuditFilter {
  objectType?: string;
  objectId?: string;
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
}

export const fetchAuditPage = (filter: AuditFilter, cursor?: string) =>
  ok(api.GET('/api/v1/audit', { params: { query: { ...filter, order: 'desc', limit: 100, cursor } } }));

export const verifyChain = () => ok(api.GET('/api/v1/audit/verify'));

export type AuditEntry = Awaited<ReturnType<typeof fetchAuditPage>>['items'][number];
export type ChainVerdict = Awaited<ReturnType<typeof verifyChain>>;
