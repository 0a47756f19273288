import type { ItsmAdapter } from './itsm-adapter';
import type { ItsmInstance } from '../../config/itsm.config';
import { JiraAdapter } from './jira.adapter';
import { ServiceNowAdapter } from './servicenow.adapter';

/** The ITSM instances configured at boot, by code. */
export class ItsmRegistry {
  private readonly adapters = new Map<string, ItsmAdapter>();

  constructor(instances: ItsmInstance[], timeoutMs: number) {
    for (const i of instances) {
      this.adapters.set(
        i.code,
        i.kind === 'servicenow' ? new ServiceNowAdapter(i, timeoutMs) : new JiraAdapter(i, timeoutMs),
      );
    }
  }

  get(code: string): ItsmAdapter | undefined {
    return this.adapters.get(code);
  }
}
