import type { DevAccount } from './dev-accounts';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface SignInPage {
  action: string;
  clientId: string;
  listed: boolean;
  filter: string;
  accounts: DevAccount[];
  /** Roles ticked by default for an account (RECERT_DEV_ADMINS / RECERT_DEV_AUDITORS). */
  defaultRoles: (key: string) => string[];
  error?: string;
}

/** The development provider's sign-in: pick an identity, no password. */
export function renderSignIn(p: SignInPage): string {
  const choice = p.listed
    ? p.accounts.length === 0
      ? `<p>No active identity matches. Import the ledger first (see the README), or change the filter.</p>`
      : p.accounts
          .map(
            (a, i) =>
              `<label class="account"><input type="radio" name="identity" value="${escape(a.key)}"${
                i === 0 ? ' checked' : ''
              } data-roles="${escape(p.defaultRoles(a.key).join(' '))}"> ${escape(a.name)} <small>${escape(a.key)}${
                a.email ? ` · ${escape(a.email)}` : ''
              }</small></label>`,
          )
          .join('\n')
    : `<label>Identity key <input name="identity" required autofocus></label>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Recert development sign-in</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1a1b1e}
.warn{background:#fff4e5;border:1px solid #f59f00;padding:.6rem .8rem;border-radius:6px}
.account{display:block;padding:.35rem 0}small{color:#666}fieldset{border:1px solid #ddd;border-radius:6px;margin:1rem 0}
/* #1864ab on white text: 6.1:1 (WCAG AA asks 4.5:1; the lighter #228be6 read at 3.6:1) */
button{font:inherit;padding:.5rem 1.2rem;border-radius:6px;border:0;background:#1864ab;color:#fff;cursor:pointer}
.error{color:#c92a2a}</style></head><body>
<main>
<h1>Sign in to Recert</h1>
<p class="warn">Development identity provider: anyone can sign in as anyone. It refuses to run with
NODE_ENV=production; configure OIDC_ISSUER for your organisation's provider.</p>
${p.error ? `<p class="error" role="alert">${escape(p.error)}</p>` : ''}
${p.listed ? `<form method="get"><label>Filter <input name="q" value="${escape(p.filter)}"></label> <button type="submit">Search</button></form>` : ''}
<form method="post" action="${escape(p.action)}">
<fieldset><legend>Identity (for ${escape(p.clientId)})</legend>
${choice}
</fieldset>
<fieldset><legend>Roles from the provider's groups</legend>
<label><input type="checkbox" name="role" value="admin"> administrator</label>
<label><input type="checkbox" name="role" value="auditor"> auditor</label>
</fieldset>
<button type="submit">Sign in</button>
</form>
<script>
const sync = () => {
  const picked = document.querySelector('input[name=identity]:checked');
  if (!picked) return;
  const roles = (picked.dataset.roles || '').split(' ');
  for (const box of document.querySelectorAll('input[name=role]')) box.checked = roles.includes(box.value);
};
for (const r of document.querySelectorAll('input[name=identity]')) r.addEventListener('change', sync);
sync();
</script>
</main>
</body></html>`;
}
