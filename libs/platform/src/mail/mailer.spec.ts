import { header, startSmtp, type Mail } from '../../../../test/support/smtp';
import { createMailer, DEFAULT_MAIL_FROM, MailNotConfiguredError } from './mailer';
import { renderEmail } from './templates';

describe('Mailer', () => {
  const received: Mail[] = [];
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp(received);
  });
  afterAll(() => smtp.close());

  it('sends HTML and text parts with the given Message-ID to a real SMTP server', async () => {
    const mailer = createMailer(`smtp://127.0.0.1:${smtp.port}`, 'Witness <alerts@witness.test>');
    const messageId = '<delivery-6f1c2a4e@witness.test>';
    const result = await mailer.send({
      to: 'caseworker@example.org',
      subject: 'Reminder: Hearing – Appeal hearing',
      html: '<p>Hearing: <strong>Appeal</strong></p>',
      text: 'Hearing: Appeal',
      messageId,
      headers: { 'X-Witness-Delivery': '6f1c2a4e' },
    });
    expect(result.messageId).toBe(messageId);

    const got = received.at(-1)!;
    expect(got.from).toBe('alerts@witness.test');
    expect(got.to).toEqual(['caseworker@example.org']);
    expect(header(got.raw, 'Message-ID')).toBe(messageId);
    // The en dash makes nodemailer MIME-encode (and fold) the subject.
    expect(header(got.raw, 'Subject')).toBe('Reminder: Hearing – Appeal hearing');
    expect(header(got.raw, 'X-Witness-Delivery')).toBe('6f1c2a4e');
    expect(header(got.raw, 'From')).toBe('Witness <alerts@witness.test>');
    expect(got.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(got.raw).toMatch(/Content-Type: text\/plain/i);
    expect(got.raw).toMatch(/Content-Type: text\/html/i);
    expect(got.raw).toContain('Hearing: Appeal');
    expect(got.raw).toContain('<strong>Appeal</strong>');
    mailer.onApplicationShutdown();
  });

  it('adds angle brackets to a bare Message-ID and generates one when absent', async () => {
    const mailer = createMailer(`smtp://127.0.0.1:${smtp.port}`, DEFAULT_MAIL_FROM);
    const a = await mailer.send({
      to: 'a@example.org',
      subject: 'Plain subject',
      html: '<p>x</p>',
      text: 'x',
      messageId: 'bare-id@witness.test',
    });
    expect(a.messageId).toBe('<bare-id@witness.test>');
    expect(header(received.at(-1)!.raw, 'Subject')).toBe('Plain subject');
    expect(header(received.at(-1)!.raw, 'Message-ID')).toBe('<bare-id@witness.test>');
    expect(header(received.at(-1)!.raw, 'From')).toBe('Witness <witness@localhost>');

    const b = await mailer.send({ to: 'a@example.org', subject: 's', html: 'h', text: 't' });
    expect(b.messageId).toMatch(/^<.+@.+>$/);
    expect(header(received.at(-1)!.raw, 'Message-ID')).toBe(b.messageId);
  });

  it('delivers a rendered reminder intact', async () => {
    const mailer = createMailer(`smtp://127.0.0.1:${smtp.port}`, DEFAULT_MAIL_FROM);
    const mail = renderEmail('reminder', {
      title: 'Audience d’appel <img src=x onerror=alert(1)>',
      kindLabel: 'Hearing',
      dueAtText: 'mardi 10 juin 2025, 10:00 (Europe/Paris)',
      late: false,
      link: 'https://witness.example.org/milestones/1',
      baseUrl: 'https://witness.example.org',
    });
    await mailer.send({ to: 'a@example.org', ...mail });
    const raw = received.at(-1)!.raw;
    expect(header(raw, 'Subject')).toBe(mail.subject);
    const [textPart, htmlPart] = raw.split(/Content-Type: text\/html/i);
    expect(htmlPart).toBeDefined();
    expect(htmlPart).not.toMatch(/<img/i);
    expect(htmlPart).toContain('&lt;img');
    expect(textPart).toContain('<img src=3Dx'); // plain text is not HTML: shown as typed (QP)
  });

  it('fails when the server is down (for the job to retry)', async () => {
    const down = await startSmtp([]);
    const port = down.port;
    await down.close();
    const mailer = createMailer(`smtp://127.0.0.1:${port}`, DEFAULT_MAIL_FROM);
    await expect(
      mailer.send({ to: 'a@example.org', subject: 's', html: 'h', text: 't' }),
    ).rejects.toThrow();
  });

  it('throws MailNotConfiguredError when SMTP_URL is unset', async () => {
    for (const url of [undefined, '', '  ']) {
      const mailer = createMailer(url, DEFAULT_MAIL_FROM);
      expect(mailer.configured).toBe(false);
      await expect(
        mailer.send({ to: 'a@example.org', subject: 's', html: 'h', text: 't' }),
      ).rejects.toBeInstanceOf(MailNotConfiguredError);
    }
  });

  it('refuses a malformed SMTP_URL without echoing it', () => {
    expect(() => createMailer('http://user:s3cret@host', DEFAULT_MAIL_FROM)).toThrow(/SMTP_URL/);
    try {
      createMailer('http://user:s3cret@host', DEFAULT_MAIL_FROM);
    } catch (e) {
      expect((e as Error).message).not.toContain('s3cret');
    }
  });
});
