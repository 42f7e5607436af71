import { Injectable } from '@nestjs/common';
import { AuditService, FieldCipher, SYSTEM_ACTOR } from '@witness/platform';
import { DataSource } from 'typeorm';

/** Every encrypted column: table, column, and how its associated data is named. */
export const ENCRYPTED_COLUMNS = [
  { table: 'defenders', column: 'contacts_enc', context: 'contacts', id: 'id' },
  { table: 'defenders', column: 'confidential_notes_enc', context: 'confidential_notes', id: 'id' },
  { table: 'defenders', column: 'usual_address_enc', context: 'usual_address', id: 'id' },
  {
    table: 'detention_events',
    column: 'source_identity_enc',
    context: 'source_identity',
    id: 'id',
  },
  { table: 'users', column: 'mfa_secret_enc', context: 'mfa_secret', id: 'id' },
  {
    table: 'notification_preferences',
    column: 'webhook_secret_enc',
    context: 'webhook_secret',
    id: 'user_id',
  },
  { table: 'escalations', column: 'source_identity_enc', context: 'source_identity', id: 'id' },
  { table: 'dossiers', column: 'content_enc', context: 'content', id: 'id' },
  { table: 'partners', column: 'contact_person_enc', context: 'contact_person', id: 'id' },
  { table: 'documents', column: 'source_identity_enc', context: 'source_identity', id: 'id' },
  // Each file's data key (the files themselves stay as they are: only the wrapping changes).
  { table: 'document_versions', column: 'data_key_enc', context: 'data_key', id: 'id' },
] as const;

/**
 * Re-encrypt every sensitive value under the active key (after adding a new key in front of
 * WITNESS_ENCRYPTION_KEYS). Batches of rows, each batch in its own transaction (waiting for rows
 * another writer holds, so none is skipped); safe to run again after an interruption. Versions are not touched: the content did not change.
 */
@Injectable()
export class KeyRotationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
  ) {}

  async rotate(batch = 500): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    const active = this.cipher.activeKeyId;
    for (const { table, column, context, id } of ENCRYPTED_COLUMNS) {
      let n = 0;
      for (;;) {
        const done = await this.dataSource.transaction(async (tx) => {
          const rows: { id: string; value: string }[] = await tx.query(
            `SELECT ${id}::text AS id, ${column} AS value FROM ${table}
              WHERE ${column} IS NOT NULL AND split_part(${column}, '.', 2) <> $1
              ORDER BY ${id} LIMIT $2 FOR UPDATE`,
            [active, batch],
          );
          for (const r of rows) {
            const ctx = FieldCipher.context(table, context, r.id);
            const plain = this.cipher.decrypt(r.value, ctx);
            await tx.query(`UPDATE ${table} SET ${column} = $2 WHERE id = $1`, [
              r.id,
              this.cipher.encrypt(plain, ctx),
            ]);
          }
          return rows.length;
        });
        n += done;
        if (done < batch) break;
      }
      counts[`${table}.${column}`] = n;
    }
    await this.audit.record(null, SYSTEM_ACTOR, {
      action: 'keys.rotate',
      entityType: 'keyring',
      entityId: active,
      changes: counts,
    });
    return counts;
  }
}
