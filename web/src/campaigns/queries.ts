import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';

const path = (id: string) => ({ params: { path: { id } } });

export const fetchCampaign = (id: string) => ok(api.GET('/api/v1/campaigns/{id}', path(id)));
export const fetchReport = (id: string) => ok(api.GET('/api/v1/campaigns/{id}/report', path(id)));
export const fetchReassignQueue = (id: string, cursor?: string) =>
  ok(
    api.GET('/api/v1/campaigns/{id}/items', {
      params: { path: { id }, query: { status: 'reassign', limit: 100, cursor } },
    }),
  );
/** The items tab's filters, as the address and the API name them. */
export interface ItemFilter {
  reviewer?: string;
  status?: 'to_be_reviewed' | 'reassign' | 'ok' | 'revoke' | 'update' | 'not_reviewed';
  decidedBy?: 'reviewer' | 'due-date';
  application?: string;
  q?: string;
}
export const fetchCampaignItems = (id: string, filter: ItemFilter, cursor?: string) =>
  ok(
    api.GET('/api/v1/campaigns/{id}/items', {
      params: { path: { id }, query: { ...filter, limit: 50, cursor } },
    }),
  );
export const fetchItemStory = (campaignId: string, itemId: string) =>
  ok(
    api.GET('/api/v1/campaigns/{id}/items/{itemId}', {
      params: { path: { id: campaignId, itemId } },
    }),
  );
export type ItemStory = Awaited<ReturnType<typeof fetchItemStory>>;
export const fetchRemediations = (campaignId: string, cursor?: string) =>
  ok(api.GET('/api/v1/remediations', { params: { query: { campaignId, limit: 100, cursor } } }));
export const fetchRemediation = (id: string) => ok(api.GET('/api/v1/remediations/{id}', path(id)));

export type Campaign = Awaited<ReturnType<typeof fetchCampaign>>;
export type CampaignReport = Awaited<ReturnType<typeof fetchReport>>;
export type CampaignItem = Awaited<ReturnType<typeof fetchReassignQueue>>['items'][number];
export type Remediation = Awaited<ReturnType<typeof fetchRemediations>>['items'][number];

/** Every query about one campaign starts with this key, so an action refreshes them all at once. */
export const campaignKeys = {
  all: (id: string) => ['campaign', id] as const,
  report: (id: string) => ['campaign', id, 'report'] as const,
  timeline: (id: string) => ['campaign', id, 'timeline'] as const,
  reassign: (id: string) => ['campaign', id, 'reassign'] as const,
  remediations: (id: string) => ['campaign', id, 'remediations'] as const,
  items: (id: string, filter: ItemFilter) => ['campaign', id, 'items', filter] as const,
  item: (id: string, itemId: string) => ['campaign', id, 'item', itemId] as const,
};

// While a campaign moves on its own (launch, finalizing), its page follows it.
const moving = (c: Campaign | undefined) =>
  c && (c.status === 'init' || c.status === 'finalizing') ? 2_000 : false;

export const useCampaign = (id: string) =>
  useQuery({
    queryKey: campaignKeys.all(id),
    queryFn: () => fetchCampaign(id),
    refetchInterval: (q) => moving(q.state.data),
  });
export const useCampaignReport = (id: string) =>
  useQuery({ queryKey: campaignKeys.report(id), queryFn: () => fetchReport(id) });
