import type { Page } from 'playwright-core';

/**
 * Sends the page's DashboardFigures with its period's ends swapped (2021-06-30 to 2021-01-01), which
 * the gateway executes and its resolver refuses (BAD_USER_INPUT on `period`, data null): a period
 * the gateway refuses, as when a figure fails.
 */
export async function refusePeriodOfFigures(page: Page, origin: string): Promise<void> {
  await page.route(`${origin}/graphql`, async (route) => {
    const body = route.request().postData() ?? '';
    if (!body.includes('"operationName":"DashboardFigures"')) return route.continue();
    const request = JSON.parse(body) as { variables: { period: { from: string; to: string } } };
    request.variables.period = { from: '2021-06-30', to: '2021-01-01' };
    return route.continue({ postData: JSON.stringify(request) });
  });
}
