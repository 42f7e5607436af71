import { Writable } from 'node:stream';
import pino from 'pino';
import { censorSensitive, LOG_CENSORSHIP, loggableUrl } from './redaction';

describe('loggableUrl', () => {
  it('logs the path only, without the query string', () => {
    expect(loggableUrl('/api/v1/defenders?q=Amina')).toBe('/api/v1/defenders');
  });

  it('censors a calendar feed secret in the path', () => {
    const secret = 'Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9v';
    expect(loggableUrl(`/api/v1/calendar-feeds/${secret}.ics`)).toBe(
      '/api/v1/calendar-feeds/[redacted]',
    );
    expect(loggableUrl(`/api/v1/calendar-feeds/${secret}.ics?x=1`)).not.toContain(secret);
  });

  it('leaves the management routes alone', () => {
    expect(loggableUrl('/api/v1/me/calendar-feed')).toBe('/api/v1/me/calendar-feed');
  });
});

describe('censorSensitive', () => {
  it('censors sensitive keys in the first four levels, objects and arrays alike', () => {
    const logged = {
      password: 'hunter2',
      user: { email: 'a@example.org', token: 'abc' },
      body: { defender: { contacts: [{ phone: '+1 555' }] }, items: [{ secret: 's' }] },
      deep: { a: { b: { c: { password: 'too deep to look at' } } } },
    };
    expect(censorSensitive(logged)).toEqual({
      password: '[redacted]',
      user: { email: 'a@example.org', token: '[redacted]' },
      body: { defender: { contacts: '[redacted]' }, items: [{ secret: '[redacted]' }] },
      deep: { a: { b: { c: { password: 'too deep to look at' } } } },
    });
  });

  it('leaves the logged object itself untouched', () => {
    const logged = { user: { token: 'abc' } };
    censorSensitive(logged);
    expect(logged.user.token).toBe('abc');
  });

  it('returns the same object when there is nothing to censor (no copy per log line)', () => {
    const logged = { req: { id: '1', method: 'GET', url: '/x' }, res: { statusCode: 200 } };
    expect(censorSensitive(logged)).toBe(logged);
    const list = [{ a: 1 }, 'b'];
    expect(censorSensitive(list)).toBe(list);
  });

  it('passes dates, buffers, errors and primitives through', () => {
    const when = new Date(0);
    const err = Object.assign(new Error('x'), { token: 't' });
    expect(censorSensitive(when)).toBe(when);
    expect(censorSensitive(err)).toBe(err);
    expect(censorSensitive('password')).toBe('password');
    expect(censorSensitive(null)).toBeNull();
  });
});

describe('LOG_CENSORSHIP in a pino logger', () => {
  function capture() {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    });
    return { lines, log: pino({ ...LOG_CENSORSHIP }, stream) };
  }

  it('censors log objects, also through a child logger, and header credentials', () => {
    const { lines, log } = capture();
    log
      .child({ scope: 'x' })
      .info({ actor: { totpSecret: 'JBSWY3DP' }, input: { confidentialNotes: 'n' } }, 'm');
    log.info({ req: { headers: { authorization: 'Bearer abc', accept: '*/*' } } }, 'h');
    const text = JSON.stringify(lines);
    expect(text).not.toMatch(/JBSWY3DP|"n"|Bearer abc/);
    expect(lines[0]).toMatchObject({
      actor: { totpSecret: '[redacted]' },
      input: { confidentialNotes: '[redacted]' },
    });
    expect(lines[1]).toMatchObject({
      req: { headers: { authorization: '[redacted]', accept: '*/*' } },
    });
  });
});
