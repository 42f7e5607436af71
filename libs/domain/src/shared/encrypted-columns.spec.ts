import { cipherContext, ENCRYPTED_COLUMNS, encryptedColumn } from './encrypted-columns';

describe('encrypted columns registry', () => {
  it('keeps the associated data of stored values as it was written (else they no longer decrypt)', () => {
    expect(
      ENCRYPTED_COLUMNS.map(
        (c) => `${c.table}.${c.column} ${cipherContext(c.table, c.property as never, 'R')}`,
      ),
    ).toEqual([
      'defenders.contacts_enc defenders.contacts:R',
      'defenders.confidential_notes_enc defenders.confidential_notes:R',
      'defenders.usual_address_enc defenders.usual_address:R',
      'detention_events.source_identity_enc detention_events.source_identity:R',
      'users.mfa_secret_enc users.mfa_secret:R',
      'notification_preferences.webhook_secret_enc notification_preferences.webhook_secret:R',
      'escalations.source_identity_enc escalations.source_identity:R',
      'dossiers.content_enc dossiers.content:R',
      'partners.contact_person_enc partners.contact_person:R',
      'documents.source_identity_enc documents.source_identity:R',
      'document_versions.data_key_enc document_versions.data_key:R',
    ]);
  });

  it('finds an entry by table and entity property', () => {
    expect(encryptedColumn('notification_preferences', 'webhookSecretEnc')).toMatchObject({
      column: 'webhook_secret_enc',
      idColumn: 'user_id',
    });
    expect(() => encryptedColumn('users', 'contactsEnc' as never)).toThrow(/users\.contactsEnc/);
  });
});
