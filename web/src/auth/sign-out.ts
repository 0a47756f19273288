import { api } from '../api/client';

/** Ends the session on the server, then follows it to the provider's sign-out. */
export async function signOut(): Promise<void> {
  const { data } = await api.POST('/auth/logout', { headers: { accept: 'application/json' } });
  const next = (data as { redirectTo?: string } | undefined)?.redirectTo ?? '/';
  window.location.assign(next);
}
