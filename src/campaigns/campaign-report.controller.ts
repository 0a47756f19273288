import { pipeline } from 'node:stream/promises';
import { Inject, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Principal } from '../auth/roles';
import { Endpoint, Resource } from '../common/endpoint';
import { campaignReportView, reportExportLinkView } from './campaign-report.view';
import { CampaignReportService } from './campaign-report.service';
import { campaignIdParam } from './campaign.schema';

const params = { id: campaignIdParam };

/** `link`: the token of a link from POST …/report.csv/link. */
const csvQuery = z.strictObject({ link: z.string().min(1).max(200).optional() });

@Resource('api/v1/campaigns', { tag: 'campaigns', roles: ['admin', 'auditor'] })
export class CampaignReportController {
  constructor(@Inject(CampaignReportService) private readonly reports: CampaignReportService) {}

  @Endpoint('GET', ':id/report', {
    summary: 'Compliance report: totals by status, reviewer and application, reviewed %, movers, durations',
    params,
    response: campaignReportView,
  })
  report(@Param('id') id: string) {
    return this.reports.report(id);
  }

  @Endpoint('POST', ':id/report.csv/link', {
    summary:
      'A link that downloads the CSV once, for the caller only, within a minute (how a browser session downloads it)',
    params,
    response: reportExportLinkView,
  })
  exportLink(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.reports.exportLink(id, p);
  }

  @Endpoint('GET', ':id/report.csv', {
    summary:
      'Every item as CSV, streamed; the SHA-256 comes as the x-content-sha256 trailer and in the audit trail (object report_export, id in x-report-export-id)',
    description:
      'With a bearer token, directly; with the session cookie, only through a link of POST …/report.csv/link (403 otherwise).',
    params,
    query: csvQuery,
    produces: ['text/csv'],
  })
  async csv(
    @Param('id') id: string,
    @Query() q: z.infer<typeof csvQuery>,
    @CurrentPrincipal() p: Principal,
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
      sha256 = await csv.complete(p);
    } catch {
      // An export whose evidence could not be recorded is not handed out as complete.
      res.destroy();
      return;
    }
    res.addTrailers({ 'x-content-sha256': sha256 });
    res.end();
  }
}
