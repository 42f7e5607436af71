import type { Locator, Page } from 'playwright-core';

/**
 * The typeahead picker (templates/web/partials/picker.hbs) in a browser test: what it has
 * chosen, and choosing in it as a person would.
 */

/** The ids a picker has chosen: its hidden inputs under the field's name, in order. */
export async function pickedIds(scope: Page | Locator, name: string): Promise<string[]> {
  return scope
    .locator(`[data-picker][data-picker-name="${name}"] .picker__chip input[type=hidden]`)
    .evaluateAll((inputs) => inputs.map((i) => (i as unknown as { value: string }).value));
}

/** The names of a picker's chips, in order. */
export async function pickedLabels(scope: Page | Locator, name: string): Promise<string[]> {
  return (
    await scope
      .locator(`[data-picker][data-picker-name="${name}"] .picker__chip .picker__label`)
      .allTextContents()
  ).map((s) => s.trim());
}

/**
 * With the script: type into the combobox labelled `label`, wait for the match named
 * `option` (the server's search answers), move to it with the arrow keys and press Enter.
 */
export async function pick(
  scope: Page | Locator,
  label: string,
  typed: string,
  option: string | RegExp,
): Promise<void> {
  const box = scope.getByRole('combobox', { name: label, exact: true });
  await box.fill(typed);
  const listbox = scope.getByRole('listbox', { name: label, exact: true });
  const wanted = listbox.getByRole('option', { name: option });
  await wanted.waitFor({ state: 'visible' });
  const wantedId = await wanted.getAttribute('id');
  const count = await listbox.getByRole('option').count();
  for (let i = 0; i < count; i++) {
    await box.press('ArrowDown');
    if ((await box.getAttribute('aria-activedescendant')) === wantedId) break;
  }
  await box.press('Enter');
  await listbox.waitFor({ state: 'hidden' });
}
