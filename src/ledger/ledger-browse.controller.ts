import { Inject, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { pageQuery } from '../common/cursor';
import { Endpoint, Resource } from '../common/endpoint';
import { pageView } from '../common/openapi';
import { whyUnstorable } from '../common/storable-text';
import { LedgerBrowseService } from './ledger-browse.service';
import {
  accountListView,
  applicationListView,
  assignmentListView,
  identityListView,
  identityView,
  permissionListView,
} from './ledger-browse.view';

/** A ledger key as a filter: text PostgreSQL can store, of a sensible length. */
const ledgerKey = z
  .string()
  .min(1)
  .max(500)
  .superRefine((text, ctx) => {
    const why = whyUnstorable(text);
    if (why) ctx.addIssue({ code: 'custom', message: why });
  });

const text = z.string().trim().min(1).max(100).optional();

const identitiesQuery = z.strictObject({
  q: text,
  status: z.enum(['active', 'inactive']).optional(),
  ...pageQuery,
});
const applicationsQuery = z.strictObject({ q: text, ...pageQuery });
const permissionsQuery = z.strictObject({ q: text, applicationKey: ledgerKey.optional(), ...pageQuery });
const assignmentsQuery = z.strictObject({
  q: text,
  identityKey: ledgerKey.optional(),
  applicationKey: ledgerKey.optional(),
  permissionKey: ledgerKey.optional(),
  ...pageQuery,
});

const accountsQuery = z.strictObject({
  q: text,
  orphans: z.enum(['true', 'false']).optional(),
  applicationKey: ledgerKey.optional(),
  ...pageQuery,
});

@Resource('api/v1/ledger', { tag: 'ledger', roles: ['admin', 'auditor'] })
export class LedgerBrowseController {
  constructor(@Inject(LedgerBrowseService) private readonly ledger: LedgerBrowseService) {}

  @Endpoint('GET', 'identities', {
    summary: 'Identities in key order, searched by key, name or e-mail',
    query: identitiesQuery,
    response: pageView(identityListView),
  })
  identities(@Query() q: z.infer<typeof identitiesQuery>) {
    return this.ledger.identities(q, q);
  }

  @Endpoint('GET', 'identities/:key', {
    summary: 'One identity, with their manager and how many assignments they hold',
    params: { key: ledgerKey },
    response: identityView,
  })
  identity(@Param('key') key: string) {
    return this.ledger.identity(key);
  }

  @Endpoint('GET', 'applications', {
    summary: 'Applications in key order, searched by key or name, with their counts',
    query: applicationsQuery,
    response: pageView(applicationListView),
  })
  applications(@Query() q: z.infer<typeof applicationsQuery>) {
    return this.ledger.applications(q, q);
  }

  @Endpoint('GET', 'permissions', {
    summary: 'Permissions in key order, searched by key or name, optionally of one application',
    query: permissionsQuery,
    response: pageView(permissionListView),
  })
  permissions(@Query() q: z.infer<typeof permissionsQuery>) {
    return this.ledger.permissions(q, q);
  }

  @Endpoint('GET', 'assignments', {
    summary: 'Assignments in key order with their last certification (the latest campaign item of each)',
    query: assignmentsQuery,
    response: pageView(assignmentListView),
  })
  assignments(@Query() q: z.infer<typeof assignmentsQuery>) {
    return this.ledger.assignments(q, q);
  }

  @Endpoint('GET', 'accounts', {
    summary: 'Accounts in key order with the identity owning each (orphans=true: only those nobody owns)',
    query: accountsQuery,
    response: pageView(accountListView),
  })
  accounts(@Query() q: z.infer<typeof accountsQuery>) {
    return this.ledger.accounts(
      { q: q.q, orphans: q.orphans === 'true', applicationKey: q.applicationKey },
      q,
    );
  }
}
