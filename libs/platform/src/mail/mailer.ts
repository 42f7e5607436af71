import { Global, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createTransport } from 'nodemailer';
import { UnavailableError } from '../errors';

export const DEFAULT_MAIL_FROM = 'Witness <witness@localhost>';

/** Connection, greeting and idle-socket timeouts: a stuck SMTP server fails the job, not the worker. */
export const SMTP_TIMEOUT_MS = 10_000;

export interface MailMessage {
  to: string | string[];
  subject: string;
  html: string;
  text: string;
  /** Message-ID to set (with or without angle brackets); generated when absent. */
  messageId?: string;
  headers?: Record<string, string>;
}

/** Sending was asked for while no SMTP_URL is configured. */
export class MailNotConfiguredError extends UnavailableError {
  constructor() {
    super('Email is not configured: set SMTP_URL (e.g. smtps://user:pass@smtp.example.org:465).');
  }
}

type Transport = ReturnType<typeof createTransport>;

/** The Message-ID as it appears in the header, so callers can store and match it. */
function bracketed(id: string): string {
  const bare = id.trim().replace(/^<|>$/g, '');
  return `<${bare}>`;
}

/**
 * Sends email over SMTP with nodemailer, one connection per message (no pool to go stale
 * between reminders). Retries belong to the caller's job, not to this class.
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transport | null;

  constructor(
    smtpUrl: string | undefined,
    readonly from: string = DEFAULT_MAIL_FROM,
  ) {
    const url = smtpUrl?.trim();
    if (!url) {
      this.transport = null;
      return;
    }
    if (!/^smtps?:\/\/[^\s/]+/i.test(url)) {
      // Never echo the value: it may hold a password.
      throw new Error('SMTP_URL must look like smtp://host:port or smtps://user:pass@host:465');
    }
    this.transport = createTransport(
      {
        url,
        connectionTimeout: SMTP_TIMEOUT_MS,
        greetingTimeout: SMTP_TIMEOUT_MS,
        socketTimeout: SMTP_TIMEOUT_MS,
        dnsTimeout: SMTP_TIMEOUT_MS,
      },
      { from: this.from },
    );
  }

  get configured(): boolean {
    return this.transport !== null;
  }

  async send(message: MailMessage): Promise<{ messageId: string }> {
    if (!this.transport) throw new MailNotConfiguredError();
    const info = await this.transport.sendMail({
      to: message.to,
      subject: message.subject,
      html: message.html,
      text: message.text,
      headers: message.headers,
      ...(message.messageId ? { messageId: bracketed(message.messageId) } : {}),
    });
    return { messageId: info.messageId };
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}

export function createMailer(smtpUrl: string | undefined, from: string): Mailer {
  return new Mailer(smtpUrl, from);
}

/**
 * Provides `Mailer` everywhere. Reads `SMTP_URL` and `MAIL_FROM` through ConfigService (they
 * come from process.env until the validated Env declares them); no SMTP_URL is not an error
 * at boot, only when something tries to send.
 */
@Global()
@Module({
  providers: [
    {
      provide: Mailer,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Record<string, unknown>>) =>
        createMailer(
          config.get<string>('SMTP_URL') || undefined,
          config.get<string>('MAIL_FROM') || DEFAULT_MAIL_FROM,
        ),
    },
  ],
  exports: [Mailer],
})
export class MailModule {}
