import type { Actor } from '../shared/actor';
import { documentVisibleSql, seesConfidentialDocuments } from './document-access';

const actor = (role: Actor['role'], userId: string | null = 'u1'): Actor => ({ role, userId });

describe('document access rules', () => {
  it('confidential documents: assigned caseworkers, coordinators, admins and the system', () => {
    expect(seesConfidentialDocuments(actor('admin'), false)).toBe(true);
    expect(seesConfidentialDocuments(actor('coordinator'), false)).toBe(true);
    expect(seesConfidentialDocuments(actor('system', null), false)).toBe(true);
    expect(seesConfidentialDocuments(actor('caseworker'), true)).toBe(true);
    expect(seesConfidentialDocuments(actor('caseworker'), false)).toBe(false);
    expect(seesConfidentialDocuments(actor('viewer'), true)).toBe(false);
  });

  it('the list condition says the same, and always leaves deleted documents out', () => {
    expect(documentVisibleSql(actor('admin'), 'x')).toEqual({
      where: 'x.deleted_at IS NULL',
      params: {},
    });
    expect(documentVisibleSql(actor('viewer'), 'x').where).toBe(
      'x.deleted_at IS NULL AND x.confidential = false',
    );
    const cw = documentVisibleSql(actor('caseworker', 'u9'), 'x');
    expect(cw.where).toMatch(
      /x\.confidential = false OR EXISTS \(SELECT 1 FROM defender_assignees/,
    );
    expect(cw.params).toEqual({ docUserId: 'u9' });
  });
});
