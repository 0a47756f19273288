import { showControls } from '../../common/LedgerText';
import { fetchApplications, fetchPermissions } from '../../ledger';
import { searchPeople } from '../../people';
import type { KeyOption } from './ScopePicker';

/** Options are offered 20 at a time: a few letters more narrow them down. */
const LIMIT = 20;

export const searchApplications = async (q: string): Promise<KeyOption[]> =>
  (await fetchApplications(q, undefined, LIMIT)).items.map((a) => ({
    value: a.key,
    label: showControls(`${a.name} (${a.key})`),
  }));

export const searchPermissions = async (q: string): Promise<KeyOption[]> =>
  (await fetchPermissions(q, null, undefined, LIMIT)).items.map((p) => ({
    value: p.key,
    label: showControls(`${p.name} (${p.key}) · ${p.applicationName}`),
  }));

export const searchIdentities = async (q: string): Promise<KeyOption[]> =>
  (await searchPeople(q)).map((p) => ({ value: p.key, label: p.label }));
