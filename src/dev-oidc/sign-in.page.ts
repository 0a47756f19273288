import type { DevAccount, GuidePerson, SignInGuide } from './dev-accounts';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface SignInPage {
  action: string;
  clientId: string;
  listed: boolean;
  filter: string;
  accounts: DevAccount[];
  /** Roles ticked by default for an account (RECERT_DEV_ADMINS / RECERT_DEV_AUDITORS, the demo's marks). */
  defaultRoles: (key: string) => string[];
  /** Whom to pick, by role; and whether the ledger is empty. */
  guide?: SignInGuide;
  error?: string;
}

const FORM_ID = 'sign-in';

/** One person to pick; every radio belongs to the sign-in form, wherever on the page it is. */
function radio(p: SignInPage, a: DevAccount, detail: string, checked: boolean): string {
  return `<label class="account"><input type="radio" name="identity" form="${FORM_ID}" value="${escape(a.key)}"${
    checked ? ' checked' : ''
  } data-roles="${escape(p.defaultRoles(a.key).join(' '))}"> ${escape(a.name)} <small>${detail}</small></label>`;
}

const job = (g: GuidePerson) => (g.jobTitle ? ` · ${escape(g.jobTitle)}` : '');
const itemsToReview = (n: number) => `${n} item${n === 1 ? '' : 's'} to review`;

/** The people the ledger suggests, by role: reviewers with the most to review, the administrator, the auditor. */
function byRole(p: SignInPage, guide: SignInGuide, first: { taken: boolean }): string {
  const group = (legend: string, people: GuidePerson[], detail: (g: GuidePerson) => string) => {
    if (people.length === 0) return '';
    const radios = people.map((g) => {
      const checked = !first.taken;
      first.taken = true;
      return radio(p, g, detail(g), checked);
    });
    return `<fieldset><legend>${legend}</legend>\n${radios.join('\n')}\n</fieldset>`;
  };
  return [
    group('Reviewers', guide.reviewers, (g) => `${job(g)} · ${itemsToReview(g.items)}`),
    group(
      'Administrator',
      guide.administrators,
      (g) => `${job(g)} · sees every campaign, policy and remediation`,
    ),
    group('Auditor', guide.auditors, (g) => `${job(g)} · reads the audit trail and checks its chain`),
  ].join('\n');
}

function demoOffer(action: string): string {
  return `<section aria-labelledby="demo-heading" class="demo">
<h2 id="demo-heading">Nobody to sign in as yet</h2>
<p>The ledger is empty. Load a demo organisation (about 500 people, 12 applications, two campaigns, a policy)
to look around, or import your own ledger (README, "Your own ledger").</p>
<form method="post" action="${escape(action)}" id="demo-form">
<button type="submit">Load the demo organisation</button>
<span id="demo-status" role="status"></span>
</form>
</section>`;
}

/** The development provider's sign-in: pick an identity, no password. */
export function renderSignIn(p: SignInPage): string {
  const guide = p.guide;
  const first = { taken: false };
  const suggested = guide ? byRole(p, guide, first) : '';
  const choice = p.listed
    ? p.accounts.length === 0
      ? `<p>No active identity matches: change the filter, or import a ledger (README, "Your own ledger").</p>`
      : p.accounts
          .map((a) => {
            const checked = !first.taken;
            first.taken = true;
            return radio(p, a, `${escape(a.key)}${a.email ? ` · ${escape(a.email)}` : ''}`, checked);
          })
          .join('\n')
    : `<label>Identity key <input name="identity" required autofocus></label>`;
  const demoAction = guide?.demoPath ? `${guide.demoPath}?returnTo=${encodeURIComponent(p.action)}` : null;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Recert development sign-in</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1a1b1e}
.warn{background:#fff4e5;border:1px solid #f59f00;padding:.6rem .8rem;border-radius:6px}
.demo{border:1px solid #a5d8ff;background:#e7f5ff;border-radius:6px;padding:.2rem 1rem 1rem;margin:1rem 0}
.demo h2{font-size:1.1rem}
.account{display:block;padding:.35rem 0}small{color:#555}fieldset{border:1px solid #ddd;border-radius:6px;margin:1rem 0}
legend{font-weight:600}
/* #1864ab on white text: 6.1:1 (WCAG AA asks 4.5:1; the lighter #228be6 read at 3.6:1) */
button{font:inherit;padding:.5rem 1.2rem;border-radius:6px;border:0;background:#1864ab;color:#fff;cursor:pointer}
button:disabled{background:#495057;cursor:progress}
.error{color:#c92a2a}</style></head><body>
<main>
<h1>Sign in to Recert</h1>
<p class="warn">Development identity provider: anyone can sign in as anyone. It refuses to run with
NODE_ENV=production; configure OIDC_ISSUER for your organisation's provider.</p>
${p.error ? `<p class="error" role="alert">${escape(p.error)}</p>` : ''}
${demoAction ? demoOffer(demoAction) : ''}
${suggested}
${p.listed ? `<form method="get"><label>${suggested ? 'Everyone else: filter' : 'Filter'} <input name="q" value="${escape(p.filter)}"></label> <button type="submit">Search</button></form>` : ''}
<form method="post" action="${escape(p.action)}" id="${FORM_ID}">
<fieldset><legend>${suggested ? 'Everyone else' : 'Identity'} (for ${escape(p.clientId)})</legend>
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
const demo = document.getElementById('demo-form');
if (demo) demo.addEventListener('submit', () => {
  demo.querySelector('button').disabled = true;
  document.getElementById('demo-status').textContent = ' Loading the demo organisation… (about 20 seconds)';
});
</script>
</main>
</body></html>`;
}
