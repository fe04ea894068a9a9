// A stand-in for Electron's unpacked Linux distribution, for electron-builder's `electronDist`: no
// Electron binary can be downloaded here, and the linux `dir` target needs only the `electron`
// executable (renamed to the app's executable name) with a fuse wire to flip.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Marks the fuse wire in Electron's binary (build/fuses/build.py in Electron's sources; @electron/fuses searches for it). */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/**
 * The wire Electron 45 is built with (build/fuses/fuses.json5): run_as_node 1, cookie_encryption 0,
 * node_options 1, node_cli_inspect 1, embedded_asar_integrity_validation 0, only_load_app_from_asar 0,
 * load_browser_process_specific_v8_snapshot 0, grant_file_protocol_extra_privileges 1, wasm_trap_handlers 1.
 */
export const ELECTRON_45_FUSES = '101100011';
const FUSE_WIRE_VERSION = 1;

/**
 * Writes the distribution into `dir` and returns it: an `electron` executable holding the fuse wire
 * as Electron lays it out (sentinel, version byte, length byte, one '0'/'1' per fuse) between other bytes.
 */
export function writeStandInElectronDist(dir: string, fuses = ELECTRON_45_FUSES): string {
  mkdirSync(dir, { recursive: true });
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL, 'latin1'), Buffer.from([FUSE_WIRE_VERSION, fuses.length]), Buffer.from(fuses, 'latin1')]);
  const filler = Buffer.alloc(4096, 0xcc);
  writeFileSync(join(dir, 'electron'), Buffer.concat([filler, wire, filler]), { mode: 0o755 });
  return dir;
}

/** The Electron version the project installs, so electron-builder never asks the network for one. */
export function electronVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../node_modules/electron/package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
