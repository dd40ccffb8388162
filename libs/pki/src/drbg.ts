import { createHmac } from 'crypto';

/**
 * HMAC-DRBG with SHA-256 (NIST SP 800-90A rev. 1, §10.1.2), without reseeding or prediction resistance.
 *
 * Why our own: the simulator derives key material from the scenario seed, so the byte stream must be
 * identical on every machine and every Node version. Node's CSPRNG cannot be seeded; this construction is
 * small, standard and checked against NIST's CAVP vectors (see drbg.spec.ts).
 *
 * It is a deterministic expander, not an entropy source: anyone who knows the seed knows the output. That is
 * the point here (simulated keys are reproducible), and the reason these keys must never protect anything real.
 */
export class HmacDrbg {
  /** SP 800-90A caps a single request at 2^19 bits. */
  static readonly MAX_BYTES_PER_REQUEST = 65536;

  private key: Buffer = Buffer.alloc(32, 0x00);
  private value: Buffer = Buffer.alloc(32, 0x01);

  /**
   * @param seedMaterial entropy_input || nonce || personalization_string, already concatenated by the caller.
   */
  constructor(seedMaterial: Buffer) {
    if (seedMaterial.length === 0) {
      throw new Error('HmacDrbg: seed material must not be empty');
    }
    this.update(seedMaterial);
  }

  /** Returns the next `length` bytes; `additionalInput` is mixed in as the standard describes. */
  generate(length: number, additionalInput?: Buffer): Buffer {
    if (!Number.isInteger(length) || length < 0 || length > HmacDrbg.MAX_BYTES_PER_REQUEST) {
      throw new RangeError(`HmacDrbg: request of ${length} bytes (allowed 0..${HmacDrbg.MAX_BYTES_PER_REQUEST})`);
    }
    const extra = additionalInput && additionalInput.length > 0 ? additionalInput : undefined;
    if (extra) this.update(extra);
    const blocks: Buffer[] = [];
    let produced = 0;
    while (produced < length) {
      this.value = this.hmac(this.value);
      blocks.push(this.value);
      produced += this.value.length;
    }
    this.update(extra);
    return Buffer.concat(blocks).subarray(0, length);
  }

  /** HMAC_DRBG_Update: refreshes (K, V) from optional provided data. */
  private update(provided?: Buffer): void {
    this.key = this.hmac(this.value, Buffer.from([0x00]), provided);
    this.value = this.hmac(this.value);
    if (!provided || provided.length === 0) return;
    this.key = this.hmac(this.value, Buffer.from([0x01]), provided);
    this.value = this.hmac(this.value);
  }

  private hmac(...parts: (Buffer | undefined)[]): Buffer {
    const mac = createHmac('sha256', this.key);
    for (const part of parts) if (part) mac.update(part);
    return mac.digest();
  }
}
