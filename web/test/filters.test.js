import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFilters, formatFilters, toVariables, orderBy, toggleSort, toDateTime } from '../src/filters.js';

test('round-trips the filter state through the hash query', () => {
  const state = { flagged: 'true', minRisk: '0.5', signal: 'RELEASE_PIVOT', from: '2026-03-01', sort: 'size', dir: 'asc' };
  assert.deepEqual(parseFilters(formatFilters(state)), state);
  assert.deepEqual(parseFilters('key=dk_secret&flagged=true'), { flagged: 'true' }, 'unknown keys (a key!) are not read back');
});

test('turns the state into the query variables', () => {
  const { variables, errors } = toVariables({ flagged: 'true', minRisk: '0.6', maxRisk: '0.9', minSize: '10', operatorId: ' op-1 ', signal: 'SYNCHRONY', from: '2026-03-01', to: '2026-03-05T12:00:00+02:00', sort: 'size' });
  assert.deepEqual(errors, []);
  assert.deepEqual(variables, {
    first: 25, orderBy: 'SIZE_DESC', flagged: true, minRisk: 0.6, maxRisk: 0.9, minSize: 10, operatorId: 'op-1', signal: 'SYNCHRONY',
    from: '2026-03-01T00:00:00Z', to: '2026-03-05T10:00:00Z',
  });
});

test('reports what is wrong instead of sending it', () => {
  const { errors } = toVariables({ minRisk: '2', minSize: '0', signal: 'NOPE', from: 'yesterday' });
  assert.equal(errors.length, 4);
  assert.match(toVariables({ minRisk: '0.8', maxRisk: '0.2' }).errors[0], /above/);
  assert.match(toVariables({ from: '2026-03-05', to: '2026-03-01' }).errors[0], /after/);
});

test('flagged=false asks for unflagged clusters; no flag asks for all', () => {
  assert.equal(toVariables({ flagged: 'false' }).variables.flagged, false);
  assert.equal('flagged' in toVariables({}).variables, false);
});

test('sorting: default risk descending; clicking the same column flips it', () => {
  assert.equal(orderBy(undefined, undefined), 'RISK_DESC');
  assert.equal(orderBy('size', 'asc'), 'SIZE_ASC');
  const once = toggleSort({}, 'risk');
  assert.equal(orderBy(once.sort, once.dir), 'RISK_ASC');
  const size = toggleSort(once, 'size');
  assert.equal(orderBy(size.sort, size.dir), 'SIZE_DESC');
  assert.equal(orderBy(toggleSort(size, 'size').sort, toggleSort(size, 'size').dir), 'SIZE_ASC');
});

test('dates: a day is UTC midnight; garbage is null', () => {
  assert.equal(toDateTime('2026-03-01'), '2026-03-01T00:00:00Z');
  assert.equal(toDateTime('2026-13-01'), null);
  assert.equal(toDateTime('1 March'), null);
});
