import type { Person } from './org-chart';

export interface DemoApplication {
  key: string;
  name: string;
  /** The job title of its owner (the first holder). */
  ownerTitle: string;
}

export interface DemoPermission {
  key: string;
  applicationKey: string;
  name: string;
  kind: 'right' | 'role' | 'group';
  critical: boolean;
}

export const APPLICATIONS: DemoApplication[] = [
  { key: 'erp', name: 'SAP S/4HANA (ERP)', ownerTitle: 'Chief Financial Officer' },
  { key: 'crm', name: 'Salesforce (CRM)', ownerTitle: 'VP Sales' },
  { key: 'hris', name: 'Workday (HR system)', ownerTitle: 'HR director' },
  { key: 'github', name: 'GitHub Enterprise', ownerTitle: 'Chief Technology Officer' },
  { key: 'aws', name: 'AWS console', ownerTitle: 'SRE manager' },
  { key: 'ad', name: 'Active Directory groups', ownerTitle: 'Head of IT' },
  { key: 'payroll', name: 'ADP Payroll', ownerTitle: 'Payroll manager' },
  { key: 'servicedesk', name: 'Jira Service Management', ownerTitle: 'IT support manager' },
  { key: 'dwh', name: 'Snowflake data warehouse', ownerTitle: 'Data engineering manager' },
  { key: 'm365', name: 'Microsoft 365', ownerTitle: 'Head of IT' },
  { key: 'expenses', name: 'SAP Concur (expenses)', ownerTitle: 'FP&A manager' },
  { key: 'bank', name: 'Treasury banking portal', ownerTitle: 'Treasury manager' },
];

const p = (key: string, applicationKey: string, name: string, critical = false): DemoPermission => ({
  key,
  applicationKey,
  name,
  kind:
    applicationKey === 'ad'
      ? 'group'
      : applicationKey === 'hris' || applicationKey === 'erp'
        ? 'role'
        : 'right',
  critical,
});

export const DEPARTMENTS = [
  'Executive',
  'Finance',
  'Internal Audit',
  'Sales',
  'Engineering',
  'Customer Support',
  'Human Resources',
  'Marketing',
  'IT',
  'Operations',
];
const slug = (department: string) => department.toLowerCase().replace(/[^a-z]+/g, '-');
export const departmentGroup = (department: string) => `ad-${slug(department)}`;

export const PERMISSIONS: DemoPermission[] = [
  p('erp-gl-post', 'erp', 'General ledger posting', true),
  p('erp-period-close', 'erp', 'Period-end closing', true),
  p('erp-ap', 'erp', 'Accounts payable clerk'),
  p('erp-ar', 'erp', 'Accounts receivable clerk'),
  p('erp-reporting', 'erp', 'Financial reporting (read)'),
  p('erp-purchasing', 'erp', 'Purchase requisitions'),
  p('erp-po-approve', 'erp', 'Purchase order approval', true),
  p('erp-admin', 'erp', 'Basis administrator', true),
  p('crm-user', 'crm', 'Sales user'),
  p('crm-manager', 'crm', 'Sales manager (team pipeline)'),
  p('crm-export', 'crm', 'Bulk data export', true),
  p('crm-admin', 'crm', 'System administrator', true),
  p('crm-support', 'crm', 'Service console'),
  p('hr-self-service', 'hris', 'Employee self-service'),
  p('hr-manager', 'hris', 'Manager self-service'),
  p('hr-partner', 'hris', 'HR business partner'),
  p('hr-recruiting', 'hris', 'Recruiting'),
  p('hr-comp', 'hris', 'Compensation (all employees)', true),
  p('hr-admin', 'hris', 'Security administrator', true),
  p('gh-member', 'github', 'Organisation member'),
  p('gh-maintainer', 'github', 'Repository maintainer'),
  p('gh-owner', 'github', 'Organisation owner', true),
  p('aws-readonly', 'aws', 'ReadOnlyAccess'),
  p('aws-developer', 'aws', 'PowerUser (development accounts)'),
  p('aws-admin', 'aws', 'AdministratorAccess (production)', true),
  p('aws-security-audit', 'aws', 'SecurityAudit'),
  p('aws-billing', 'aws', 'Billing'),
  p('ad-all-staff', 'ad', 'GG-All staff'),
  p('ad-vpn', 'ad', 'GG-VPN users'),
  p('ad-mfa', 'ad', 'GG-MFA enforced'),
  p('ad-domain-admins', 'ad', 'Domain Admins', true),
  p('ad-helpdesk', 'ad', 'GG-Helpdesk operators'),
  ...DEPARTMENTS.map((d) => p(departmentGroup(d), 'ad', `GG-${d} share`)),
  p('payroll-view', 'payroll', 'Payslip self-service'),
  p('payroll-process', 'payroll', 'Payroll processing', true),
  p('payroll-admin', 'payroll', 'Payroll administrator', true),
  p('sd-requester', 'servicedesk', 'Portal requester'),
  p('sd-agent', 'servicedesk', 'Agent'),
  p('sd-admin', 'servicedesk', 'Project administrator', true),
  p('dwh-analyst', 'dwh', 'ANALYST role'),
  p('dwh-finance-mart', 'dwh', 'FINANCE_MART reader'),
  p('dwh-engineer', 'dwh', 'TRANSFORMER role'),
  p('dwh-admin', 'dwh', 'ACCOUNTADMIN', true),
  p('m365-e3', 'm365', 'Microsoft 365 E3 licence'),
  p('m365-intune', 'm365', 'Intune managed device'),
  p('m365-global-admin', 'm365', 'Global Administrator', true),
  p('m365-helpdesk', 'm365', 'Helpdesk Administrator'),
  p('exp-submit', 'expenses', 'Submit expense reports'),
  p('exp-approve', 'expenses', 'Approve team expenses'),
  p('exp-audit', 'expenses', 'Expense audit'),
  p('bank-view', 'bank', 'Account statements (read)'),
  p('bank-payments', 'bank', 'Prepare payments', true),
  p('bank-approve', 'bank', 'Release payments', true),
];

