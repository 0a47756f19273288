import { createBrowserRouter } from 'react-router';
import { CampaignsPage } from '../campaigns/CampaignsPage';
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
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
