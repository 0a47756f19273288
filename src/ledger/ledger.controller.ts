import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { actorOf, Principal, Roles } from '../auth/roles';
import { z } from 'zod';
import { openApiResponse, openApiSchema } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { LedgerImport, ledgerImportSchema } from './ledger-import.schema';
import { ImportResult, LedgerService } from './ledger.service';

const collectionCounts = z.object({
  received: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
});

const importResultView = z.object({
  importId: z.string(),
  counts: z.object(
    Object.fromEntries(Object.keys(ledgerImportSchema.shape).map((c) => [c, collectionCounts])) as Record<
      keyof LedgerImport,
      typeof collectionCounts
    >,
  ),
  remediations: z.object({ verified: z.number().int(), reopened: z.number().int() }),
});

/** The one route whose bodies may be large (see app.factory.ts). */
export const LEDGER_IMPORTS_PATH = '/api/v1/ledger/imports';

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('api/v1/ledger')
export class LedgerController {
  constructor(@Inject(LedgerService) private readonly ledger: LedgerService) {}

  @Post('imports')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Upsert identities, applications, permissions, accounts and assignments, all or nothing',
  })
  @ApiBody({ schema: openApiSchema(ledgerImportSchema) })
  @ApiOkResponse({ schema: openApiResponse(importResultView) })
  import(
    @Body(new ZodValidationPipe(ledgerImportSchema)) doc: LedgerImport,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
  ): Promise<ImportResult> {
    return this.ledger.import(doc, actorOf(principal, req.header('x-request-id')));
  }
}
