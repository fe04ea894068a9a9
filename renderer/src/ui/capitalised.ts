/** A shared rule's reason ("an MFA code is …") as the window's sentence ("An MFA code is …"). */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
