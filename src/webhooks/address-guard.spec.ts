import { isPrivateAddress, webhookTargetRefusal } from './address-guard';

describe('webhook address guard', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.5',
    '192.168.1.10',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::127.0.0.1',
    '64:ff9b::a9fe:a9fe',
    'fe80::1%eth0',
  ])('calls %s private', (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(['8.8.8.8', '203.113.131.1', '2001:4860:4860::8888', '::ffff:808:808', '64:ff9b::808:808'])(
    'calls %s public',
    (address) => expect(isPrivateAddress(address)).toBe(false),
  );

  it('refuses private targets, names that resolve to them and other schemes; honours the allow-list', async () => {
    expect(await webhookTargetRefusal('http://127.0.0.1:9000/hook', [])).toContain('127.0.0.1');
    expect(await webhookTargetRefusal('http://169.254.169.254/latest/meta-data', [])).toContain('link-local');
    expect(await webhookTargetRefusal('http://localhost:9000/hook', [])).toMatch(
      /localhost resolves to (127\.0\.0\.1|::1)/,
    );
    expect(await webhookTargetRefusal('http://[::1]:9000/hook', [])).toContain('::1');
    expect(await webhookTargetRefusal('ftp://8.8.8.8/x', [])).toContain('http or https');
    expect(await webhookTargetRefusal('http://127.0.0.1:9000/hook', ['127.0.0.1'])).toBeNull();
    expect(await webhookTargetRefusal('https://8.8.8.8/hook', [])).toBeNull();
  });
});
