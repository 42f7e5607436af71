import { loggableUrl } from './redaction';

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
