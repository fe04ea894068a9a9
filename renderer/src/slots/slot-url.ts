/**
 * Where a client reads a slot: the server's base URL for the default slot, `slot/<name>` with
 * the name URL-escaped for a named one (docs/protocol.md; the env lines the core prints use the
 * same form, which the browser specs compare against).
 */
export function slotUrl(baseUrl: string, slot: string): string {
  return slot ? `${baseUrl}slot/${encodeURIComponent(slot)}` : baseUrl;
}
