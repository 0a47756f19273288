import { Module } from '@nestjs/common';
import { PoliciesController } from './policies.controller';
import { PoliciesService } from './policies.service';

/** Recertification policies (seed 002) and their Temporal Schedules. */
@Module({ controllers: [PoliciesController], providers: [PoliciesService] })
export class PoliciesModule {}
