/**
 * The one permission the window needs: writing to the clipboard (its Copy buttons use
 * navigator.clipboard.writeText). Everything else (camera, notifications, geolocation…) is
 * refused, and so is every page that is not the app's own.
 */
export const WINDOW_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** The answer to a permission request or check from `url` (a page URL, or an origin). */
export function allowPermission(permission: string, url: string | undefined, isAppPage: (url: string | undefined) => boolean): boolean {
  return WINDOW_PERMISSIONS.has(permission) && isAppPage(url);
}
