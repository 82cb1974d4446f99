import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** WCAG 2.0/2.1/2.2 A and AA rules: the violations, summarised for a readable failure. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/**
 * Tabs through the page from its start and returns, for each focused element, a short label and whether
 * a focus indicator is visible (an outline of at least 2 px, on the element or, for our radio buttons,
 * on the drawn option next to the hidden input). Stops when focus comes back to the first stop.
 */
export async function tabThrough(page: Page, max = 80): Promise<{ label: string; visible: boolean }[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const seen: { label: string; visible: boolean; html: string }[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const target = el.matches('input[type=radio]') ? ((el.nextElementSibling as HTMLElement | null) ?? el) : el;
      const visibleOn = (x: HTMLElement) => {
        const s = getComputedStyle(x);
        return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
      };
      const label = (el.getAttribute('aria-label') || el.textContent || (el as HTMLInputElement).value || el.tagName).trim().slice(0, 60);
      return { label: `${el.tagName.toLowerCase()}:${label}`, visible: visibleOn(el) || visibleOn(target), html: el.outerHTML };
    });
    if (!info) continue;
    if (seen.length > 0 && info.html === seen[0]!.html) break;
    seen.push(info);
  }
  return seen.map(({ label, visible }) => ({ label, visible }));
}
