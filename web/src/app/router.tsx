import { createBrowserRouter } from 'react-router';
import { AuditTrailPage } from '../audit/AuditTrailPage';
import { AdminOnly } from '../auth/AdminOnly';
import { CampaignPage } from '../campaigns/CampaignPage';
import { CampaignsPage } from '../campaigns/CampaignsPage';
import { ItemStoryPage } from '../campaigns/items/ItemStoryPage';
import { NewCampaignPage } from '../campaigns/new/NewCampaignPage';
import { IdentityPage } from '../ledger/IdentityPage';
import { LedgerPage } from '../ledger/LedgerPage';
import { MailPage } from '../mail/MailPage';
import { PolicyEditorPage } from '../policies/edit/PolicyEditorPage';
import { PoliciesPage } from '../policies/PoliciesPage';
import { CampaignReviewPage } from '../reviews/CampaignReviewPage';
import { MyReviewsPage } from '../reviews/MyReviewsPage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { RouteErrorBoundary } from './RouteErrorBoundary';

export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RouteErrorBoundary />,
    children: [
      {
        // A page that fails shows why under the header, which stays with its links.
        errorElement: <RouteErrorBoundary />,
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
          { path: '/campaigns/:campaignId/items/:itemId', element: <ItemStoryPage /> },
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
          { path: '/mail', element: <MailPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
