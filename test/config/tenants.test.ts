import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isValidOrganisationNumber } from '../../src/config/organisation-number.ts';
import { loadTenants } from '../../src/config/tenants.ts';
import { CONFIG_DIR } from '../helpers/paths.ts';

function configWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'herald-config-'));
  mkdirSync(join(dir, 'tenants'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'tenants', name), text);
  return dir;
}

const valid = `slug: demo
name: Demo kommune
organisationNumber: "964947007"
channels:
  website: { baseUrl: "https://demo.kommune.no/" }
`;

test('the shipped tenants load, with defaults filled in', () => {
  const tenants = loadTenants(CONFIG_DIR);
  const slugs = tenants.map((t) => t.slug);
  assert.deepEqual(slugs, ['asnes', 'karasjok']);
  const asnes = tenants.find((t) => t.slug === 'asnes');
  assert.ok(asnes);
  assert.equal(asnes.timeZone, 'Europe/Oslo');
  assert.equal(asnes.samiLanguageArea, false);
  assert.equal(asnes.channels.newspapers[0]?.generallyRead, true);
  assert.equal(tenants.find((t) => t.slug === 'karasjok')?.samiLanguageArea, true);
});

test('a minimal tenant gets its defaults', () => {
  const [tenant] = loadTenants(configWith({ 'demo.yaml': valid }));
  assert.ok(tenant);
  assert.equal(tenant.timeZone, 'Europe/Oslo');
  assert.equal(tenant.language, 'nb');
  assert.deepEqual(tenant.channels.newspapers, []);
  assert.deepEqual(tenant.rules, {});
  assert.ok(Object.isFrozen(tenant.channels));
});

test('every problem in every file is reported with file and line', () => {
  const dir = configWith({
    'demo.yaml': valid.replace('964947007', '964947008').replace('slug: demo', 'slug: other'),
    'bad.yaml': `slug: bad
name: Bad
organisationNumber: "12345"
timeZone: Mars/Olympus
channels:
  website: { baseUrl: "ftp://bad" }
  newspapers:
    - id: paper
      name: Paper
      issueWeekdays: [8]
      bookingDeadline: { workingDaysBefore: 2, time: "25:00" }
      ad: { columnWidthMm: 46, columns: 2, maxHeightMm: 200 }
`,
  });
  assert.throws(
    () => loadTenants(dir),
    (error: Error) => {
      const message = error.message;
      assert.match(message, /bad\.yaml:3: \/organisationNumber must match pattern/);
      assert.match(message, /bad\.yaml:6: \/channels\/website\/baseUrl must match pattern/);
      assert.match(message, /bad\.yaml:\d+: \/channels\/newspapers\/0\/issueWeekdays\/0 must be <= 7/);
      assert.match(message, /demo\.yaml:1: slug "other" must match the file name/);
      assert.match(message, /demo\.yaml:3: 964947008 fails the mod-11 check/);
      return true;
    },
  );
});

test('an unknown time zone and a YAML syntax error are reported', () => {
  assert.throws(() => loadTenants(configWith({ 'demo.yaml': `${valid}timeZone: Europe/Atlantis\n` })), /demo\.yaml:6: "Europe\/Atlantis" is not an IANA time zone/);
  assert.throws(() => loadTenants(configWith({ 'demo.yaml': 'slug: [unclosed\n' })), /demo\.yaml:\d+: /);
});

test('organisation numbers are checked with mod 11', () => {
  assert.equal(isValidOrganisationNumber('964947007'), true);
  assert.equal(isValidOrganisationNumber('964947008'), false);
  assert.equal(isValidOrganisationNumber('96494700'), false);
});
