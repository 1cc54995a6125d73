/** A wrong value in the environment stops the start with a message naming the variable. */
import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

describe('readConfig', () => {
  it('reads the HTTP hardening settings, with their defaults', () => {
    const defaults = readConfig({});
    expect(defaults.trustProxy).toBe(0);
    expect(defaults.metricsToken).toBeNull();
    expect(defaults.creationCodeLockoutBaseMs).toBe(10_000);
    expect(defaults.loopMonitorMs).toBe(10);
    const set = readConfig({
      TRUST_PROXY: '2',
      METRICS_TOKEN: 'abc-123',
      CREATION_CODE_LOCKOUT_BASE_MS: '50',
      LOOP_MONITOR_MS: '1',
    });
    expect(set.loopMonitorMs).toBe(1);
    expect(set.trustProxy).toBe(2);
    expect(set.metricsToken).toBe('abc-123');
    expect(set.creationCodeLockoutBaseMs).toBe(50);
  });

  it.each([
    ['TRUST_PROXY', 'yes'],
    ['TRUST_PROXY', '1.5'],
    ['TRUST_PROXY', '-1'],
    ['CREATION_CODE_LOCKOUT_BASE_MS', '0'],
    ['METRICS_TOKEN', 'two words'],
    ['PORT', '70000'],
    ['STORAGE', 'memroy'],
    ['SQLITE_SYNCHRONOUS', 'off'],
    ['HEARTBEAT_SECONDS', '30'],
    ['HEARTBEAT_SECONDS', '0'],
    ['LOOP_MONITOR_MS', '0'],
    ['LOOP_MONITOR_MS', '2.5'],
  ])('refuses %s=%s', (name, value) => {
    expect(() => readConfig({ [name]: value })).toThrow(new RegExp(`^${name} must`));
  });
});
