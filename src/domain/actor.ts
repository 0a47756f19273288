/**
 * Who made a change and through what, as every audit entry records it. The shape of the workflows'
 * `ActorRef`, so a request's actor travels through a workflow update unchanged.
 */
export interface Actor {
  /** A ledger identity key, a machine client's id, or `system`. */
  actor: string;
  /** The session or OAuth client the request came through: `session:<id>`, `client:<id>`. */
  via?: string | null;
  requestId?: string | null;
}
