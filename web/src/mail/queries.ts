import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import type { paths } from '../api/schema';
import { usePaged } from '../common/PagedTable';

type MailQuery = NonNullable<paths['/api/v1/mail']['get']['parameters']['query']>;
export type MailFilter = Pick<MailQuery, 'campaignId' | 'recipientKey' | 'event' | 'status'>;
export type MailEvent = NonNullable<MailQuery['event']>;
export type MailStatus = NonNullable<MailQuery['status']>;

const fetchMailPage = (filter: MailFilter, cursor?: string) =>
  ok(api.GET('/api/v1/mail', { params: { query: { ...filter, limit: 100, cursor } } }));

const fetchMessage = (id: string) => ok(api.GET('/api/v1/mail/{id}', { params: { path: { id } } }));

/** Campaigns to filter by: the newest first, as many as a picker can reasonably offer. */
const fetchCampaignChoices = () => ok(api.GET('/api/v1/campaigns', { params: { query: { limit: 200 } } }));

export type MailRow = Awaited<ReturnType<typeof fetchMailPage>>['items'][number];
export type MailMessage = Awaited<ReturnType<typeof fetchMessage>>;

/** The events in people's words. */
export const EVENT_WORDS: Record<MailEvent, string> = {
  'campaign-launched': 'Invitation (campaign launched)',
  reminder: 'Reminder',
  'closing-soon': 'Closing soon',
  escalation: 'Escalation',
  'item-forwarded': 'Items forwarded',
  'remediation-task': 'Remediation task',
};

export const STATUS_WORDS: Record<MailStatus, string> = {
  sending: 'Being sent',
  committing: 'Being handed to the mail server',
  sent: 'Sent',
  unconfirmed: 'Unconfirmed (may have arrived; not sent again)',
  skipped: 'Not sent',
};

/** Shades dark enough for white badge text (WCAG AA, 4.5:1). */
export const STATUS_COLOR: Record<MailStatus, string> = {
  sending: 'blue.9',
  committing: 'blue.9',
  sent: 'teal.9',
  unconfirmed: 'grape.9',
  skipped: 'gray.7',
};

export const useMailPage = (filter: MailFilter) =>
  usePaged(['mail', filter], (cursor) => fetchMailPage(filter, cursor));
export const useMessage = (id: string | null) =>
  useQuery({ queryKey: ['mail', 'message', id], queryFn: () => fetchMessage(id!), enabled: id !== null });
export const useCampaignChoices = () =>
  useQuery({ queryKey: ['mail', 'campaigns'], queryFn: fetchCampaignChoices });
