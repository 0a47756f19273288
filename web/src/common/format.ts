const DAY = 86_400_000;
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export const formatDate = (iso: string | null): string => (iso ? dateFormat.format(new Date(iso)) : '—');

/** "in 3 days", "tomorrow", "2 hours ago": how far away a due date is. */
export function fromNow(iso: string, now = Date.now()): string {
  const ms = Date.parse(iso) - now;
  if (Math.abs(ms) >= DAY) return relative.format(Math.round(ms / DAY), 'day');
  return relative.format(Math.round(ms / 3_600_000), 'hour');
}

/** "1 item", "3 items": a count with its noun. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
