import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { uploadOffline } from './offline';

export type CampaignWorkspace = Awaited<ReturnType<typeof fetchCampaign>>;
export type ReviewItem = CampaignWorkspace['items'][number];
export type MyCampaign = Awaited<ReturnType<typeof fetchMyCampaigns>>[number];
export type Decision = 'approve' | 'revoke' | 'update' | 'forward';

export interface DraftInput {
  decision: Decision;
  comment?: string | null;
  endDate?: string | null;
  forwardTo?: string | null;
  forwardReason?: string | null;
}

export const fetchMyCampaigns = (state: 'open' | 'closed' = 'open') =>
  ok(api.GET('/api/v1/reviews/campaigns', { params: { query: { state } } }));
export const fetchCampaign = (id: string) =>
  ok(api.GET('/api/v1/reviews/campaigns/{id}', { params: { path: { id } } }));

export const myCampaignsKey = ['reviews', 'campaigns'] as const;
export const campaignKey = (id: string) => ['reviews', 'campaign', id] as const;

export const useMyCampaigns = () => useQuery({ queryKey: myCampaignsKey, queryFn: () => fetchMyCampaigns() });
/** Under the same key as the open ones: whatever refreshes those refreshes these. */
export const useMyClosedCampaigns = (enabled: boolean) =>
  useQuery({
    queryKey: [...myCampaignsKey, 'closed'],
    queryFn: () => fetchMyCampaigns('closed'),
    enabled,
  });
export const useCampaignWorkspace = (id: string) =>
  useQuery({ queryKey: campaignKey(id), queryFn: () => fetchCampaign(id) });

/** The recertification history of an item's assignment; asked once an item is given. */
export const useItemHistory = (itemId: string | null) =>
  useQuery({
    queryKey: ['history', itemId],
    queryFn: () => ok(api.GET('/api/v1/reviews/{itemId}/history', { params: { path: { itemId: itemId! } } })),
    enabled: itemId !== null,
  });

/** Reads the campaign and the reviewer's list of campaigns again (counts, drafts, statuses). */
function useRefreshReview(campaignId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: campaignKey(campaignId) }),
      queryClient.invalidateQueries({ queryKey: myCampaignsKey }),
    ]);
}

/** The page's own reaction to a change: refusals shown where they belong. */
interface Reactions<V> {
  onSuccess: (variables: V) => void;
  onError: (err: Error, variables: V) => void;
}

/** Saves an item's draft decision; the page is read again once it is saved. */
export function useSaveDraft(campaignId: string, react: Reactions<{ item: ReviewItem; draft: DraftInput }>) {
  const refresh = useRefreshReview(campaignId);
  return useMutation({
    // One at a time, in order: a comment saved on leaving its box must not land after the decision
    // clicked next, which would bring the old decision back.
    scope: { id: `drafts:${campaignId}` },
    mutationFn: ({ item, draft }: { item: ReviewItem; draft: DraftInput }) =>
      ok(api.PUT('/api/v1/reviews/{itemId}/draft', { params: { path: { itemId: item.id } }, body: draft })),
    onSuccess: (_data, variables) => {
      react.onSuccess(variables);
      return refresh();
    },
    onError: (err, variables) => react.onError(err, variables),
  });
}

/** Confirms the reviewer's drafts; a refusal leaves the page as it is. */
export function useConfirmDecisions(campaignId: string, react: Reactions<void>) {
  const refresh = useRefreshReview(campaignId);
  return useMutation({
    mutationFn: () =>
      ok(api.POST('/api/v1/campaigns/{id}/confirm', { params: { path: { id: campaignId } } })),
    onSuccess: () => {
      react.onSuccess();
      return refresh();
    },
    onError: (err) => react.onError(err),
  });
}

/** Drops the reviewer's drafts. */
export function useDiscardDrafts(campaignId: string, react: Reactions<void>) {
  const refresh = useRefreshReview(campaignId);
  return useMutation({
    mutationFn: () =>
      ok(api.DELETE('/api/v1/campaigns/{id}/drafts', { params: { path: { id: campaignId } } })),
    onSuccess: () => {
      react.onSuccess();
      return refresh();
    },
    onError: (err) => react.onError(err),
  });
}

export type BulkDecision = { itemId: string; decision: 'approve' | 'revoke'; comment?: string };

/** Decides and confirms at once (bulk): up to 500 items per call, as the API takes them. */
export function useDecideNow(campaignId: string, react: Reactions<BulkDecision[]>) {
  const refresh = useRefreshReview(campaignId);
  return useMutation({
    mutationFn: async (decisions: BulkDecision[]) => {
      for (let i = 0; i < decisions.length; i += 500) {
        await ok(
          api.POST('/api/v1/campaigns/{id}/decisions', {
            params: { path: { id: campaignId } },
            body: { decisions: decisions.slice(i, i + 500) },
          }),
        );
      }
      return decisions.length;
    },
    onSuccess: (_n, variables) => {
      react.onSuccess(variables);
      return refresh();
    },
    onError: (err, variables) => {
      react.onError(err, variables);
      return refresh();
    },
  });
}

/** Uploads a filled spreadsheet: its decisions become drafts. */
export function useUploadOffline(campaignId: string) {
  const refresh = useRefreshReview(campaignId);
  return useMutation({
    mutationFn: (file: File) => uploadOffline(campaignId, file),
    onSettled: () => void refresh(),
  });
}
