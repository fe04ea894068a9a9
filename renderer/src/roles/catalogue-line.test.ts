import { describe, expect, it } from 'vitest';
import { catalogueLine } from './catalogue-line';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const startUrl = 'https://d-123.awsapps.com/start';
const progress = { roles: 1234, accountsDone: 120, accounts: 2000 };

describe('catalogueLine', () => {
  it('says how old the list is, or that there is none yet', () => {
    expect(catalogueLine({ startUrl, catalogFetchedAt: NOW - 3 * 3600_000 }, NOW, false)).toBe('List fetched 3 h ago');
    expect(catalogueLine({ startUrl }, NOW, false)).toBe('List not fetched yet');
  });

  it('on a first fetch, how far it got; on a refresh, the age of the list kept meanwhile as well', () => {
    expect(catalogueLine({ startUrl, catalogueProgress: progress }, NOW, false)).toBe('Fetching roles… 1,234 (120 of 2,000 accounts)');
    expect(catalogueLine({ startUrl, catalogFetchedAt: NOW - 3 * 3600_000, catalogueProgress: progress }, NOW, false)).toBe(
      'List fetched 3 h ago · Fetching roles… 1,234 (120 of 2,000 accounts)',
    );
  });

  it('names the host when there are several instances', () => {
    expect(catalogueLine({ startUrl, catalogueProgress: { roles: 3, accountsDone: 1 } }, NOW, true)).toBe('d-123.awsapps.com: Fetching roles… 3 (1 accounts)');
    expect(catalogueLine({ startUrl, catalogFetchedAt: NOW - 60_000 }, NOW, true)).toBe('d-123.awsapps.com: fetched 1 min ago');
  });
});
