import type { Page } from '@playwright/test';

/**
 * What a person would see as broken on the page as it is now: the page or a box running off the
 * side, content cut off or spilling out of its box, boxes on top of each other, a shell line
 * wrapped inside a word. Sideways overflow counts as intended only inside a scrolling <pre> (shell
 * lines) and where the text ends in an ellipsis (a long name, with its title).
 */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const name = (el: Element) => {
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}> “${text}”`;
    };
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`the page scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`);
    if (root.scrollHeight > root.clientHeight) problems.push(`the page itself scrolls (${root.scrollHeight} > ${root.clientHeight}); the content pane should`);
    const shown = (el: Element) => el.checkVisibility({ visibilityProperty: true }) && !el.closest('.visually-hidden');
    for (const el of document.querySelectorAll('body *')) {
      if (!shown(el)) continue;
      const style = getComputedStyle(el);
      if (style.display === 'inline' || style.display === 'contents') continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.left < -0.5 || box.right > root.clientWidth + 0.5) problems.push(`${name(el)} runs off the side (${Math.round(box.left)}…${Math.round(box.right)})`);
      const scroller = el.closest('pre');
      const intended = (scroller !== null && ['auto', 'scroll'].includes(getComputedStyle(scroller).overflowX)) || style.textOverflow === 'ellipsis';
      if (el.scrollWidth > el.clientWidth + 1 && !intended) problems.push(`${name(el)} is wider inside than it is (${el.scrollWidth} > ${el.clientWidth})`);
      if (style.display.includes('flex') || style.display.includes('grid')) {
        const kids = [...el.children].filter((k) => shown(k) && !['absolute', 'fixed'].includes(getComputedStyle(k).position)).map((k) => ({ k, r: k.getBoundingClientRect() }));
        for (let i = 0; i < kids.length; i++) {
          for (let j = i + 1; j < kids.length; j++) {
            const [a, b] = [kids[i]!.r, kids[j]!.r];
            const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (a.width && b.width && w > 1 && h > 1) problems.push(`${name(kids[i]!.k)} overlaps ${name(kids[j]!.k)}`);
          }
        }
      }
    }
    // A shell line may wrap after a space or after NAME=, nowhere else.
    for (const line of document.querySelectorAll('.env-line')) {
      if (!shown(line)) continue;
      const chars: { char: string; top: number }[] = [];
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent!;
        for (let i = 0; i < text.length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (rect) chars.push({ char: text[i]!, top: rect.top });
        }
      }
      for (let i = 1; i < chars.length; i++) {
        if (chars[i]!.top > chars[i - 1]!.top + 1 && !/[ =]/.test(chars[i - 1]!.char) && chars[i]!.char !== ' ') {
          problems.push(`${name(line)} wraps inside a word, after “${chars.slice(Math.max(0, i - 12), i).map((c) => c.char).join('')}”`);
        }
      }
    }
    return problems;
  });
}

/** How many places a shell line on the page wraps (so a check of the wrapping knows it had wrapping to check). */
export function envLineWraps(page: Page): Promise<number> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.env-line')].reduce((n, line) => n + Math.round(line.getBoundingClientRect().height / parseFloat(getComputedStyle(line).lineHeight)) - 1, 0),
  );
}

/** WCAG contrast of an element's text against the first opaque background behind it. */
export function textContrast(page: Page, selector: string): Promise<number> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
      let bg = [255, 255, 255];
      for (let at: Element | null = el; at; at = at.parentElement) {
        const c = rgb(getComputedStyle(at).backgroundColor);
        if (c.length === 3 || (c[3] ?? 0) > 0.9) {
          bg = c.slice(0, 3);
          break;
        }
      }
      const fg = rgb(getComputedStyle(el).color).slice(0, 3);
      const lum = ([r, g, b]: number[]) => {
        const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
      };
      const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      return (hi! + 0.05) / (lo! + 0.05);
    });
}
