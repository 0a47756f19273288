export { campaignWorkflow } from './campaign.workflow';
export { reviewerTaskWorkflow } from './reviewer.workflow';
export { remediationLauncherWorkflow, remediationWorkflow } from './remediation.workflow';
export { policyRunWorkflow } from './policy.workflow';
