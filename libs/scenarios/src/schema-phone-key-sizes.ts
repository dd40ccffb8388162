import { z } from 'zod';

/**
 * A phone group's `keySizes: [2048]` (extension, issue 14): the RSA key sizes of CallManager certificates
 * its phones handle, as CURT's Unified CM Phone Feature List says ("3072/4096 RSA key size support")
 * [chapter]. Sizes CUCM offers for a certificate: 1024, 2048, 3072, 4096.
 */
export const PHONE_KEY_SIZES = [1024, 2048, 3072, 4096] as const;

export const phoneKeySizes = z.array(z.literal(PHONE_KEY_SIZES)).min(1);
