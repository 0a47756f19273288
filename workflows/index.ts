export { campaignWorkflow } from './campaign.workflow';
export { reviewerTaskWorkflow } from './reviewer.workflow';
