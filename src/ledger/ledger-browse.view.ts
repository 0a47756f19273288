import { z } from 'zod';
import { CAMPAIGN_STATES } from '../../workflows/campaign.contract';
import { ITEM_STATUSES } from '../domain/campaign.types';
import type {
  AccountListRow,
  ApplicationListRow,
  AssignmentListRow,
  IdentityListRow,
  IdentityRow,
  PermissionListRow,
} from './ledger-browse.repository';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const identityListView = z.object({
  key: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  department: z.string().nullable(),
  jobTitle: z.string().nullable(),
  type: z.string(),
  status: z.enum(['active', 'inactive']),
  managerKey: z.string().nullable(),
  managerName: z.string().nullable(),
  assignmentCount: z.number().int(),
});

export const identityView = identityListView.extend({
  attributes: z.record(z.string(), z.unknown()),
  updatedAt: z.iso.datetime(),
});

export const applicationListView = z.object({
  key: z.string(),
  name: z.string(),
  ownerKey: z.string().nullable(),
  ownerName: z.string().nullable(),
  permissionCount: z.number().int(),
  assignmentCount: z.number().int(),
});

export const permissionListView = z.object({
  key: z.string(),
  name: z.string(),
  kind: z.string(),
  critical: z.boolean(),
  applicationKey: z.string(),
  applicationName: z.string(),
  ownerKey: z.string().nullable(),
  ownerName: z.string().nullable(),
  assignmentCount: z.number().int(),
});

/** An account in an application, with the identity that owns it; an orphan account has none. */
export const accountListView = z.object({
  key: z.string(),
  login: z.string(),
  status: z.string(),
  lastLoginAt: z.iso.datetime().nullable(),
  applicationKey: z.string(),
  applicationName: z.string(),
  ownerKey: z.string().nullable(),
  ownerName: z.string().nullable(),
  ownerStatus: z.enum(['active', 'inactive']).nullable(),
  assignmentCount: z.number().int(),
});

/** The latest campaign item of an assignment: the last time a reviewer was asked about it. */
export const lastCertificationView = z.object({
  itemId: z.string(),
  campaignId: z.uuid(),
  campaignNumber: z.string(),
  campaignTitle: z.string(),
  campaignStatus: z.enum(CAMPAIGN_STATES),
  status: z.enum(ITEM_STATUSES),
  decidedBy: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
});

export const assignmentListView = z.object({
  key: z.string(),
  identityKey: z.string(),
  identityName: z.string(),
  applicationKey: z.string(),
  applicationName: z.string(),
  permissionKey: z.string(),
  permissionName: z.string(),
  accountKey: z.string().nullable(),
  accountLogin: z.string().nullable(),
  origin: z.string(),
  compliance: z.string(),
  status: z.string(),
  assignedAt: z.iso.datetime().nullable(),
  lastCertifiedAt: z.iso.datetime().nullable(),
  lastCertification: lastCertificationView.nullable(),
});

export type IdentityListView = z.infer<typeof identityListView>;
export type IdentityView = z.infer<typeof identityView>;
export type ApplicationListView = z.infer<typeof applicationListView>;
export type PermissionListView = z.infer<typeof permissionListView>;
export type AssignmentListView = z.infer<typeof assignmentListView>;
export type AccountListView = z.infer<typeof accountListView>;

export const accountListOf = (r: AccountListRow): AccountListView => ({
  key: r.key,
  login: r.login,
  status: r.status,
  lastLoginAt: iso(r.last_login_at),
  applicationKey: r.application_key,
  applicationName: r.application_name,
  ownerKey: r.owner_key,
  ownerName: r.owner_name,
  ownerStatus: r.owner_status,
  assignmentCount: r.assignment_count,
});

export const identityListOf = (r: IdentityListRow): IdentityListView => ({
  key: r.key,
  displayName: r.display_name,
  email: r.email,
  department: r.department,
  jobTitle: r.job_title,
  type: r.type,
  status: r.status,
  managerKey: r.manager_key,
  managerName: r.manager_name,
  assignmentCount: r.assignment_count,
});

export const identityOf = (r: IdentityRow): IdentityView => ({
  ...identityListOf(r),
  attributes: r.attributes,
  updatedAt: r.updated_at.toISOString(),
});

export const applicationListOf = (r: ApplicationListRow): ApplicationListView => ({
  key: r.key,
  name: r.name,
  ownerKey: r.owner_key,
  ownerName: r.owner_name,
  permissionCount: r.permission_count,
  assignmentCount: r.assignment_count,
});

export const permissionListOf = (r: PermissionListRow): PermissionListView => ({
  key: r.key,
  name: r.name,
  kind: r.kind,
  critical: r.critical,
  applicationKey: r.application_key,
  applicationName: r.application_name,
  ownerKey: r.owner_key,
  ownerName: r.owner_name,
  assignmentCount: r.assignment_count,
});

function lastCertificationOf(r: AssignmentListRow): z.infer<typeof lastCertificationView> | null {
  // Every column of the LATERAL join is null together: the assignment was never in a campaign.
  if (r.item_id === null || r.campaign_id === null || r.campaign_status === null || r.item_status === null)
    return null;
  return {
    itemId: r.item_id,
    campaignId: r.campaign_id,
    campaignNumber: r.campaign_number ?? '',
    campaignTitle: r.campaign_title ?? '',
    campaignStatus: r.campaign_status,
    status: r.item_status,
    decidedBy: r.decided_by,
    decidedAt: iso(r.decided_at),
  };
}

export const assignmentListOf = (r: AssignmentListRow): AssignmentListView => ({
  key: r.key,
  identityKey: r.identity_key,
  identityName: r.identity_name,
  applicationKey: r.application_key,
  applicationName: r.application_name,
  permissionKey: r.permission_key,
  permissionName: r.permission_name,
  accountKey: r.account_key,
  accountLogin: r.account_login,
  origin: r.origin,
  compliance: r.compliance,
  status: r.status,
  assignedAt: iso(r.assigned_at),
  lastCertifiedAt: iso(r.last_certified_at),
  lastCertification: lastCertificationOf(r),
});
