import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Principal, Roles } from '../auth/roles';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { CampaignReportService } from './campaign-report.service';
import { campaignIdParam } from './campaign.schema';

const idPipe = new ZodValidationPipe(campaignIdParam);

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
  report(@Param('id', idPipe) id: string) {
    return this.reports.report(id);
  }

  @Get(':id/report.csv')
  @Roles('admin', 'auditor')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary:
      'Every item as CSV, streamed; the SHA-256 comes as the x-content-sha256 trailer and in the audit trail (object report_export, id in x-report-export-id)',
  })
  async csv(
    @Param('id', idPipe) id: string,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.reports.streamCsv(id, p, res, req.header('x-request-id'));
  }
}
