import { createBrowserRouter } from 'react-router';
import { AuditTrailPage } from '../audit/AuditTrailPage';
import { AdminOnly } from '../auth/AdminOnly';
import { CampaignPage } from '../campaigns/CampaignPage';
import { CampaignsPage } from '../campaigns/CampaignsPage';
import { NewCampaignPage } from '../campaigns/new/NewCampaignPage';
import { IdentityPage } from '../ledger/IdentityPage';
import { LedgerPage } from '../ledger/LedgerPage';
import { PolicyEditorPage } from '../policies/edit/PolicyEditorPage';
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
      {
        path: '/campaigns/new',
        element: (
          <AdminOnly refusal="Only administrators launch campaigns.">
            <NewCampaignPage />
          </AdminOnly>
        ),
      },
      { path: '/campaigns/:campaignId', element: <CampaignPage /> },
      { path: '/ledger', element: <LedgerPage /> },
      { path: '/ledger/identities/:key', element: <IdentityPage /> },
      { path: '/policies', element: <PoliciesPage /> },
      {
        path: '/policies/new',
        element: (
          <AdminOnly refusal="Only administrators create policies.">
            <PolicyEditorPage />
          </AdminOnly>
        ),
      },
      { path: '/policies/:id', element: <PolicyEditorPage /> },
      { path: '/audit', element: <AuditTrailPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
