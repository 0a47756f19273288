import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../auth/roles';
import { CampaignsService } from '../campaigns';
import type { LaunchInput } from '../campaigns/campaign-launcher';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { Database } from '../database/database';
import { LedgerService } from '../ledger/ledger.service';
import { PoliciesService } from '../policies/policies.service';
import { ReviewsService } from '../reviews/reviews.service';
import { demoNotOffered, demoOffered, ledgerNotEmpty } from './demo-availability';
import { activeCampaign, closedCampaign } from './demo-campaigns';
import { daysSinceReference, shiftedFile } from './demo-dates';
import { CURRENT_IMPORTS, DemoImport, examplesDir, POLICY_FILE, PREVIOUS_IMPORTS } from './demo-files';
import { automation, person } from './demo-principals';
import { ReviewCalls, reviewLastQuarter, reviewThisQuarter } from './demo-reviews';
import { DemoRepository, Persona } from './demo.repository';

/** Campaign states are read this often while the demo waits for its workflow to reach one. */
const POLL_MS = 100;
const STATE_DEADLINE_MS = 120_000;

export interface DemoLoaded {
  ms: number;
  campaigns: { closed: string; active: string };
  policyId: string;
  personas: Persona[];
}

/**
 * Loads the demo organisation through the paths real data takes: the ledger import of the example files
 * (six months ago, then today), campaign launches, reviewers' decisions and drafts, the finalization of
 * last quarter's campaign (and so its remediations), seed 002's policy. Into an empty ledger only.
 */
@Injectable()
export class DemoService {
  private loading: Promise<DemoLoaded> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Database) private readonly db: Database,
    @Inject(DemoRepository) private readonly demo: DemoRepository,
    @Inject(LedgerService) private readonly ledger: LedgerService,
    @Inject(CampaignsService) private readonly campaigns: CampaignsService,
    @Inject(ReviewsService) private readonly reviews: ReviewsService,
    @Inject(PoliciesService) private readonly policies: PoliciesService,
  ) {}

  get offered(): boolean {
    return demoOffered(this.config);
  }

  isLedgerEmpty(): Promise<boolean> {
    return this.db.run((sql) => this.demo.isEmpty(sql));
  }

  /** One load at a time: a second request while one runs is refused as the ledger is then not empty. */
  async load(): Promise<DemoLoaded> {
    if (!this.offered) throw demoNotOffered();
    if (this.loading) throw ledgerNotEmpty();
    this.loading = this.isLedgerEmpty().then((empty) => {
      if (!empty) throw ledgerNotEmpty();
      return this.loadAll();
    });
    try {
      return await this.loading;
    } finally {
      this.loading = null;
    }
  }

  private async loadAll(): Promise<DemoLoaded> {
    const started = performance.now();
    const days = daysSinceReference(new Date());
    await this.importAll(PREVIOUS_IMPORTS, days);
    const personas = await this.db.run((sql) => this.demo.personas(sql));
    const of = (role: Persona['role']) => {
      const found = personas.find((p) => p.role === role);
      if (!found) throw new Error(`the example identities mark no ${role} (attribute demoRole)`);
      return found;
    };
    const admin = person(of('administrator').key, of('administrator').displayName, 'admin');
    const reviewer = person(of('reviewer').key, of('reviewer').displayName);
    const calls = this.reviewCalls();

    const closed = await this.launch(closedCampaign(this.config, admin.sub), admin);
    await reviewLastQuarter(calls, closed, await this.reviewersOf(closed, 8));
    await this.campaigns.act(closed, 'finalize', admin);
    await this.until(closed, 'closed');

    await this.importAll(CURRENT_IMPORTS, days);
    const xml = fs.readFileSync(path.join(examplesDir(), POLICY_FILE), 'utf8');
    const { policy } = await this.policies.importPolicy(xml, admin);
    const active = await this.launch(activeCampaign(this.config, admin.sub), admin);
    const others = (await this.reviewersOf(active, 6)).filter((r) => r.sub !== reviewer.sub).slice(0, 4);
    await reviewThisQuarter(calls, active, reviewer, others);
    const ms = Math.round(performance.now() - started);
    return { ms, campaigns: { closed, active }, policyId: policy.id, personas };
  }

  private async importAll(imports: DemoImport[], days: number): Promise<void> {
    for (const { file, collection, snapshot } of imports) {
      await this.ledger.importFile(
        { format: 'csv', collection, body: shiftedFile(path.join(examplesDir(), file), days) },
        { actor: automation.sub, via: `client:${automation.clientId}`, requestId: null },
        snapshot ? { collection, applicationKey: null } : null,
      );
    }
  }

  private async launch(input: LaunchInput, admin: Principal): Promise<string> {
    const { campaign } = await this.campaigns.launch(input, admin);
    await this.until(campaign.id, 'active');
    return campaign.id;
  }

  /** Waits for the campaign's workflow to bring it to `status`, reading it as the API does. */
  private async until(campaignId: string, status: string): Promise<void> {
    const deadline = Date.now() + STATE_DEADLINE_MS;
    for (;;) {
      const campaign = await this.campaigns.get(campaignId);
      if (campaign.status === status) return;
      if (Date.now() > deadline) {
        throw new Error(`campaign ${campaign.number} is still ${campaign.status}, not ${status}`);
      }
      await sleep(POLL_MS);
    }
  }

  private async reviewersOf(campaignId: string, limit: number): Promise<Principal[]> {
    const rows = await this.db.run((sql) => this.demo.reviewers(sql, campaignId, limit));
    return rows.map((r) => person(r.key, r.key));
  }

  private reviewCalls(): ReviewCalls {
    return {
      inbox: async (reviewer, campaignId) =>
        (await this.reviews.inbox(reviewer, { campaignId, limit: 500 })).items,
      decide: (reviewer, campaignId, decisions) => this.reviews.decide(campaignId, reviewer, decisions),
      bulk: (reviewer, campaignId, recommendation, decision, comment) =>
        this.reviews.bulk(campaignId, reviewer, {
          filter: { status: 'to_be_reviewed', recommendation },
          decision,
          comment,
        }),
      draft: (reviewer, itemId, decision, comment) =>
        this.reviews.saveDraft(itemId, reviewer, { decision, comment }),
    };
  }
}
