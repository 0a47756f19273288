import { createBrowserRouter } from 'react-router';
import { AdminOnly } from '../auth';
import {
  AuditTrailPage,
  CampaignPage,
  CampaignReviewPage,
  CampaignsPage,
  IdentityPage,
  ItemStoryPage,
  LedgerPage,
  MailPage,
  MyReviewsPage,
  NewCampaignPage,
  PoliciesPage,
  PolicyEditorPage,
} from './pages';
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
