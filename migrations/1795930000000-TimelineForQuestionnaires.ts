import { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_TYPES = `'arrest', 'charge', 'hearing', 'trial', 'verdict', 'sentence', 'appeal', 'transfer',
  'hunger_strike', 'health_concern', 'ill_treatment', 'visit_denied', 'release',
  'conditional_release', 'rearrest', 'disappearance', 'death', 'other'`;
const NEW_TYPES = `${OLD_TYPES}, 'house_arrest', 'pretrial_extension', 'incommunicado',
  'lawyer_denied', 'complaint', 'habeas_corpus', 'release_request'`;
const OLD_STATUSES = `'detained', 'conditionally_released', 'released', 'disappeared', 'deceased',
  'unknown'`;
const NEW_STATUSES = `'detained', 'house_arrest', 'conditionally_released', 'released',
  'disappeared', 'deceased', 'unknown'`;

/**
 * The timeline holds what the UN questionnaires ask (issue 20): house arrest as its own event
 * and status (a deprivation of liberty, WGAD Deliberation No. 1), extensions of pre-trial
 * detention, incommunicado periods, denial of a lawyer, complaints, habeas corpus and requests
 * for release; on events, the forces involved, whether a warrant was shown, where the person
 * was taken, a period's end and a remedy's outcome. Existing events keep their meaning
 * (`visit_denied` stays the denial of family visits); no existing row changes.
 */
export class TimelineForQuestionnaires1795930000000 implements MigrationInterface {
  name = 'TimelineForQuestionnaires1795930000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "detention_events" ADD "forces" character varying(300)`);
    await queryRunner.query(`ALTER TABLE "detention_events" ADD "warrant_shown" boolean`);
    await queryRunner.query(`ALTER TABLE "detention_events" ADD "taken_to" character varying(300)`);
    await queryRunner.query(`ALTER TABLE "detention_events" ADD "ended_on" date`);
    await queryRunner.query(`ALTER TABLE "detention_events" ADD "outcome" character varying(2000)`);
    await queryRunner.query(`ALTER TABLE "detention_events" ADD "outcome_on" date`);
    await queryRunner.query(
      `ALTER TABLE "detention_events" DROP CONSTRAINT "detention_events_type_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "detention_events" ADD CONSTRAINT "detention_events_type_check" CHECK (type IN (${NEW_TYPES}))`,
    );
    await queryRunner.query(`ALTER TABLE "defenders" DROP CONSTRAINT "defenders_status_check"`);
    await queryRunner.query(
      `ALTER TABLE "defenders" ADD CONSTRAINT "defenders_status_check" CHECK (status IN (${NEW_STATUSES}))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Going back loses the new kinds of facts: their events become `other`, and a defender
    // under house arrest shows as detained until the timeline is derived again.
    await queryRunner.query(
      `UPDATE "detention_events" SET type = 'other' WHERE type NOT IN (${OLD_TYPES})`,
    );
    await queryRunner.query(
      `UPDATE "defenders" SET status = 'detained' WHERE status = 'house_arrest'`,
    );
    await queryRunner.query(`ALTER TABLE "defenders" DROP CONSTRAINT "defenders_status_check"`);
    await queryRunner.query(
      `ALTER TABLE "defenders" ADD CONSTRAINT "defenders_status_check" CHECK (status IN (${OLD_STATUSES}))`,
    );
    await queryRunner.query(
      `ALTER TABLE "detention_events" DROP CONSTRAINT "detention_events_type_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "detention_events" ADD CONSTRAINT "detention_events_type_check" CHECK (type IN (${OLD_TYPES}))`,
    );
    for (const column of [
      'outcome_on',
      'outcome',
      'ended_on',
      'taken_to',
      'warrant_shown',
      'forces',
    ])
      await queryRunner.query(`ALTER TABLE "detention_events" DROP COLUMN "${column}"`);
  }
}
