// main/doctor: what would stop an SDK started from a shell (or from the desktop) from using
// RoleTray, each with its fix: `roletray doctor` and the window's Server screen ask it. It may
// import common/, profiles/, sso/ (where the AWS files are) and node; the core and the CLI import it.

/** One thing that stops an SDK from using RoleTray, and what to do about it. */
export interface Finding {
  /** Stable, for scripts (`--json`) and tests. */
  id: string;
  problem: string;
  fix: string;
}

/** What the checks look at: an environment, the AWS files, and where RoleTray should answer. */
export interface DoctorContext {
  env: NodeJS.ProcessEnv;
  /** ~/.aws/config (or AWS_CONFIG_FILE) and ~/.aws/credentials (or AWS_SHARED_CREDENTIALS_FILE). */
  configFile: string;
  credentialsFile: string;
  /** Where RoleTray answers: its URL while it serves, else the port it is set to (it may be taken). */
  server: { url?: string; port: number };
  /** What an https server's certificate is trusted through (RoleTray's exported CA). */
  ca?: string;
  /** The IAM Identity Center portals to compare this machine's clock with. */
  ssoEndpoints: string[];
  now: () => number;
}
