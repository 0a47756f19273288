export { campaignWorkflow } from './campaign.workflow';
