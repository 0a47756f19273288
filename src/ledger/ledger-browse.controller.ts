import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '../auth/roles';
import { pageQuery } from '../common/cursor';
import { openApiResponse, pageView } from '../common/openapi';
import { whyUnstorable } from '../common/storable-text';
import { ZodQuery } from '../common/zod-query.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
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

const keyPipe = new ZodValidationPipe(ledgerKey);

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('api/v1/ledger')
export class LedgerBrowseController {
  constructor(@Inject(LedgerBrowseService) private readonly ledger: LedgerBrowseService) {}

  @Get('identities')
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'Identities in key order, searched by key, name or e-mail' })
  @ApiOkResponse({ schema: openApiResponse(pageView(identityListView)) })
  identities(@ZodQuery(identitiesQuery) q: z.infer<typeof identitiesQuery>) {
    return this.ledger.identities(q, q);
  }

  @Get('identities/:key')
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'One identity, with their manager and how many assignments they hold' })
  @ApiOkResponse({ schema: openApiResponse(identityView) })
  identity(@Param('key', keyPipe) key: string) {
    return this.ledger.identity(key);
  }

  @Get('applications')
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'Applications in key order, searched by key or name, with their counts' })
  @ApiOkResponse({ schema: openApiResponse(pageView(applicationListView)) })
  applications(@ZodQuery(applicationsQuery) q: z.infer<typeof applicationsQuery>) {
    return this.ledger.applications(q, q);
  }

  @Get('permissions')
  @Roles('admin', 'auditor')
  @ApiOperation({
    summary: 'Permissions in key order, searched by key or name, optionally of one application',
  })
  @ApiOkResponse({ schema: openApiResponse(pageView(permissionListView)) })
  permissions(@ZodQuery(permissionsQuery) q: z.infer<typeof permissionsQuery>) {
    return this.ledger.permissions(q, q);
  }

  @Get('assignments')
  @Roles('admin', 'auditor')
  @ApiOperation({
    summary: 'Assignments in key order with their last certification (the latest campaign item of each)',
  })
  @ApiOkResponse({ schema: openApiResponse(pageView(assignmentListView)) })
  assignments(@ZodQuery(assignmentsQuery) q: z.infer<typeof assignmentsQuery>) {
    return this.ledger.assignments(q, q);
  }

  @Get('accounts')
  @Roles('admin', 'auditor')
  @ApiOperation({
    summary: 'Accounts in key order with the identity owning each (orphans=true: only those nobody owns)',
  })
  @ApiOkResponse({ schema: openApiResponse(pageView(accountListView)) })
  accounts(@ZodQuery(accountsQuery) q: z.infer<typeof accountsQuery>) {
    return this.ledger.accounts(
      { q: q.q, orphans: q.orphans === 'true', applicationKey: q.applicationKey },
      q,
    );
  }
}
