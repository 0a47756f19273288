import { api, ok } from '../../api/client';
import { showControls } from '../../common/LedgerText';
import { findPeople } from '../../people/search';
import type { KeyOption } from './ScopePicker';

const LIMIT = 20;

export const searchApplications = async (q: string): Promise<KeyOption[]> =>
  (await ok(api.GET('/api/v1/ledger/applications', { params: { query: { q, limit: LIMIT } } }))).items.map(
    (a) => ({ value: a.key, label: showControls(`${a.name} (${a.key})`) }),
  );

export const searchPermissions = async (q: string): Promise<KeyOption[]> =>
  (await ok(api.GET('/api/v1/ledger/permissions', { params: { query: { q, limit: LIMIT } } }))).items.map(
    (p) => ({ value: p.key, label: showControls(`${p.name} (${p.key}) · ${p.applicationName}`) }),
  );

export const searchIdentities = async (q: string): Promise<KeyOption[]> =>
  (await findPeople(q)).map((p) => ({ value: p.key, label: showControls(`${p.displayName} (${p.key})`) }));
