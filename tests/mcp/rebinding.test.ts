// The DNS-rebinding guard's rules, without a server: which Host and Origin values pass.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { defaultAllowedHosts, rebindingRefusal } from '../../src/server/hostAllowList.js';

describe('DNS-rebinding guard', () => {
  const loopback = defaultAllowedHosts(loadConfig({ HOST: '127.0.0.1' }));

  it('lets loopback names through on any port, IPv6 included', () => {
    for (const host of ['localhost:8787', '127.0.0.1:1234', '[::1]:8787', 'LOCALHOST']) {
      expect(rebindingRefusal({ host }, loopback), host).toBeNull();
    }
  });

  it('refuses a foreign or missing Host, and a foreign or opaque Origin', () => {
    expect(rebindingRefusal({ host: 'attacker.example:8787' }, loopback)).toMatch(/Host/);
    expect(rebindingRefusal({}, loopback)).toMatch(/Host/);
    expect(
      rebindingRefusal({ host: 'localhost:8787', origin: 'https://attacker.example' }, loopback),
    ).toMatch(/Origin/);
    expect(rebindingRefusal({ host: 'localhost:8787', origin: 'null' }, loopback)).toMatch(/Origin/);
    expect(
      rebindingRefusal({ host: 'localhost:8787', origin: 'http://localhost:5173' }, loopback),
    ).toBeNull();
  });

  it('adds the bound HOST and ADNAVI_ALLOWED_HOSTS, never a wildcard bind', () => {
    const publicHosts = defaultAllowedHosts(
      loadConfig({ HOST: '0.0.0.0', ADNAVI_ALLOWED_HOSTS: 'AdNavi.example.com, ads.internal' }),
    );
    expect(rebindingRefusal({ host: 'adnavi.example.com' }, publicHosts)).toBeNull();
    expect(rebindingRefusal({ host: 'ads.internal:8787' }, publicHosts)).toBeNull();
    expect(rebindingRefusal({ host: '0.0.0.0:8787' }, publicHosts)).toMatch(/Host/);
    const bound = defaultAllowedHosts(loadConfig({ HOST: '10.0.0.5' }));
    expect(rebindingRefusal({ host: '10.0.0.5:8787' }, bound)).toBeNull();
  });
});
