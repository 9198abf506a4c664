import type { Page } from 'playwright-core';

/**
 * Everything a screen must not do while a user works in it: uncaught errors, console errors (React
 * warnings included) and API answers of 4xx/5xx the test did not provoke on purpose (`expected`).
 */
export function collectPageProblems(
  page: Page,
  expected: (url: string, status: number) => boolean = () => false,
) {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error')
      problems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on('response', (response) => {
    const status = response.status();
    if (status >= 400 && !expected(response.url(), status))
      problems.push(`HTTP ${status}: ${response.request().method()} ${response.url()}`);
  });
  return problems;
}
