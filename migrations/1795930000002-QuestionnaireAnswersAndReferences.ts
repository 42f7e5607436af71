import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dossiers a UN desk officer accepts as is (issue 20):
 * - every escalation gets our human reference WIT-YYYY-NNNN (per year of creation, gap-free,
 *   from a counter row per year); existing ones are numbered by creation order;
 * - answers drawn from the record can be overridden on the escalation (`answer_overrides`):
 *   what an escalation's content typed for the arrest, the detention and the domestic remedies
 *   (before they were drawn from the timeline) becomes those overrides, so no dossier loses
 *   what a coordinator wrote; an identity document moves to the person it belongs to (the only
 *   one, or in a group the first person recorded);
 * - each dossier version keeps its file name (given now to existing versions) and whether it
 *   was generated incomplete;
 * - consent may be given by an organisation acting for the person.
 */
export class QuestionnaireAnswersAndReferences1795930000002 implements MigrationInterface {
  name = 'QuestionnaireAnswersAndReferences1795930000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "escalation_reference_counters" (
        "year" smallint NOT NULL,
        "last_number" integer NOT NULL,
        CONSTRAINT "PK_c2cb4746e5054bdaac289b79e22" PRIMARY KEY ("year")
      )`);
    await queryRunner.query(`ALTER TABLE "escalations" ADD "reference" character varying(20)`);
    await queryRunner.query(`
      WITH numbered AS (
        SELECT id, extract(year FROM created_at AT TIME ZONE 'UTC')::int AS y,
               row_number() OVER (PARTITION BY extract(year FROM created_at AT TIME ZONE 'UTC')
                                  ORDER BY created_at, id) AS n
          FROM escalations)
      UPDATE escalations e
         SET reference = 'WIT-' || x.y || '-' ||
             CASE WHEN x.n < 10000 THEN lpad(x.n::text, 4, '0') ELSE x.n::text END
        FROM numbered x WHERE x.id = e.id`);
    await queryRunner.query(`
      INSERT INTO escalation_reference_counters (year, last_number)
      SELECT extract(year FROM created_at AT TIME ZONE 'UTC')::int, count(*)
        FROM escalations GROUP BY 1`);
    await queryRunner.query(`ALTER TABLE "escalations" ALTER COLUMN "reference" SET NOT NULL`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "escalations_reference_key" ON "escalations" ("reference")`,
    );

    await queryRunner.query(
      `ALTER TABLE "escalations" ADD "answer_overrides" jsonb NOT NULL DEFAULT '{}'`,
    );
    const rows: {
      id: string;
      content: Record<string, unknown>;
      updated_at: Date;
      defender_ids: string[];
    }[] = await queryRunner.query(`
      SELECT e.id, e.content, e.updated_at,
             array(SELECT ed.defender_id FROM escalation_defenders ed
                     JOIN defenders d ON d.id = ed.defender_id
                    WHERE ed.escalation_id = e.id ORDER BY d.created_at, d.id) AS defender_ids
        FROM escalations e
       WHERE e.content ?| array['arrest', 'detention', 'domesticRemedies', 'identityDocument']`);
    for (const r of rows) {
      const { content, overrides } = moveTypedAnswers(r.content, r.defender_ids, r.updated_at);
      await queryRunner.query(
        `UPDATE escalations SET content = $2, answer_overrides = $3 WHERE id = $1`,
        [r.id, JSON.stringify(content), JSON.stringify(overrides)],
      );
    }

    await queryRunner.query(`ALTER TABLE "dossiers" ADD "file_name" character varying(200)`);
    await queryRunner.query(`
      UPDATE dossiers d
         SET file_name = e.reference || '-' ||
             CASE e.kind
               WHEN 'wgad_regular' THEN 'wgad' WHEN 'wgad_urgent_action' THEN 'wgad-ua'
               WHEN 'sp_urgent_appeal' THEN 'sp-ua' WHEN 'sp_allegation_letter' THEN 'sp-al'
               WHEN 'hrc_statement' THEN 'hrc' WHEN 'hrc_side_event' THEN 'hrc-side-event'
               WHEN 'upr_submission' THEN 'upr'
               ELSE regexp_replace(e.mechanism, '[^A-Za-z0-9-]+', '-', 'g') END ||
             '-' || d.language || '-v' || d.version_no ||
             CASE d.edition WHEN 'public' THEN '-public' ELSE '' END || '.' || d.format
        FROM escalations e WHERE e.id = d.escalation_id`);
    await queryRunner.query(`ALTER TABLE "dossiers" ALTER COLUMN "file_name" SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "dossiers" ADD "incomplete" boolean NOT NULL DEFAULT false`,
    );

    await queryRunner.query(`ALTER TABLE "consents" DROP CONSTRAINT "consents_given_by_check"`);
    await queryRunner.query(`ALTER TABLE "consents" ADD CONSTRAINT "consents_given_by_check"
      CHECK (given_by IN ('defender', 'family_member', 'lawyer', 'organisation', 'other'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "consents" SET given_by = 'other' WHERE given_by = 'organisation'`,
    );
    await queryRunner.query(`ALTER TABLE "consents" DROP CONSTRAINT "consents_given_by_check"`);
    await queryRunner.query(`ALTER TABLE "consents" ADD CONSTRAINT "consents_given_by_check"
      CHECK (given_by IN ('defender', 'family_member', 'lawyer', 'other'))`);
    await queryRunner.query(`ALTER TABLE "dossiers" DROP COLUMN "incomplete"`);
    await queryRunner.query(`ALTER TABLE "dossiers" DROP COLUMN "file_name"`);
    // Overrides are not typed content any more: going back drops them (and the references).
    await queryRunner.query(`ALTER TABLE "escalations" DROP COLUMN "answer_overrides"`);
    await queryRunner.query(`DROP INDEX "escalations_reference_key"`);
    await queryRunner.query(`ALTER TABLE "escalations" DROP COLUMN "reference"`);
    await queryRunner.query(`DROP TABLE "escalation_reference_counters"`);
  }
}

