import { z } from 'zod';
import { jsonText } from './env-fields';

const code = z.string().regex(/^[A-Za-z0-9_-]{1,50}$/, 'letters, digits, - and _ only');

const serviceNow = z.strictObject({
  code,
  kind: z.literal('servicenow'),
  url: z.url(),
  username: z.string().min(1),
  password: z.string().min(1),
  /** `incident` or `sc_task`: the table tickets are opened in; their state codes differ. */
  table: z.enum(['incident', 'sc_task']).default('incident'),
});

const jira = z.strictObject({
  code,
  kind: z.literal('jira'),
  url: z.url(),
  email: z.string().min(1),
  apiToken: z.string().min(1),
  serviceDeskId: z.string().min(1),
  requestTypeId: z.string().min(1),
  /** Statuses of the DONE category that mean the work was not done. */
  cancelledStatuses: z
    .array(z.string())
    .default(['Canceled', 'Cancelled', 'Declined', 'Rejected', "Won't Do"]),
});

export const itsmInstanceSchema = z.discriminatedUnion('kind', [serviceNow, jira]);
export type ItsmInstance = z.infer<typeof itsmInstanceSchema>;

export const itsmInstancesSchema = z
  .array(itsmInstanceSchema)
  .refine((list) => new Set(list.map((i) => i.code)).size === list.length, {
    message: 'codes must be unique',
  });

/** `RECERT_ITSM_INSTANCES` holds a JSON array; an unreadable one is reported like any other bad variable. */
export const itsmInstancesEnv = jsonText('a JSON array of ITSM instances', '[]').pipe(itsmInstancesSchema);
