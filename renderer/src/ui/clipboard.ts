import { done, fail, type Result } from '../../../common/result';

/** Puts text on the clipboard; says why not when the page may not (the lines stay on screen to select by hand). */
export async function copyText(text: string): Promise<Result<void>> {
  try {
    await navigator.clipboard.writeText(text);
    return done;
  } catch (err) {
    return fail(`Could not copy to the clipboard (${(err as Error).message}); select the text and copy it by hand`);
  }
}
