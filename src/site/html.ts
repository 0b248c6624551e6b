/**
 * HTML text with every interpolated value escaped: `html\`<td>${title}</td>\`` escapes `title`, and only another
 * `html` fragment goes in as markup. Input texts (roadmap titles, file names, notes) can therefore never become
 * markup, whatever they hold.
 */

/** A fragment of markup made by `html`, which `html` inserts as it is. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function fragment(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(fragment).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** Markup from a template: values are escaped unless they are `Html` fragments; arrays are joined; null is empty. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += fragment(v) + strings[i + 1]!;
  });
  return new Html(out);
}

