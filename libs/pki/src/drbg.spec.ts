import { HmacDrbg } from './drbg';

const hex = (s: string) => Buffer.from(s, 'hex');

describe('HmacDrbg (SHA-256)', () => {
  it('matches the NIST CAVP HMAC_DRBG vector (SHA-256, no reseed, no personalization, count 0)', () => {
    // CAVP procedure: instantiate, generate 1024 bits and discard them, generate 1024 bits and compare.
    const drbg = new HmacDrbg(
      Buffer.concat([hex('ca851911349384bffe89de1cbdc46e6831e44d34a4fb935ee285dd14b71a7488'), hex('659ba96c601dc69fc902940805ec0ca8')]),
    );
    drbg.generate(128);
    expect(drbg.generate(128).toString('hex')).toBe(
      'e528e9abf2dece54d47c7e75e5fe302149f817ea9fb4bee6f4199697d04d5b89d54fbb978a15b5c443c9ec21036d2460' +
        'b6f73ebad0dc2aba6e624abf07745bc107694bb7547bb0995f70de25d6b29e2d3011bb19d27676c07162c8b5ccde0668' +
        '961df86803482cb37ed6d5c0bb8d50cf1f50d476aa0458bdaba806f48be9dcb8',
    );
  });

  it('matches the widely used entropy/nonce/personalization vector', () => {
    const drbg = new HmacDrbg(Buffer.from('totally random0123456789' + 'secret nonce' + 'my drbg'));
    expect(drbg.generate(32).toString('hex')).toBe('018ec5f8e08c41e5ac974eb129ac297c5388ee1864324fa13d9b15cf98d9a157');
  });

  it('is deterministic for the same seed and differs for another seed', () => {
    const a = new HmacDrbg(Buffer.from('seed-a')).generate(64);
    expect(new HmacDrbg(Buffer.from('seed-a')).generate(64)).toEqual(a);
    expect(new HmacDrbg(Buffer.from('seed-b')).generate(64)).not.toEqual(a);
  });

  it('refuses empty seed material and oversized requests', () => {
    expect(() => new HmacDrbg(Buffer.alloc(0))).toThrow(/must not be empty/);
    expect(() => new HmacDrbg(Buffer.from('x')).generate(65537)).toThrow(RangeError);
  });
});
