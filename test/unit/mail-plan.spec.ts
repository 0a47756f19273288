import { digestVars } from '../../src/notifications/escalation-digest';
import type { EscalationRow } from '../../src/notifications/recipient.repository';
import { reminderTotal, upcomingMoments } from '../../workflows/mail-plan';

const H = 3600_000;
const plan = {
  reminderFirstMs: 1 * H,
  reminderEveryMs: 6 * H,
  closingSoonMs: 12 * H,
  escalateAfterMs: 5 * H,
};

describe('the mail plan the timers are labelled with', () => {
  it('counts the reminders that fall before the due date, shifted by the time paused', () => {
    expect(reminderTotal(plan, 0, 48 * H, 0)).toBe(8);
    expect(reminderTotal(plan, 0, 43 * H, 0)).toBe(7);
    expect(reminderTotal(plan, 0, 43 * H + 1, 0)).toBe(8);
    expect(reminderTotal(plan, 0, 48 * H, 6 * H)).toBe(7);
    expect(reminderTotal({ ...plan, reminderEveryMs: null }, 0, 48 * H, 0)).toBe(1);
    expect(reminderTotal({ ...plan, reminderFirstMs: null }, 0, 48 * H, 0)).toBe(0);
  });

  it('names what comes next, soonest first, the escalation until its round is sent', () => {
    const at = (now: number, sent = false) =>
      upcomingMoments(plan, 0, 48 * H, 0, now, sent).map((m) => `${m.label}@${m.at / H}`);
    expect(at(0)).toEqual(['reminder 1 of 8@1', 'escalation@5', 'closing-soon notice@36']);
    expect(at(1 * H)).toEqual(['escalation@5', 'reminder 2 of 8@7', 'closing-soon notice@36']);
    expect(at(6 * H)).toEqual(['escalation@5', 'reminder 2 of 8@7', 'closing-soon notice@36']);
    expect(at(6 * H, true)).toEqual(['reminder 2 of 8@7', 'closing-soon notice@36']);
    expect(at(44 * H, true)).toEqual([]);
  });
});

describe('an escalation digest', () => {
  const row = (key: string, pending: number, reason: EscalationRow['reason'] = 'manager'): EscalationRow => ({
    reviewer_key: key,
    reviewer_name: `Reviewer ${key}`,
    reviewer_email: null,
    pending,
    recipient_key: 'boss',
    recipient_name: 'Bea Boss',
    email: 'boss@example.test',
    reason,
  });

  it('reads right for one reviewer or many, escapes names in HTML and counts those beyond fifty', () => {
    expect(
      digestVars({ recipientKey: 'boss', recipientName: 'Bea', email: null, reviewers: [row('a', 1)] })
        .summary,
    ).toBe('Reviewer a has 1 item left to review');
    const many = Array.from({ length: 52 }, (_, i) => row(`<r${i}>`, 2, i === 0 ? 'owner' : 'manager'));
    const vars = digestVars({ recipientKey: 'boss', recipientName: 'Bea', email: null, reviewers: many });
    expect(vars.summary).toBe('52 reviewers have 104 items left to review');
    expect(vars.reviewerLines).toContain(
      '- Reviewer <r0>: 2 items undecided (no active manager in the ledger: sent to you as the campaign owner)',
    );
    expect(vars.reviewerLines).toContain('… and 2 more reviewers with 4 items');
    expect(vars.reviewerListHtml).toContain('<li>Reviewer &lt;r1&gt;: 2 items undecided</li>');
    expect(vars.reviewerListHtml).not.toContain('<r1>');
  });
});
