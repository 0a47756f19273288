import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import type { paths } from '../api/schema';
import { uploadLedger, type LedgerCollection } from './upload';

type Ok<P extends keyof paths> = paths[P]['get'] extends {
  responses: { 200: { content: { 'application/json': infer B } } };
}
  ? B
  : never;
type ItemOf<P extends keyof paths> = Ok<P> extends { items: (infer I)[] } ? I : never;

export type IdentityListItem = ItemOf<'/api/v1/ledger/identities'>;
export type Identity = Ok<'/api/v1/ledger/identities/{key}'>;
export type ApplicationListItem = ItemOf<'/api/v1/ledger/applications'>;
export type PermissionListItem = ItemOf<'/api/v1/ledger/permissions'>;
export type AssignmentListItem = ItemOf<'/api/v1/ledger/assignments'>;

const LIMIT = 50;
const text = (q: string) => q || undefined;

export const ledgerKeys = {
  all: ['ledger'] as const,
  list: (what: string, ...filters: unknown[]) => ['ledger', what, ...filters],
  identity: (key: string) => ['ledger', 'identity', key],
};

export const fetchIdentities = (q: string, cursor?: string) =>
  ok(api.GET('/api/v1/ledger/identities', { params: { query: { q: text(q), limit: LIMIT, cursor } } }));

export const fetchApplications = (q: string, cursor?: string, limit = LIMIT) =>
  ok(api.GET('/api/v1/ledger/applications', { params: { query: { q: text(q), limit, cursor } } }));

export const fetchPermissions = (q: string, applicationKey: string | null, cursor?: string, limit = LIMIT) =>
  ok(
    api.GET('/api/v1/ledger/permissions', {
      params: { query: { q: text(q), applicationKey: applicationKey ?? undefined, limit, cursor } },
    }),
  );

export const fetchAssignments = (
  filter: { q?: string; identityKey?: string; applicationKey?: string; permissionKey?: string },
  cursor?: string,
) =>
  ok(
    api.GET('/api/v1/ledger/assignments', {
      params: { query: { ...filter, q: text(filter.q ?? ''), limit: LIMIT, cursor } },
    }),
  );

const fetchIdentity = (key: string) =>
  ok(api.GET('/api/v1/ledger/identities/{key}', { params: { path: { key } } }));

/** One person of the ledger; `retry: false` where a key that is not in the ledger is expected. */
export const useIdentity = (key: string, options: { retry?: boolean } = {}) =>
  useQuery({ queryKey: ledgerKeys.identity(key), queryFn: () => fetchIdentity(key), ...options });

export type AccountListItem = ItemOf<'/api/v1/ledger/accounts'>;

export const fetchAccounts = (filter: { q: string; orphans: boolean }, cursor?: string) =>
  ok(
    api.GET('/api/v1/ledger/accounts', {
      params: {
        query: { q: text(filter.q), orphans: filter.orphans ? 'true' : undefined, limit: LIMIT, cursor },
      },
    }),
  );

/** Imports a ledger file (`onProgress` gets 0..1 of the upload); every ledger list is read again after. */
export function useImportLedger(onProgress: (share: number) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, collection }: { file: File; collection: LedgerCollection | null }) =>
      uploadLedger(file, collection, onProgress),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ledgerKeys.all }),
  });
}
