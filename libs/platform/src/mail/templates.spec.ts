import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { emailTemplatesDir, renderEmail } from './templates';

const item = {
  title: 'Appeal hearing',
  kindLabel: 'Hearing',
  dueAtText: 'Tuesday 10 June 2025, 10:00 (Europe/Paris)',
  late: false,
  link: 'https://witness.example.org/milestones/6f1c2a4e-0000-4000-8000-000000000001',
  defenderName: 'Nadia Rahman',
};
const baseUrl = 'https://witness.example.org';
const XSS = '<img src=x onerror=alert(1)>';

describe('renderEmail', () => {
  it('finds templates/emails at the repository root', () => {
    expect(existsSync(join(emailTemplatesDir(), 'reminder.html.hbs'))).toBe(true);
  });

  it('renders a reminder: subject, HTML and text', () => {
    const mail = renderEmail('reminder', { ...item, baseUrl });
    expect(mail.subject).toBe(
      'Reminder: Hearing – Appeal hearing – Tuesday 10 June 2025, 10:00 (Europe/Paris)',
    );
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.html).toContain('Hearing: Appeal hearing');
    expect(mail.html).toContain('Nadia Rahman');
    expect(mail.html).toContain(`href="${item.link}"`);
    expect(mail.html).not.toMatch(/<img|<link|@import|url\(/i); // nothing external to load
    expect(mail.text).toContain('Hearing: Appeal hearing');
    expect(mail.text).toContain('Case: Nadia Rahman');
    expect(mail.text).toContain(`Open it in Witness: ${item.link}`);
    expect(mail.text).not.toContain('late');
    expect(mail.text).not.toMatch(/<[a-z]/i);
    expect(mail.text.endsWith('\n')).toBe(true);
  });

  it('marks a late reminder', () => {
    const mail = renderEmail('reminder', { ...item, late: true, baseUrl });
    expect(mail.subject.startsWith('[Late] Reminder:')).toBe(true);
    expect(mail.html).toContain('Late reminder');
    expect(mail.text).toMatch(/^This reminder is late/);
  });

  it('escapes HTML in the HTML part and leaves the text part readable', () => {
    const mail = renderEmail('reminder', {
      ...item,
      title: XSS,
      defenderName: 'A & B "quoted"',
      baseUrl,
    });
    expect(mail.html).not.toContain(XSS);
    expect(mail.html).not.toMatch(/<img/i);
    expect(mail.html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(mail.html).toContain('A &amp; B &quot;quoted&quot;');
    expect(mail.text).toContain(`Hearing: ${XSS}`);
    expect(mail.subject).toContain(XSS);
    expect(mail.subject).not.toContain('&lt;');
  });

  it('keeps the subject on one line', () => {
    const mail = renderEmail('reminder', {
      ...item,
      title: 'Line one\r\nBcc: x@example.org',
      baseUrl,
    });
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it('omits the name for a restricted case', () => {
    const { defenderName: _omit, ...restricted } = item;
    const mail = renderEmail('reminder', { ...restricted, baseUrl });
    for (const part of [mail.subject, mail.html, mail.text]) {
      expect(part).not.toContain('Nadia');
      expect(part).not.toContain('Rahman');
    }
    expect(mail.html).toContain('a restricted case');
    expect(mail.text).toContain('Case: a restricted case');
  });

  it('renders a digest with several items, names only where allowed', () => {
    const { defenderName: _omit, ...restricted } = item;
    const items = [
      item,
      { ...restricted, title: 'UN reply due', kindLabel: 'WGAD reply due', late: true },
    ];
    const mail = renderEmail('digest', {
      items,
      dateText: 'Tuesday 10 June 2025',
      baseUrl,
      defenderName: 'Must Not Leak Into Items',
    });
    expect(mail.subject).toBe('Witness: 2 reminders for Tuesday 10 June 2025');
    expect(mail.html).toContain('Hearing: Appeal hearing');
    expect(mail.html).toContain('WGAD reply due: UN reply due');
    expect(mail.html.match(/Nadia Rahman/g)).toHaveLength(1);
    expect(mail.html).toContain('a restricted case');
    expect(mail.html).not.toContain('Must Not Leak');
    expect(mail.text).toContain('- WGAD reply due: UN reply due (late)');
    expect(mail.text).toContain('Case: a restricted case');
    expect(mail.text.match(/Nadia Rahman/g)).toHaveLength(1);

    const one = renderEmail('digest', { items: [item], baseUrl });
    expect(one.subject).toBe('Witness: 1 reminder');
  });

  it('escapes HTML in digest items', () => {
    const mail = renderEmail('digest', { items: [{ ...item, title: XSS }], baseUrl });
    expect(mail.html).not.toMatch(/<img/i);
  });

  it('refuses unknown or path-like template names', () => {
    expect(() => renderEmail('../package', {})).toThrow(/Invalid email template name/);
    expect(() => renderEmail('missing', {})).toThrow(/not found/);
  });
});
