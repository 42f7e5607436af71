import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary },
  graphs: common.adjacencyGraphs,
});

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/**
 * Why a password is refused, or null when it is acceptable. Length 12-256 (ASVS), and not
 * guessable: zxcvbn, with its list of the most common passwords and keyboard patterns,
 * must rate it at least 3 of 4. The user's own email and name count as guessable.
 */
export function passwordProblem(password: string, userInputs: string[] = []): string | null {
  if (password.length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  const lower = password.toLowerCase();
  const personal = userInputs
    .flatMap((s) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u))
    .filter((s) => s.length >= 4);
  const result = zxcvbn.check(password.slice(0, 100));
  if (result.score < 3 || personal.some((word) => lower.includes(word))) {
    return 'is too easy to guess (a common password, a pattern or your own name); use a longer passphrase';
  }
  return null;
}
