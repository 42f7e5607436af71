import { randomBytes } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import * as argon2 from 'argon2';
import { ARGON2_OPTIONS } from '../users';

/**
 * Password checks that cost the same whether or not the account exists: an unknown email is
 * checked against a dummy hash made with the same argon2 parameters as real ones (at start-up,
 * so the first unknown email costs no more than the next), so sign-in time does not tell which
 * emails have accounts.
 */
@Injectable()
export class PasswordVerifier implements OnModuleInit {
  private dummy: Promise<string> | null = null;

  onModuleInit(): Promise<string> {
    return this.dummyHash();
  }

  /** Whether `password` matches `hash`; with no hash (no such account), false, as slowly. */
  async verify(hash: string | null, password: string): Promise<boolean> {
    const ok = await this.argon2Verify(hash ?? (await this.dummyHash()), password);
    return hash !== null && ok;
  }

  /** One argon2 verification: the unit of work every sign-in attempt does exactly once. */
  argon2Verify(hash: string, password: string): Promise<boolean> {
    return argon2.verify(hash, password);
  }

  private dummyHash(): Promise<string> {
    return (this.dummy ??= argon2.hash(randomBytes(24).toString('base64url'), ARGON2_OPTIONS));
  }
}
