import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { usePaged } from '../common/PagedTable';
import { launchBodyOf, type CampaignDraft, type PreviewBody } from './new/draft';

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
  applyDryRun: (id: string) => ['campaign', id, 'apply-dry-run'] as const,
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

export type CampaignSort = 'newest' | 'priority';
export interface CampaignListFilter {
  status: Campaign['status'] | null;
  q: string;
  sort: CampaignSort;
}
const fetchCampaigns = ({ status, q, sort }: CampaignListFilter, cursor?: string) =>
  ok(
    api.GET('/api/v1/campaigns', {
      params: { query: { limit: 50, cursor, status: status ?? undefined, q: q || undefined, sort } },
    }),
  );
export type CampaignRow = Awaited<ReturnType<typeof fetchCampaigns>>['items'][number];
export const useCampaignList = (filter: CampaignListFilter) =>
  usePaged(['campaigns', filter.status, filter.q, filter.sort], (cursor) => fetchCampaigns(filter, cursor));

export const useCampaignItems = (id: string, filter: ItemFilter) =>
  usePaged([...campaignKeys.items(id, filter)], (cursor) => fetchCampaignItems(id, filter, cursor));
export const useItemStory = (campaignId: string, itemId: string) =>
  useQuery({
    queryKey: campaignKeys.item(campaignId, itemId),
    queryFn: () => fetchItemStory(campaignId, itemId),
  });

/** The campaign's transitions, from its audit trail. */
interface TransitionEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  via: string | null;
}
const fetchTimeline = async (id: string) =>
  (await ok(
    api.GET('/api/v1/audit', { params: { query: { objectType: 'campaign', objectId: id, limit: 200 } } }),
  )) as unknown as { items: TransitionEntry[] };
export const useCampaignTimeline = (id: string) =>
  useQuery({ queryKey: campaignKeys.timeline(id), queryFn: () => fetchTimeline(id) });

/** Reads everything about the campaign again. */
function useRefreshCampaign(id: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: campaignKeys.all(id) });
}

export type Lifecycle = 'pause' | 'resume' | 'finalize' | 'cancel';
const LIFECYCLE_CALL: Record<Lifecycle, (id: string) => Promise<unknown>> = {
  pause: (id) => ok(api.POST('/api/v1/campaigns/{id}/pause', path(id))),
  resume: (id) => ok(api.POST('/api/v1/campaigns/{id}/resume', path(id))),
  finalize: (id) => ok(api.POST('/api/v1/campaigns/{id}/finalize', path(id))),
  cancel: (id) => ok(api.POST('/api/v1/campaigns/{id}/cancel', path(id))),
};

/** The administrator's changes to a campaign, each run from a confirmation dialog. */
export function useCampaignChanges(id: string) {
  const refresh = useRefreshCampaign(id);
  return {
    lifecycle: async (action: Lifecycle) => {
      try {
        await LIFECYCLE_CALL[action](id);
      } finally {
        // Refused or not, the page shows where the campaign stands now.
        await refresh();
      }
    },
    /** Sends reminders now; `onSent` hears how many went out, before the page is read again. */
    remind: async (onSent: (sent: number) => void) => {
      const { sent } = await ok(api.POST('/api/v1/campaigns/{id}/reminders', path(id)));
      onSent(sent);
      await refresh();
    },
  };
}

/**
 * An export is audited, so the session cookie alone does not start one: a link is asked for first (a
 * change, CSRF-checked), and it serves once, within a minute.
 */
export const useReportLink = (id: string) =>
  useMutation({ mutationFn: () => ok(api.POST('/api/v1/campaigns/{id}/report.csv/link', path(id))) });

const applyDecisions = (id: string, confirm: boolean) =>
  ok(api.POST('/api/v1/campaigns/{id}/apply-decisions', { ...path(id), body: { confirm } }));
/** What applying the decisions would create; asked each time the dialog opens. */
export const useApplyDryRun = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: campaignKeys.applyDryRun(id),
    queryFn: () => applyDecisions(id, false),
    enabled,
    gcTime: 0,
  });
export function useApplyDecisions(id: string) {
  const queryClient = useQueryClient();
  const dryRun = campaignKeys.applyDryRun(id);
  return useMutation({
    mutationFn: () => applyDecisions(id, true),
    // Everything about the campaign is read again except the dry run: once applied there is nothing left
    // to preview, and asking again would only hear so.
    onSuccess: () =>
      queryClient.invalidateQueries({
        queryKey: campaignKeys.all(id),
        predicate: (q) => q.queryKey[q.queryKey.length - 1] !== dryRun[dryRun.length - 1],
      }),
  });
}

export const useReassignQueue = (id: string) =>
  useQuery({ queryKey: campaignKeys.reassign(id), queryFn: () => fetchReassignQueue(id) });
export function useReassign(id: string) {
  const refresh = useRefreshCampaign(id);
  return useMutation({
    mutationFn: (body: { itemIds: string[]; to: string }) =>
      ok(api.POST('/api/v1/campaigns/{id}/reassign', { ...path(id), body })),
    onSuccess: refresh,
  });
}
export function useResetDelegation(id: string) {
  const refresh = useRefreshCampaign(id);
  return useMutation({
    mutationFn: (itemIds: string[]) =>
      ok(api.POST('/api/v1/campaigns/{id}/reset-delegation', { ...path(id), body: { itemIds } })),
    onSuccess: refresh,
  });
}

const remediationKey = (id: string) => ['remediation', id] as const;
export const useRemediations = (campaignId: string) =>
  useQuery({
    queryKey: campaignKeys.remediations(campaignId),
    queryFn: () => fetchRemediations(campaignId),
    refetchInterval: 10_000,
  });
export const useRemediation = (id: string) =>
  useQuery({ queryKey: remediationKey(id), queryFn: () => fetchRemediation(id) });
/** Closes a manual task; the task and every campaign's lists are read again. */
export function useCloseRemediation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { outcome: 'done' | 'cancelled'; comment: string }) =>
      ok(api.POST('/api/v1/remediations/{id}/close', { ...path(id), body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: remediationKey(id) });
      await queryClient.invalidateQueries({ queryKey: ['campaign'] });
    },
  });
}

/** What a campaign would review if launched now, counted by the server. */
export const useLaunchPreview = (body: PreviewBody) =>
  useQuery({
    queryKey: ['campaign-preview', body],
    queryFn: () => ok(api.POST('/api/v1/campaigns/preview', { body })),
    placeholderData: keepPreviousData,
  });
/** Launches a campaign; one idempotency key per form, so a double click or a retry launches one. */
export const useLaunchCampaign = (idempotencyKey: string) =>
  useMutation({
    mutationFn: (draft: CampaignDraft) =>
      ok(
        api.POST('/api/v1/campaigns', {
          body: launchBodyOf(draft),
          headers: { 'Idempotency-Key': idempotencyKey },
        }),
      ),
  });

/** The ITSM instances the server is configured with (RECERT_ITSM_INSTANCES). */
export const useItsmInstances = () =>
  useQuery({ queryKey: ['itsm-instances'], queryFn: () => ok(api.GET('/api/v1/itsm-instances')) });
