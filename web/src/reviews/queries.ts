import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';

export type CampaignWorkspace = Awaited<ReturnType<typeof fetchCampaign>>;
export type ReviewItem = CampaignWorkspace['items'][number];
export type MyCampaign = Awaited<ReturnType<typeof fetchMyCampaigns>>[number];
export type Decision = 'approve' | 'revoke' | 'update' | 'forward';

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
