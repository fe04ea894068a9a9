// The one global the shared layer uses beyond the language itself. WHATWG URL exists in every
// runtime RoleTray runs in (Node, Chromium, Electron); declaring only it keeps Node's and the
// DOM's other globals out of reach here.
export {};

declare global {
  class URL {
    constructor(url: string, base?: string);
    readonly protocol: string;
    readonly hostname: string;
    readonly host: string;
    readonly pathname: string;
  }
}
