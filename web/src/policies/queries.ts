import { api, changeHeaders, ok, problemError } from '../api/client';
import type { PolicyBody } from './edit/policy-draft';

const path = (id: string) => ({ params: { path: { id } } });

export const fetchPolicies = (cursor?: string) =>
  ok(api.GET('/api/v1/policies', { params: { query: { limit: 100, cursor } } }));
export const activatePolicy = (id: string) => ok(api.POST('/api/v1/policies/{id}/activate', path(id)));
export const deactivatePolicy = (id: string) => ok(api.POST('/api/v1/policies/{id}/deactivate', path(id)));
export const runPolicy = (id: string, idempotencyKey: string) =>
  ok(
    api.POST('/api/v1/policies/{id}/run', {
      ...path(id),
      body: { mode: 'campaign' },
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
  );

export type PolicyListItem = Awaited<ReturnType<typeof fetchPolicies>>['items'][number];

/** Sends seed 002's XML as it is: the server parses it, and refuses it naming the element. */
export async function importPolicyXml(xml: string): Promise<PolicyListItem> {
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

export const fetchPolicy = (id: string) => ok(api.GET('/api/v1/policies/{id}', path(id)));
export const fetchScopeLanguage = () => ok(api.GET('/api/v1/scope-language'));
export const createPolicy = (body: PolicyBody) => ok(api.POST('/api/v1/policies', { body }));
export const replacePolicy = (id: string, body: PolicyBody) =>
  ok(api.PUT('/api/v1/policies/{id}', { ...path(id), body }));
export const deletePolicy = (id: string) => ok(api.DELETE('/api/v1/policies/{id}', path(id)));
