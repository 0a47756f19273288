import { useMutation } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import type { paths } from '../api/schema';

type AuditQuery = NonNullable<paths['/api/v1/audit']['get']['parameters']['query']>;
export type AuditFilter = Pick<
  AuditQuery,
  'objectType' | 'objectId' | 'actor' | 'action' | 'via' | 'from' | 'to'
>;

export const fetchAuditPage = (filter: AuditFilter, cursor?: string) =>
  ok(api.GET('/api/v1/audit', { params: { query: { ...filter, order: 'desc', limit: 100, cursor } } }));

export const verifyChain = () => ok(api.GET('/api/v1/audit/verify'));

export type AuditEntry = Awaited<ReturnType<typeof fetchAuditPage>>['items'][number];
export type ChainVerdict = Awaited<ReturnType<typeof verifyChain>>;

/** Recomputes the trail's hash chain on the server, on request. */
export const useVerifyChain = () => useMutation({ mutationFn: verifyChain });
