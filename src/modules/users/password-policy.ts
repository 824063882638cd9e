import { Injectable } from '@nestjs/common';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { UserErrors } from './users.errors.js';

export const MIN_PASSWORD_LENGTH = 10;
/** zxcvbn score 0–4; 3 means "safely unguessable: moderate protection from offline slow-hash attacks". */
export const MIN_PASSWORD_SCORE = 3;

/** The minimum strength of a password, judged by zxcvbn against common passwords and the user's own details. */
@Injectable()
export class PasswordPolicy {
  private readonly zxcvbn = new ZxcvbnFactory({
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary },
  });

  /** Throws BAD_USER_INPUT naming `field`, with what to do about it; the password itself is never echoed. */
  assertStrong(password: string, field: string, userInputs: string[] = []): void {
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw UserErrors.tooShort(field, MIN_PASSWORD_LENGTH);
    }
    const result = this.zxcvbn.check(password, userInputs.flatMap((s) => s.toLowerCase().split(/[@.\s]+/)).filter(Boolean));
    if (result.score < MIN_PASSWORD_SCORE) {
      // zxcvbn's own hints exist in English only; the catalogue's advice exists in every language.
      throw UserErrors.guessable(field);
    }
  }
}
