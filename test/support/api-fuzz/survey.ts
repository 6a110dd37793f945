/**
 * The long fuzz run's survey (FUZZ_SURVEY=<file>, `npm run fuzz -- --survey <file>`): instead of
 * stopping at the first failure of each route, every answer is counted and every distinct
 * failure kept with one example, so that one run lists all there is to fix, and shows how
 * deep the cases got (how many answers were 2xx, how many 4xx, per route and caller).
 */
import { describeRequest, type Outcome } from './harness.ts';
import type { FuzzRequest } from './requests.ts';
import type { StateName } from './routes.ts';

interface RouteSurvey {
  statuses: Map<string, number>;
  /** One example per distinct failure (what was wrong, and the start of the answer). */
  failures: Map<string, string>;
}

export class Survey {
  private readonly routes = new Map<string, RouteSurvey>();

  record(test: string, state: StateName, request: FuzzRequest, outcome: Outcome, found: readonly string[]) {
    const route = this.routes.get(test) ?? { statuses: new Map(), failures: new Map() };
    this.routes.set(test, route);
    const status = outcome.status ? `${String(outcome.status)[0]}xx` : 'none';
    route.statuses.set(status, (route.statuses.get(status) ?? 0) + 1);
    if (!found.length) return;
    const key = `${found.join('; ')} ${outcome.text.slice(0, 200)}`;
    if (!route.failures.has(key)) route.failures.set(key, `${found.join('; ')}: ${describeRequest(state, request)}\n      → ${outcome.status} ${outcome.error ?? outcome.text.slice(0, 300)}`);
  }

  report(): string {
    const lines: string[] = [];
    let failing = 0;
    for (const [test, route] of this.routes) {
      const statuses = [...route.statuses].sort().map(([status, count]) => `${status} ${count}`).join(', ');
      lines.push(`${route.failures.size ? '✖' : '✔'} ${test}: ${statuses}`);
      for (const failure of route.failures.values()) lines.push(`    ${failure}`);
      if (route.failures.size) failing++;
    }
    lines.push(`${this.routes.size} routes and callers, ${failing} with failures`);
    return `${lines.join('\n')}\n`;
  }
}
