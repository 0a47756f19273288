import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../config/project-root';

export const MAIL_EVENTS = [
  'campaign-launched',
  'reminder',
  'closing-soon',
  'escalation',
  'item-forwarded',
  'remediation-task',
] as const;
export type MailEvent = (typeof MAIL_EVENTS)[number];

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** `{{name}}` is escaped for its part; `{{{name}}}` is markup built by the caller, which escaped what it holds. */
function fill(
  template: string,
  vars: Record<string, string | number>,
  escape: (v: string) => string,
): string {
  return template.replace(/\{\{\{(\w+)\}\}\}|\{\{(\w+)\}\}/g, (_, markup?: string, plain?: string) => {
    const name = (markup ?? plain)!;
    if (!(name in vars)) throw new Error(`mail template needs {{${name}}}`);
    return markup ? String(vars[name]) : escape(String(vars[name]));
  });
}

/** Mail templates live in templates/mail/<event>.{subject.txt,txt,html}; read once, filled per message. */
export class MailTemplates {
  private readonly cache = new Map<MailEvent, { subject: string; text: string; html: string }>();

  constructor(private readonly dir = path.join(projectRoot(), 'templates', 'mail')) {}

  render(event: MailEvent, vars: Record<string, string | number>): RenderedMail {
    let files = this.cache.get(event);
    if (!files) {
      const read = (suffix: string) => fs.readFileSync(path.join(this.dir, `${event}.${suffix}`), 'utf8');
      files = { subject: read('subject.txt').trim(), text: read('txt'), html: read('html') };
      this.cache.set(event, files);
    }
    return {
      subject: fill(files.subject, vars, (v) => v.replace(/[\r\n]+/g, ' ')),
      text: fill(files.text, vars, (v) => v),
      html: fill(files.html, vars, escapeHtml),
    };
  }
}
