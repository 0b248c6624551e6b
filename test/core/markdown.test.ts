import { describe, expect, it } from 'vitest';
import { definitionsOf, parseMarkdown } from '../../src/core/markdown.js';

describe('definitionsOf', () => {
  it('the first definition of a label wins, as CommonMark says (https://spec.commonmark.org/0.31.2/#link-reference-definitions)', () => {
    const defs = definitionsOf(parseMarkdown('See [gate][Tracking].\n\n[tracking]: https://example.invalid/first\n[TRACKING]: https://example.invalid/second\n'));
    expect(defs.get('tracking')).toBe('https://example.invalid/first');
  });

  it('also when the document is long enough to be parsed in pieces and the second definition is in a later piece', () => {
    const items = Array.from({ length: 400 }, (_, i) => `- item ${i}`).join('\n');
    const text = `[label]: https://example.invalid/first\n\n${items}\n\n[label]: https://example.invalid/second\n`;
    expect(definitionsOf(parseMarkdown(text)).get('label')).toBe('https://example.invalid/first');
  });
});
