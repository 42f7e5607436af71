import type { RequestOptions, TestResponse } from './api';

/** Record the defender's own written consent to each purpose, given on `decidedOn`. */
export async function giveConsents(
  request: (o: RequestOptions) => Promise<TestResponse>,
  defenderId: string,
  purposes: readonly string[],
  decidedOn: string,
): Promise<void> {
  for (const purpose of purposes) {
    const res = await request({
      method: 'POST',
      url: `/api/v1/defenders/${defenderId}/consents`,
      body: { purpose, decision: 'given', givenBy: 'defender', method: 'written', decidedOn },
    });
    if (res.status !== 201) throw new Error(`consent ${purpose}: ${res.status} ${res.text}`);
  }
}
