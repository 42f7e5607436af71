import { FieldCipher } from '@witness/platform';

/**
 * Every column the field cipher writes, in one place: key rotation re-encrypts exactly these,
 * the backup check looks for plaintext in exactly these, and a test fails when the schema has
 * a `*_enc` column that is not listed here.
 *
 * A value is bound to its record by the associated data `FieldCipher.context(table, context,
 * <value of idColumn>)`, so a ciphertext copied onto another record (or column) does not decrypt.
 * Each property is mapped `select: false` on its entity: lists and exports never load it.
 */
export const ENCRYPTED_COLUMNS = [
  {
    table: 'defenders',
    column: 'contacts_enc',
    property: 'contactsEnc',
    context: 'contacts',
    idColumn: 'id',
  },
  {
    table: 'defenders',
    column: 'confidential_notes_enc',
    property: 'confidentialNotesEnc',
    context: 'confidential_notes',
    idColumn: 'id',
  },
  {
    table: 'defenders',
    column: 'usual_address_enc',
    property: 'usualAddressEnc',
    context: 'usual_address',
    idColumn: 'id',
  },
  {
    table: 'detention_events',
    column: 'source_identity_enc',
    property: 'sourceIdentityEnc',
    context: 'source_identity',
    idColumn: 'id',
  },
  {
    table: 'users',
    column: 'mfa_secret_enc',
    property: 'mfaSecretEnc',
    context: 'mfa_secret',
    idColumn: 'id',
  },
  {
    table: 'notification_preferences',
    column: 'webhook_secret_enc',
    property: 'webhookSecretEnc',
    context: 'webhook_secret',
    idColumn: 'user_id',
  },
  {
    table: 'escalations',
    column: 'source_identity_enc',
    property: 'sourceIdentityEnc',
    context: 'source_identity',
    idColumn: 'id',
  },
  {
    table: 'dossiers',
    column: 'content_enc',
    property: 'contentEnc',
    context: 'content',
    idColumn: 'id',
  },
  {
    table: 'partners',
    column: 'contact_person_enc',
    property: 'contactPersonEnc',
    context: 'contact_person',
    idColumn: 'id',
  },
  {
    table: 'documents',
    column: 'source_identity_enc',
    property: 'sourceIdentityEnc',
    context: 'source_identity',
    idColumn: 'id',
  },
  // Each file's data key (the files themselves stay as they are: only the wrapping changes).
  {
    table: 'document_versions',
    column: 'data_key_enc',
    property: 'dataKeyEnc',
    context: 'data_key',
    idColumn: 'id',
  },
] as const;

export type EncryptedColumn = (typeof ENCRYPTED_COLUMNS)[number];
export type EncryptedTable = EncryptedColumn['table'];
/** The encrypted properties of one table's entity. */
export type EncryptedProperty<T extends EncryptedTable> = Extract<
  EncryptedColumn,
  { table: T }
>['property'];

/** The registry entry of an entity's encrypted property. */
export function encryptedColumn<T extends EncryptedTable>(
  table: T,
  property: EncryptedProperty<T>,
): EncryptedColumn {
  const found = ENCRYPTED_COLUMNS.find((c) => c.table === table && c.property === property);
  if (!found) throw new Error(`${table}.${property} is not an encrypted column`);
  return found;
}

/** The associated data binding a value of `table.property` to the record `recordId`. */
export function cipherContext<T extends EncryptedTable>(
  table: T,
  property: EncryptedProperty<T>,
  recordId: string,
): string {
  return FieldCipher.context(table, encryptedColumn(table, property).context, recordId);
}
