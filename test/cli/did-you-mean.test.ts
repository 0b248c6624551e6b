import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, joinOr, maxTypoDistance, suggestSimilar } from '../../src/core/did-you-mean.js';

describe('did you mean', () => {
  it('counts a swap of two neighbours as one edit, as a typist makes it', () => {
    expect(editDistance('scna', 'scan')).toBe(1);
    expect(editDistance('chek', 'check')).toBe(1);
    expect(editDistance('updat', 'update')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests only words a typo away, the closest first, ties together', () => {
    const commands = ['report', 'check', 'scan', 'roadmap', 'registry', 'feature'];
    expect(suggestSimilar('scna', commands)).toEqual(['scan']);
    expect(suggestSimilar('REPORT', commands)).toEqual(['report']);
    expect(suggestSimilar('xyzzy', commands)).toEqual([]);
    // A short word may be one edit away at most: `can` is, `cn` is two from `scan`.
    expect(maxTypoDistance('can')).toBe(1);
    expect(suggestSimilar('cn', commands)).toEqual([]);
    expect(suggestSimilar('bat', ['bar', 'baz', 'cat', 'bart'])).toEqual(['bar', 'baz', 'cat', 'bart']);
  });

  it('says it in one phrase, or not at all', () => {
    expect(didYouMean('scna', ['scan', 'check'])).toBe("did you mean 'scan'?");
    expect(didYouMean('ba', ['bar', 'baz'], (s) => `\`${s}\``)).toBe('did you mean `bar` or `baz`?');
    expect(didYouMean('nothing-near', ['scan'])).toBeNull();
    expect(joinOr(['a', 'b', 'c'])).toBe('a, b or c');
  });
});
