import { generatePassword, hashPassword, verifyPassword } from './password.util';

describe(hashPassword.name, () => {
  it('stores the scrypt parameters and a fresh salt with every hash', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).toMatch(/^scrypt\$32768\$8\$3\$[\w-]{22}\$[\w-]{86}$/);
    expect(a).not.toBe(b);
  });

  it('verifies the right password and refuses a wrong one or a malformed hash', async () => {
    const h = await hashPassword('s3cret-ü');
    await expect(verifyPassword('s3cret-ü', h)).resolves.toBe(true);
    await expect(verifyPassword('s3cret-u', h)).resolves.toBe(false);
    await expect(verifyPassword('s3cret-ü', 'sha256$abc')).resolves.toBe(false);
    await expect(verifyPassword('s3cret-ü', 'scrypt$99999999999$8$1$c2FsdA$aGFzaA')).resolves.toBe(false);
  });

  it('generates long random passwords', () => {
    const p = generatePassword();
    expect(p).toHaveLength(20);
    expect(generatePassword()).not.toBe(p);
  });
});
