import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, changeHeaders, ok } from '../api/client';
import { problemError } from '../api/problem';
import {
  policyBodyOf,
  type Policy,
  type PolicyDraft,
  type PolicyBody,
  type PreviewBody,
  type ScopeFields,
} from './edit/policy-draft';

const path = (id: string) => ({ params: { path: { id } } });

const policiesKey = ['policies'] as const;

export const fetchPolicies = (cursor?: string) =>
  ok(api.GET('/api/v1/policies', { params: { query: { limit: 100, cursor } } }));
const activatePolicy = (id: string) => ok(api.POST('/api/v1/policies/{id}/activate', path(id)));
const deactivatePolicy = (id: string) => ok(api.POST('/api/v1/policies/{id}/deactivate', path(id)));
const runPolicy = (id: string, idempotencyKey: string) =>
  ok(
    api.POST('/api/v1/policies/{id}/run', {
      ...path(id),
      body: { mode: 'campaign' },
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
  );

export type PolicyListItem = Awaited<ReturnType<typeof fetchPolicies>>['items'][number];

/** Sends seed 002's XML as it is: the server parses it, and refuses it naming the element. */
async function importPolicyXml(xml: string): Promise<PolicyListItem> {
  const res = await fetch('/api/v1/policies/import', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { ...changeHeaders(), 'content-type': 'application/xml' },
    body: xml,
  });
  const body = (await res.json()) as unknown;
  if (!res.ok) throw problemError(res.status, res.statusText, body);
  return body as PolicyListItem;
}

const fetchPolicy = (id: string) => ok(api.GET('/api/v1/policies/{id}', path(id)));
const fetchScopeLanguage = () => ok(api.GET('/api/v1/scope-language'));
const createPolicy = (body: PolicyBody) => ok(api.POST('/api/v1/policies', { body }));
const replacePolicy = (id: string, body: PolicyBody) =>
  ok(api.PUT('/api/v1/policies/{id}', { ...path(id), body }));
export const deletePolicy = (id: string) => ok(api.DELETE('/api/v1/policies/{id}', path(id)));

/** The scope language's fields, as the server describes them: they change only with a new release. */
export const useScopeLanguage = () =>
  useQuery({ queryKey: ['scope-language'], queryFn: fetchScopeLanguage, staleTime: Infinity });
export const usePolicy = (id: string | undefined) =>
  useQuery({ queryKey: [...policiesKey, id], queryFn: () => fetchPolicy(id!), enabled: !!id });

function useRefreshPolicies() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: policiesKey });
}

/** The administrator's changes to a policy, each run from a confirmation dialog. */
export function usePolicyChanges(id: string) {
  const refresh = useRefreshPolicies();
  return {
    activate: async () => {
      await activatePolicy(id);
      await refresh();
    },
    deactivate: async () => {
      await deactivatePolicy(id);
      await refresh();
    },
    /** One idempotency key per confirmation: a retried request launches one campaign. */
    run: (idempotencyKey: string) => runPolicy(id, idempotencyKey),
  };
}

/** Creates the policy, or replaces the stored one; a draft whose expression does not parse is refused here. */
export function useSavePolicy(stored: Policy | undefined) {
  const refresh = useRefreshPolicies();
  return useMutation({
    mutationFn: ({ draft, fields }: { draft: PolicyDraft; fields: ScopeFields }) => {
      const body = policyBodyOf(draft, fields, stored);
      return stored ? replacePolicy(stored.id, body) : createPolicy(body);
    },
    onSuccess: refresh,
  });
}

export function useImportPolicy() {
  const refresh = useRefreshPolicies();
  return useMutation({
    mutationFn: async (file: File) => importPolicyXml(await file.text()),
    onSuccess: refresh,
  });
}

/** What a policy selects today, counted by the server; nothing is asked while `body` is null. */
export const usePolicyPreview = (body: PreviewBody | null) =>
  useQuery({
    queryKey: ['policy-preview', body],
    queryFn: () => ok(api.POST('/api/v1/policies/preview', { body: body! })),
    enabled: body !== null,
    placeholderData: keepPreviousData,
  });
