import { api, ok } from '../../api/client';
import type { KeyOption } from './ScopePicker';

const LIMIT = 20;

export const searchApplications = async (q: string): Promise<KeyOption[]> =>
  (await ok(api.GET('/api/v1/ledger/applications', { params: { query: { q, limit: LIMIT } } }))).items.map(
    (a) => ({ value: a.key, label: `${a.name} (${a.key})` }),
  );

export const searchPermissions = async (q: string): Promise<KeyOption[]> =>
  (await ok(api.GET('/api/v1/ledger/permissions', { params: { query: { q, limit: LIMIT } } }))).items.map(
    (p) => ({ value: p.key, label: `${p.name} (${p.key}) · ${p.applicationName}` }),
  );

export const searchIdentities = async (q: string): Promise<KeyOption[]> =>
  (await ok(api.GET('/api/v1/people', { params: { query: { q, limit: LIMIT } } }))).map((p) => ({
    value: p.key,
    label: `${p.displayName} (${p.key})`,
  }));
