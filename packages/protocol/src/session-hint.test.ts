import { describe, expect, it } from 'vitest';
import { hasSessionHint, SESSION_HINT_COOKIE } from './session-hint.js';

describe('session hint', () => {
  it('is found among other cookies, whatever its place', () => {
    expect(hasSessionHint(`${SESSION_HINT_COOKIE}=1`)).toBe(true);
    expect(hasSessionHint(`theme=dark; ${SESSION_HINT_COOKIE}=1; other=2`)).toBe(true);
  });

  it('is absent from an empty string and from cookies that only resemble it', () => {
    expect(hasSessionHint('')).toBe(false);
    expect(hasSessionHint(`x${SESSION_HINT_COOKIE}=1; theme=${SESSION_HINT_COOKIE}`)).toBe(false);
  });
});
