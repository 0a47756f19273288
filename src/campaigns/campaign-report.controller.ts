import { pipeline } from 'node:stream/promises';
import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Principal, Roles } from '../auth/roles';
import { openApiResponse } from '../common/openapi';
import { ZodQuery } from '../common/zod-query.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { campaignReportView, reportExportLinkView } from './campaign-report.view';
import { CampaignReportService } from './campaign-report.service';
import { campaignIdParam } from './campaign.schema';

const idPipe = new ZodValidationPipe(campaignIdParam);

/** `link`: the token of a link from POST …/report.csv/link. */
const csvQuery = z.strictObject({ link: z.string().min(1).max(200).optional() });

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('api/v1/campaigns')
export class CampaignReportController {
  constructor(@Inject(CampaignReportService) private readonly reports: CampaignReportService) {}

  @Get(':id/report')
  @Roles('admin', 'auditor')
  @ApiOperation({
    summary: 'Compliance report: totals by status, reviewer and application, reviewed %, movers, durations',
  })
  @ApiOkResponse({ schema: openApiResponse(campaignReportView) })
  report(@Param('id', idPipe) id: string) {
    return this.reports.report(id);
  }

  @Post(':id/report.csv/link')
  @Roles('admin', 'auditor')
  @ApiOperation({
    summary:
      'A link that downloads the CSV once, for the caller only, within a minute (how a browser session downloads it)',
  })
  @ApiCreatedResponse({ schema: openApiResponse(reportExportLinkView) })
  exportLink(@Param('id', idPipe) id: string, @CurrentPrincipal() p: Principal) {
    return this.reports.exportLink(id, p);
  }

  @Get(':id/report.csv')
  @Roles('admin', 'auditor')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary:
      'Every item as CSV, streamed; the SHA-256 comes as the x-content-sha256 trailer and in the audit trail (object report_export, id in x-report-export-id)',
    description:
      'With a bearer token, directly; with the session cookie, only through a link of POST …/report.csv/link (403 otherwise).',
  })
  async csv(
    @Param('id', idPipe) id: string,
    @ZodQuery(csvQuery) q: z.infer<typeof csvQuery>,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const csv = await this.reports.openCsv(id, p, q.link);
    res.status(200);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${csv.filename}"`);
    res.setHeader('x-report-export-id', csv.exportId);
    res.setHeader('trailer', 'x-content-sha256');
    try {
      await pipeline(csv.body, res, { end: false });
    } catch (err) {
      csv.abort(err as Error);
      res.destroy();
      return;
    }
    let sha256: string;
    try {
      sha256 = await csv.complete(p, req.header('x-request-id'));
    } catch {
      // An export whose evidence could not be recorded is not handed out as complete.
      res.destroy();
      return;
    }
    res.addTrailers({ 'x-content-sha256': sha256 });
    res.end();
  }
}
