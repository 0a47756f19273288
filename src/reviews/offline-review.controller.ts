import { Inject, Param, Query, Req, StreamableFile } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Principal } from '../auth/roles';
import { campaignIdParam } from '../campaigns';
import { DomainError } from '../common/domain-error';
import { Endpoint, Resource } from '../common/endpoint';
import { OfflineFormat, OfflineReviewService } from './offline-review.service';
import { XLSX_TYPE } from './offline-sheet';

/** Where a spreadsheet is uploaded; the service reads the body itself, within the caller's bounds. */
export const OFFLINE_REVIEW_PATH = '/api/v1/reviews/campaigns/:id/offline';

const downloadQuery = z.strictObject({ format: z.enum(['xlsx', 'csv']).default('xlsx') });

export const offlineUploadView = z.object({
  drafted: z.number().int(),
  blank: z.number().int(),
  refused: z.array(
    z.object({
      /** The row of the sheet (the header is row 1). */
      row: z.number().int(),
      itemId: z.string().nullable(),
      field: z.enum(['item', 'decision', 'comment', 'endDate']),
      message: z.string(),
    }),
  ),
});

const params = { id: campaignIdParam };

@Resource('api/v1/reviews/campaigns/:id/offline', { tag: 'reviews', roles: ['reviewer'] })
export class OfflineReviewController {
  constructor(@Inject(OfflineReviewService) private readonly offline: OfflineReviewService) {}

  @Endpoint('GET', '', {
    summary: "The caller's items of the campaign as a spreadsheet to fill in offline (XLSX or CSV)",
    description:
      'Decision (Approve, Revoke, Update), Comment and End date are the columns read back; the XLSX makes ' +
      'Decision and Comment drop-downs and End date a date after today. Only for campaigns with ' +
      '`options.offlineReview`.',
    params,
    query: downloadQuery,
    produces: [XLSX_TYPE, 'text/csv'],
  })
  async download(
    @Param('id') id: string,
    @Query() query: z.infer<typeof downloadQuery>,
    @CurrentPrincipal() p: Principal,
  ): Promise<StreamableFile> {
    const file = await this.offline.download(p, id, query.format);
    const body = typeof file.body === 'string' ? Buffer.from(file.body, 'utf8') : file.body;
    return new StreamableFile(body, {
      type: file.contentType,
      disposition: `attachment; filename="${file.filename}"`,
      length: body.length,
    });
  }

  @Endpoint('POST', '', {
    summary: 'Upload the filled spreadsheet: valid rows become drafts, refused rows are listed with why',
    params,
    body: { schema: 'binary', consumes: [XLSX_TYPE, 'text/csv'] },
    status: 200,
    response: offlineUploadView,
  })
  upload(@Param('id') id: string, @CurrentPrincipal() p: Principal, @Req() req: Request) {
    const format: OfflineFormat | false = req.is(XLSX_TYPE) ? 'xlsx' : req.is('text/csv') ? 'csv' : false;
    // No body parser reads this route: the service reads the file itself, once it knows its bounds.
    if (!format) {
      throw new DomainError(
        415,
        'unsupported-media-type',
        'Unsupported media type',
        `An offline review is uploaded as ${XLSX_TYPE} or text/csv.`,
      );
    }
    const length = Number(req.headers['content-length']);
    return this.offline.upload(p, id, format, {
      body: req,
      declaredBytes: Number.isFinite(length) ? length : undefined,
    });
  }
}
