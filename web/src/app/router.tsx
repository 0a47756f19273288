import { createBrowserRouter } from 'react-router';
import { AuditTrailPage } from '../audit/AuditTrailPage';
import { CampaignPage } from '../campaigns/CampaignPage';
import { CampaignsPage } from '../campaigns/CampaignsPage';
import { NewCampaignPage } from '../campaigns/new/NewCampaignPage';
import { IdentityPage } from '../ledger/IdentityPage';
import { LedgerPage } from '../ledger/LedgerPage';
import { PoliciesPage } from '../policies/PoliciesPage';
import { CampaignReviewPage } from '../reviews/CampaignReviewPage';
import { MyReviewsPage } from '../reviews/MyReviewsPage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';

export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/', element: <MyReviewsPage /> },
      { path: '/reviews/:campaignId', element: <CampaignReviewPage /> },
      { path: '/campaigns', element: <CampaignsPage /> },
      { path: '/campaigns/new', element: <NewCampaignPage /> },
      { path: '/campaigns/:campaignId', element: <CampaignPage /> },
      { path: '/ledger', element: <LedgerPage /> },
      { path: '/ledger/identities/:key', element: <IdentityPage /> },
      { path: '/policies', element: <PoliciesPage /> },
      { path: '/audit', element: <AuditTrailPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
