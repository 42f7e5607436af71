import type { AuthenticatedActor, CompletenessView, QuestionnaireService } from '@witness/domain';

/** The completeness of both editions, as the escalation page and the questionnaire show it. */
export async function completenessPanel(
  questionnaire: QuestionnaireService,
  id: string,
  actor: AuthenticatedActor,
): Promise<{ submission: CompletenessView; public: CompletenessView }> {
  const [submission, pub] = await Promise.all([
    questionnaire.completeness(id, 'submission', actor),
    questionnaire.completeness(id, 'public', actor),
  ]);
  return { submission, public: pub };
}
