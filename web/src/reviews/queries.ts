import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';

export type CampaignWorkspace = Awaited<ReturnType<typeof fetchCampaign>>;
export type ReviewItem = CampaignWorkspace['items'][number];
export type MyCampaign = Awaited<ReturnType<typeof fetchMyCampaigns>>[number];
export type Decision = 'approve' | 'revoke' | 'update' | 'forward';

export const fetchMyCampaigns = () => ok(api.GET('/api/v1/reviews/campaigns'));
export const fetchCampaign = (id: string) =>
  ok(api.GET('/api/v1/reviews/campaigns/{id}', { params: { path: { id } } }));

export const myCampaignsKey = ['reviews', 'campaigns'] as const;
export const campaignKey = (id: string) => ['reviews', 'campaign', id] as const;

export const useMyCampaigns = () => useQuery({ queryKey: myCampaignsKey, queryFn: fetchMyCampaigns });
export const useCampaignWorkspace = (id: string) =>
  useQuery({ queryKey: campaignKey(id), queryFn: () => fetchCampaign(id) });
