/** The credential server's port unless a person picks another (PROTOCOL: 127.0.0.1:4144). */
export const DEFAULT_PORT = 4144;

/** Credentials with less than this left are not served, nor accepted: every SDK would refuse them or refresh at once. */
export const MIN_SERVE_MS = 60_000;

/** A slot name's longest length (PROTOCOL: 1-256 characters). */
export const MAX_SLOT_NAME_LENGTH = 256;

/** Named slots loaded at once (the default slot is not counted); past it a load is refused, naming this. */
export const MAX_NAMED_SLOTS = 256;

/**
 * The largest credentials answer a slot holds, in bytes. STS session tokens are a few KiB; this
 * bounds the state (and each encrypted save) at MAX_NAMED_SLOTS × this.
 */
export const MAX_SLOT_BYTES = 16 * 1024;

/** The largest request body the server reads (PUT of credentials). */
export const MAX_BODY_BYTES = 64 * 1024;

/** Tray and window mark credentials as expiring (amber) with this little left. */
export const EXPIRING_SOON_MS = 15 * 60_000;

/** ... and as urgent (red) with this little left. */
export const EXPIRING_URGENT_MS = 5 * 60_000;
