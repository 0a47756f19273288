// A campaign's plan (its rules and reviewer strategy), which a policy's campaigns follow too.
export { PlanFields } from './plan/PlanFields';
export { defaultPlan, optionsOf, planOf, type PlanDraft } from './plan/plan-draft';
export { StrategyEditor, type ReviewerRule } from './plan/StrategyEditor';