type Json = Record<string, unknown>;

/**
 * The typed arrest, detention and remedies of an escalation's content as overrides of the
 * answers now drawn from the record (one per person for the arrest and detention, the
 * remedies as one text), and its identity document moved to its person.
 */
function moveTypedAnswers(
  content: Json,
  defenderIds: string[],
  at: Date,
): { content: Json; overrides: Record<string, { value: string | boolean; by: null; at: string }> } {
  const { arrest, detention, domesticRemedies, identityDocument, ...rest } = content ?? {};
  const overrides: Record<string, { value: string | boolean; by: null; at: string }> = {};
  const stamp = at.toISOString();
  for (const [section, values] of [
    ['arrest', arrest],
    ['detention', detention],
  ] as const) {
    if (!values || typeof values !== 'object') continue;
    for (const [k, v] of Object.entries(values as Json)) {
      const value =
        typeof v === 'boolean' ? v : typeof v === 'string' && v.trim() ? v.trim() : null;
      if (value === null) continue;
      for (const d of defenderIds)
        overrides[`${section}.${k}@${d}`] = { value, by: null, at: stamp };
    }
  }
  if (Array.isArray(domesticRemedies) && domesticRemedies.length) {
    const lines = (domesticRemedies as Json[]).map((r) =>
      [r.date, r.step, r.result].filter((x) => typeof x === 'string' && x).join(' — '),
    );
    overrides['remedies.steps'] = { value: lines.join('\n'), by: null, at: stamp };
  }
  const out: Json = { ...rest };
  if (identityDocument && typeof identityDocument === 'object' && defenderIds.length) {
    out.identityDocuments = [{ defenderId: defenderIds[0], ...(identityDocument as Json) }];
  }
  return { content: out, overrides };
}
