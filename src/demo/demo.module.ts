import { DynamicModule, Module } from '@nestjs/common';
import { CampaignsHttpModule } from '../campaigns';
import { PoliciesHttpModule } from '../policies';
import { ReviewsHttpModule } from '../reviews';
import { DemoController } from './demo.controller';
import { DemoRepository } from './demo.repository';
import { DemoService } from './demo.service';

/** The demo organisation: loaded through the ledger, campaign, review and policy services. */
@Module({})
export class DemoModule {
  /** `ledger`: the app's own ledger module (LedgerHttpModule.register), whose import service it uses. */
  static register(ledger: DynamicModule): DynamicModule {
    return {
      module: DemoModule,
      imports: [ledger, CampaignsHttpModule, ReviewsHttpModule, PoliciesHttpModule],
      controllers: [DemoController],
      providers: [DemoService, DemoRepository],
      exports: [DemoService],
    };
  }
}
