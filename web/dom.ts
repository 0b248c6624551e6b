/** What the dashboard's page scripts share: finding elements, and building nodes from text. */

/** The element with this id, or null. */
export const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T | null;

/** Text as a DOM node: the browser code never builds markup from strings. */
export function el(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}
