/** Why certificate input could not be read, in a form code can branch on. */
export type CertificateFormatProblem =
  | 'empty'
  | 'too-large'
  | 'not-a-certificate'
  | 'truncated'
  | 'multiple-certificates'
  | 'malformed'
  | 'unsupported';

/**
 * Raised for any certificate input that cannot be read. `reason` is meant for the person who supplied the
 * file (the simulator shows it like CUCM's upload page would); `problem` is for code.
 */
export class CertificateFormatError extends Error {
  constructor(
    readonly problem: CertificateFormatProblem,
    readonly reason: string,
  ) {
    super(`Certificate could not be read: ${reason}`);
    this.name = 'CertificateFormatError';
  }
}
