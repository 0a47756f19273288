import { lazy, type ComponentType } from 'react';

/**
 * Each page is a chunk of its own, loaded when its route is first shown: the first page does not wait for
 * the console's pages, nor a reviewer's browser ever fetch them. A page that fails to load (a chunk gone
 * from the server) falls to the route's error boundary like any other failure.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

export const MyReviewsPage = page(() => import('../reviews/MyReviewsPage'), 'MyReviewsPage');
export const CampaignReviewPage = page(() => import('../reviews/CampaignReviewPage'), 'CampaignReviewPage');
export const CampaignsPage = page(() => import('../campaigns/CampaignsPage'), 'CampaignsPage');
export const NewCampaignPage = page(() => import('../campaigns/new/NewCampaignPage'), 'NewCampaignPage');
export const CampaignPage = page(() => import('../campaigns/CampaignPage'), 'CampaignPage');
export const ItemStoryPage = page(() => import('../campaigns/items/ItemStoryPage'), 'ItemStoryPage');
export const LedgerPage = page(() => import('../ledger/LedgerPage'), 'LedgerPage');
export const IdentityPage = page(() => import('../ledger/IdentityPage'), 'IdentityPage');
export const PoliciesPage = page(() => import('../policies/PoliciesPage'), 'PoliciesPage');
export const PolicyEditorPage = page(() => import('../policies/edit/PolicyEditorPage'), 'PolicyEditorPage');
export const AuditTrailPage = page(() => import('../audit/AuditTrailPage'), 'AuditTrailPage');
export const MailPage = page(() => import('../mail/MailPage'), 'MailPage');