/** What everyone holds, and what every manager holds beside. */
const EVERYONE = [
  'ad-all-staff',
  'ad-mfa',
  'm365-e3',
  'm365-intune',
  'hr-self-service',
  'exp-submit',
  'sd-requester',
  'payroll-view',
];
const MANAGERS = ['hr-manager', 'exp-approve'];

/** What everyone in a department holds. */
const BY_DEPARTMENT: Record<string, string[]> = {
  Executive: ['ad-vpn', 'erp-reporting'],
  Finance: ['erp-reporting', 'dwh-finance-mart', 'ad-vpn'],
  'Internal Audit': ['erp-reporting', 'ad-vpn'],
  Sales: ['crm-user', 'ad-vpn'],
  Engineering: ['gh-member', 'aws-readonly', 'ad-vpn'],
  'Customer Support': ['crm-support', 'sd-agent'],
  'Human Resources': ['ad-vpn', 'hr-recruiting'],
  Marketing: ['crm-user', 'ad-vpn'],
  IT: ['sd-agent', 'ad-vpn', 'aws-readonly'],
  Operations: ['erp-purchasing', 'ad-vpn'],
};

/** The role model: what each job holds (the policy grants it; peers in the job hold the same). */
const BY_TITLE: Record<string, string[]> = {
  'Chief Executive Officer': ['erp-reporting', 'crm-manager', 'ad-vpn'],
  'Executive assistant': ['ad-vpn'],
  'Chief Financial Officer': ['erp-reporting', 'bank-approve', 'dwh-finance-mart', 'ad-vpn'],
  'Finance controller': ['erp-gl-post', 'erp-period-close', 'erp-reporting', 'exp-audit', 'bank-view'],
  Accountant: ['erp-gl-post', 'erp-ap', 'erp-ar', 'erp-reporting', 'dwh-finance-mart'],
  'Treasury manager': ['bank-view', 'bank-approve', 'erp-reporting'],
  'Treasury analyst': ['bank-view', 'bank-payments', 'erp-reporting'],
  'Payroll manager': ['payroll-process', 'payroll-admin', 'hr-comp'],
  'Payroll specialist': ['payroll-process', 'hr-comp'],
  'FP&A manager': ['erp-reporting', 'dwh-analyst', 'dwh-finance-mart'],
  'Financial analyst': ['erp-reporting', 'dwh-analyst', 'dwh-finance-mart'],
  'Head of internal audit': ['erp-reporting', 'dwh-analyst', 'aws-security-audit'],
  'Internal auditor': ['erp-reporting', 'dwh-analyst', 'bank-view'],
  'VP Sales': ['crm-manager', 'crm-export', 'ad-vpn'],
  'Sales director': ['crm-manager', 'ad-vpn'],
  'Sales manager': ['crm-manager', 'ad-vpn'],
  'Sales rep': ['crm-user', 'ad-vpn'],
  'Sales operations manager': ['crm-admin', 'crm-export', 'dwh-analyst'],
  'Sales operations analyst': ['crm-user', 'crm-export', 'dwh-analyst'],
  'Customer success manager': ['crm-manager', 'crm-support'],
  'Account manager': ['crm-user', 'crm-support'],
  'Chief Technology Officer': ['gh-owner', 'aws-readonly', 'aws-billing', 'ad-vpn'],
  'Engineering director': ['gh-maintainer', 'aws-readonly', 'ad-vpn'],
  'Engineering manager': ['gh-maintainer', 'aws-developer', 'ad-vpn'],
  Engineer: ['gh-member', 'aws-developer', 'ad-vpn'],
  'SRE manager': ['gh-maintainer', 'aws-admin', 'ad-vpn', 'sd-agent'],
  'Site reliability engineer': ['gh-member', 'aws-admin', 'ad-vpn', 'sd-agent'],
  'Data engineering manager': ['gh-maintainer', 'dwh-admin', 'dwh-engineer', 'ad-vpn'],
  'Data engineer': ['gh-member', 'dwh-engineer', 'aws-developer', 'ad-vpn'],
  'QA manager': ['gh-maintainer', 'aws-developer', 'ad-vpn'],
  'QA engineer': ['gh-member', 'aws-developer', 'ad-vpn'],
  'Head of customer support': ['sd-admin', 'crm-support', 'crm-manager'],
  'Support team lead': ['sd-agent', 'crm-support'],
  'Support agent': ['sd-agent', 'crm-support'],
  'HR director': ['hr-admin', 'hr-comp', 'hr-partner'],
  'HR partner': ['hr-partner'],
  'Talent acquisition manager': ['hr-recruiting', 'hr-partner'],
  Recruiter: ['hr-recruiting'],
  'HR operations manager': ['hr-admin', 'payroll-process'],
  'HR operations specialist': ['hr-partner', 'payroll-process'],
  'VP Marketing': ['crm-manager', 'dwh-analyst'],
  'Marketing manager': ['crm-user', 'dwh-analyst'],
  'Marketing specialist': ['crm-user'],
  'Head of IT': ['sd-admin', 'm365-global-admin', 'ad-vpn'],
  'IT support manager': ['sd-admin', 'ad-helpdesk', 'm365-helpdesk'],
  'IT support technician': ['sd-agent', 'ad-helpdesk', 'm365-helpdesk'],
  'IAM administrator': ['ad-domain-admins', 'm365-global-admin', 'aws-security-audit', 'ad-vpn'],
  'Security manager': ['aws-security-audit', 'sd-agent', 'gh-member', 'ad-vpn'],
  'Security engineer': ['aws-security-audit', 'sd-agent', 'ad-vpn'],
  'Chief Operating Officer': ['erp-reporting', 'erp-po-approve', 'dwh-analyst'],
  'Operations manager': ['erp-purchasing', 'erp-po-approve', 'dwh-analyst'],
  'Operations analyst': ['erp-purchasing', 'dwh-analyst'],
  'Logistics manager': ['erp-purchasing', 'erp-po-approve'],
  'Logistics coordinator': ['erp-purchasing'],
  'Procurement manager': ['erp-purchasing', 'erp-po-approve', 'erp-ap'],
  Buyer: ['erp-purchasing'],
};

/** What a person in this job, department and position holds by the role model. */
export function roleModel(person: Pick<Person, 'jobTitle' | 'department' | 'manager'>): string[] {
  const own = BY_TITLE[person.jobTitle];
  if (!own) throw new Error(`no role model for "${person.jobTitle}"`);
  return [
    ...new Set([
      ...EVERYONE,
      departmentGroup(person.department),
      ...(BY_DEPARTMENT[person.department] ?? []),
      ...(person.manager ? MANAGERS : []),
      ...own,
    ]),
  ];
}

/** Access a reviewer may well approve though no peer holds it: requested for a project. */
export const PLAUSIBLE_EXTRAS = ['dwh-analyst', 'gh-member', 'aws-readonly', 'crm-user', 'erp-reporting'];
/** Access nobody in the job should hold. */
export const ODD_EXTRAS = [
  'erp-admin',
  'aws-admin',
  'crm-admin',
  'hr-comp',
  'bank-payments',
  'payroll-admin',
  'dwh-admin',
  'ad-domain-admins',
  'gh-owner',
  'erp-gl-post',
];
